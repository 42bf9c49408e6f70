"""Crash-safe file writes: temp file, fsync, rename, fsync of the directory.

After :func:`write_atomic` returns, the new content is durable and a crash at any instant leaves
either the old file or the new one, never a torn mix. Temp files carry a ``.tmp`` suffix so a
restart can sweep the leftovers of a crash mid-write.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path

import aiofiles
import aiofiles.os

TMP_SUFFIX = ".tmp"


def temp_path(path: Path) -> Path:
    """A fresh temp file beside ``path``, named so that :func:`sweep_temp_files` knows it."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    """Whether a file name is one :func:`temp_path` makes (a crash's leftover at start-up)."""
    return name.startswith(".") and name.endswith(TMP_SUFFIX)


def remove_quietly(path: str | Path) -> bool:
    """Unlink ``path``; whether it was removed (start-up sweeps go on past a file they cannot)."""
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


async def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Durably replace ``path`` with ``data``."""
    tmp = temp_path(path)
    try:
        async with aiofiles.open(tmp, "wb", opener=_private) as handle:
            await handle.write(data)
            await handle.flush()
            await asyncio.to_thread(os.fsync, handle.fileno())
        await aiofiles.os.replace(tmp, path)
    except BaseException:
        await asyncio.shield(_unlink_quietly(tmp))
        raise
    if sync_dir:
        await fsync_dir(path.parent)


def _private(name: str, flags: int) -> int:
    """Stored reviews hold diffs, which may hold secrets: only the service user reads them."""
    return os.open(name, flags, 0o600)


async def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink inside ``directory`` durable."""
    await asyncio.to_thread(fsync_dir_sync, directory)


def fsync_dir_sync(directory: Path) -> None:
    """As :func:`fsync_dir`, in a worker thread already."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


async def _unlink_quietly(path: Path) -> None:
    try:
        await aiofiles.os.remove(path)
    except OSError:
        pass


def sweep_temp_files(directory: Path) -> int:
    """Remove temp files a crash left behind (start-up only; returns how many)."""
    return sum(remove_quietly(entry.path) for entry in os.scandir(directory) if is_temp_name(entry.name))
