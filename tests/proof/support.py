"""Shared helpers for the proof tests: unthrottled real server processes, canaries, command lines."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import ServerProcess

#: Limits raised so a proof test exercises the service, not its throttles.
UNTHROTTLED = {
    "WFC_RATE_LIMIT_CAPACITY": "1000000",
    "WFC_RATE_LIMIT_REFILL_RATE": "1000000",
    "WFC_RATE_LIMIT_CREATE_CAPACITY": "100000",
    "WFC_RATE_LIMIT_CREATE_REFILL_RATE": "100000",
    "WFC_RATE_LIMIT_CREATE_PREFIX_CAPACITY": "100000",
    "WFC_RATE_LIMIT_CREATE_PREFIX_REFILL_RATE": "100000",
    "WFC_REVIEW_MAX_QUEUED_PER_PROJECT": "100000",
    "WFC_DRAIN_GRACE_SECONDS": "2",
}


@contextmanager
def running_server(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """A ready ``python -m wfc_server`` process, killed (whole group) on exit."""
    server = ServerProcess(data_dir, {**UNTHROTTLED, **(env or {})}).start()
    try:
        asyncio.run(server.wait_ready())
        yield server
    finally:
        server.stop()


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and link below ``root`` with a content hash: a canary to diff before and after."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*filenames, *dirnames]:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
