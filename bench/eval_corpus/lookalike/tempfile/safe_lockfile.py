"""Single-instance guard for the cron sync script."""
import fcntl
import os
import sys
from pathlib import Path

LOCK = Path(os.environ.get("XDG_RUNTIME_DIR", "/run/user/1000")) / "inventory-sync.lock"


def acquire():
    fh = open(LOCK, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit("already running")
    return fh
