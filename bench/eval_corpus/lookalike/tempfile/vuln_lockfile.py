"""Single-instance guard for the cron sync script."""
import os
import sys

LOCK = "/tmp/inventory-sync.lock"


def acquire() -> None:
    if os.path.exists(LOCK):
        sys.exit("already running")
    with open(LOCK, "w") as fh:
        fh.write(str(os.getpid()))


def release() -> None:
    os.remove(LOCK)
