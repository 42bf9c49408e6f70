"""Group commit: concurrent durable writes share their flushes to disk.

A submit must be on disk (fsync'd) before its 202, and a flush costs the same for one file as for
fifty, so one flush per submit caps the service at the disk's flush rate. Writers hand their
files to :class:`GroupCommitter` and wait; one task commits everything that queued up while the
previous batch was being flushed, and resolves each waiter only once its own files are durable.
A lone writer is committed at once (no timer, no added latency); under load batches grow by
themselves.

A batch, in a worker thread: every file is written to a temp file beside its target (or, when
the caller says a torn copy is harmless, straight to its place); the data is flushed; the temp
files are renamed into place (in the order given, so a diff lands before its record); the
renames are flushed. Any failure fails every waiter of the batch and removes what
the batch wrote, so no write is ever answered "stored" without being durable, and none that was
refused comes back after a restart.

Flushing: on Linux, a batch of several writes is flushed with ``syncfs(2)`` (one journal commit
for the whole batch; since Linux 5.8 it reports writeback errors such as ENOSPC); elsewhere, and
for a lone write (which need not wait for unrelated dirty data of the same file system), each
file is fsync'd and each directory once.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wfc_server.store.atomic import fsync_dir_sync, temp_path

#: Writes committed together at most (each holds its file contents in memory until flushed).
MAX_BATCH = 256



@dataclass(frozen=True, slots=True)
class NewFile:
    """A file to create. ``atomic=False`` writes it in place, saving a rename: only for files a
    restart recognises and sweeps when their batch never finished (a diff without its record)."""

    path: Path
    data: bytes
    atomic: bool = True


def _load_syncfs() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_SYNCFS = _load_syncfs()


@dataclass(slots=True)
class CommitStats:
    """What the committer has done since it was created (batches <= writes under concurrency)."""

    batches: int = 0
    writes: int = 0
    failed_batches: int = 0
    largest_batch: int = 0


@dataclass(slots=True)
class _Waiter:
    files: Sequence[NewFile]
    future: asyncio.Future[None]


@dataclass(slots=True)
class _Written:
    """One file of a batch on its way to its place: temp file first, target once renamed."""

    target: Path
    temp: Path
    renamed: bool = False


@dataclass(slots=True)
class GroupCommitter:
    """Durable, atomic creation of files; concurrent callers share flushes (see module docs)."""

    max_batch: int = MAX_BATCH
    use_syncfs: bool = _SYNCFS is not None
    stats: CommitStats = field(default_factory=CommitStats)
    _queue: list[_Waiter] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    async def write(self, files: Sequence[NewFile]) -> None:
        """Return once every file of ``files`` is durably in place; raise OSError if not.

        The files must not exist yet. They appear in the given order. A cancelled caller does not cancel the
        batch its files are in (other writers share it); its files may still be stored.
        """
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append(_Waiter(files, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._commit_queued(), name="store-group-commit")
        await asyncio.shield(future)

    async def close(self) -> None:
        """Wait for what is queued to be committed (shutdown)."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def _commit_queued(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch:]
            try:
                await asyncio.to_thread(self._commit_sync, [w.files for w in batch])
            except Exception as exc:  # noqa: BLE001 - every waiter gets the failure
                self.stats.failed_batches += 1
                for waiter in batch:
                    if not waiter.future.done():
                        waiter.future.set_exception(exc)
                continue
            except BaseException:
                for waiter in batch:
                    waiter.future.cancel()
                raise
            self.stats.batches += 1
            self.stats.writes += len(batch)
            self.stats.largest_batch = max(self.stats.largest_batch, len(batch))
            for waiter in batch:
                if not waiter.future.done():
                    waiter.future.set_result(None)

    # -- in the worker thread ---------------------------------------------------------------

    def _commit_sync(self, writes: list[Sequence[NewFile]]) -> None:
        files = [file for group in writes for file in group]
        written: list[_Written] = []
        directories = list(dict.fromkeys(file.path.parent for file in files))
        syncfs = _SYNCFS if self.use_syncfs and len(writes) > 1 else None
        fs_fd = -1
        try:
            for directory in directories:
                directory.mkdir(parents=True, exist_ok=True)
            if syncfs is not None:
                # Opened before the first write: syncfs reports writeback errors (EIO, ENOSPC)
                # that happen after its file descriptor was opened, so none of ours is missed.
                # The committer's files live on one file system (the store's directory).
                fs_fd = os.open(directories[0], os.O_RDONLY | os.O_DIRECTORY)
            for file in files:
                target = file.path
                temp = temp_path(target) if file.atomic else target
                _write_file(temp, file.data, fsync=syncfs is None)
                written.append(_Written(target, temp, renamed=not file.atomic))
            if syncfs is not None:
                _syncfs(syncfs, fs_fd, directories[0])
            for item in written:
                if not item.renamed:
                    os.replace(item.temp, item.target)
                    item.renamed = True
            if syncfs is not None:
                _syncfs(syncfs, fs_fd, directories[0])
            else:
                for directory in directories:
                    fsync_dir_sync(directory)
        except BaseException:
            _undo(written, directories)
            raise
        finally:
            if fs_fd >= 0:
                os.close(fs_fd)


def _write_file(path: Path, data: bytes, *, fsync: bool) -> None:
    """Create ``path`` (readable by the service user only: diffs may hold secrets)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if fsync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(path)  # ours (O_EXCL): a half-written file is never left behind
        raise
    os.close(fd)


def _syncfs(syncfs: Callable[[int], int], fd: int, directory: Path) -> None:
    if syncfs(fd) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(directory))


def _undo(written: list[_Written], directories: list[Path]) -> None:
    """A failed batch leaves nothing behind that a restart could take for an acknowledged write."""
    for item in written:
        try:
            os.unlink(item.target if item.renamed else item.temp)
        except OSError:
            pass
    for directory in directories:
        try:
            fsync_dir_sync(directory)
        except OSError:
            pass
