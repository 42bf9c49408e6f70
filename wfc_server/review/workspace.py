"""The worktree pool: one scratch directory per review, bounded, always released, orphans reaped.

A review writes its post-images (and repo mode's throw-away git index and objects) into a
directory ``{project_id}-{review_id}`` under ``data_dir/worktrees``. At most ``max_worktrees``
exist at once: further reviews wait. The directory is deleted when the review ends however it
ends; directories a crashed process left behind are orphans, reaped once they are older than
``orphan_max_age_hours``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wfc_server.review.settings import PoolSettings

_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]")


def iso_z(timestamp: float) -> str:
    """ISO-8601 UTC with a ``Z`` suffix, as the API contract wants."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _safe_id(value: str) -> str:
    cleaned = _UNSAFE_ID_CHARS.sub("_", value).lstrip(".") or "_"
    return cleaned[:100]


@dataclass(slots=True)
class Workspace:
    worktree_id: str
    project_id: str
    path: Path
    created_at: float
    last_used: float

    @property
    def src(self) -> Path:
        """Where the reviewed files' text is written."""
        return self.path / "src"

    @property
    def git_dir(self) -> Path:
        """Scratch space for repo mode's throw-away index and objects (never reviewed)."""
        return self.path / "git"

    def touch(self) -> None:
        self.last_used = time.time()


def _remove(path: Path) -> bool:
    shutil.rmtree(path, ignore_errors=True)
    return not path.exists()


def _scan_orphans(root: Path, in_use: set[str], max_age_seconds: float) -> tuple[list[Path], list[str]]:
    """Return (orphans old enough to reap, names of every orphan)."""
    old: list[Path] = []
    names: list[str] = []
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return old, names
    now = time.time()
    for entry in entries:
        if entry.name in in_use or not entry.is_dir(follow_symlinks=False):
            continue
        names.append(entry.name)
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except FileNotFoundError:
            continue
        if age >= max_age_seconds:
            old.append(Path(entry.path))
    return old, names


class WorktreePool:
    """Hands out review workspaces under ``root``; never more than ``max_worktrees`` at once."""

    def __init__(self, root: Path, settings: PoolSettings) -> None:
        self.root = root
        self.settings = settings
        self._slots = asyncio.Semaphore(max(1, settings.max_worktrees))
        self._in_use: dict[str, Workspace] = {}
        self._orphans: set[str] = set()
        self._reaper: asyncio.Task[None] | None = None

    @property
    def max_worktrees(self) -> int:
        return max(1, self.settings.max_worktrees)

    def in_use(self) -> int:
        return len(self._in_use)

    async def start(self) -> None:
        """Create the root, reap old orphans and start the periodic reaper."""
        await asyncio.to_thread(self.root.mkdir, parents=True, exist_ok=True)
        await self.reap()
        if self._reaper is None:
            self._reaper = asyncio.get_running_loop().create_task(self._reap_forever())

    async def close(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
            self._reaper = None

    async def _reap_forever(self) -> None:
        while True:
            await asyncio.sleep(self.settings.reap_interval_seconds)
            try:
                await self.reap()
            except OSError:
                continue  # a full or read-only disk must not kill the reaper

    async def reap(self) -> int:
        """Delete orphans older than ``orphan_max_age_hours``; return how many were removed."""
        max_age = self.settings.orphan_max_age_hours * 3600.0
        old, names = await asyncio.to_thread(_scan_orphans, self.root, set(self._in_use), max_age)
        removed = 0
        for path in old:
            if path.name in self._in_use:
                continue
            if await asyncio.to_thread(_remove, path):
                removed += 1
                names.remove(path.name)
        self._orphans = {n for n in names if n not in self._in_use}
        return removed

    def status(self, project_id: str) -> dict[str, Any]:
        """The contract's pool status; ``in_use`` lists only ``project_id``'s workspaces."""
        current = len(self._in_use)
        return {
            "max_worktrees": self.max_worktrees,
            "current_usage": current,
            "available": max(0, self.max_worktrees - current),
            "in_use": [
                {
                    "worktree_id": ws.worktree_id,
                    "project_id": ws.project_id,
                    "created_at": iso_z(ws.created_at),
                    "last_used": iso_z(ws.last_used),
                }
                for ws in sorted(self._in_use.values(), key=lambda w: w.created_at)
                if ws.project_id == project_id
            ],
            "orphaned_count": len(self._orphans),
        }

    def _unique_id(self, project_id: str, review_id: str) -> str:
        base = f"{_safe_id(project_id)}-{_safe_id(review_id)}"
        candidate, n = base, 1
        while candidate in self._in_use:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    @contextlib.asynccontextmanager
    async def acquire(self, project_id: str, review_id: str) -> AsyncIterator[Workspace]:
        """Wait for a free slot, create the workspace, delete it when the block ends."""
        async with self._slots:
            worktree_id = self._unique_id(project_id, review_id)
            now = time.time()
            ws = Workspace(worktree_id, project_id, self.root / worktree_id, now, now)
            self._in_use[worktree_id] = ws
            self._orphans.discard(worktree_id)
            try:
                await asyncio.to_thread(_create, ws.path)
                yield ws
            finally:
                removed = False
                try:
                    removed = await asyncio.shield(asyncio.to_thread(_remove, ws.path))
                finally:
                    self._in_use.pop(worktree_id, None)
                    if not removed:
                        self._orphans.add(worktree_id)  # the next reap looks again


def _create(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)  # a stale leftover of the same review
    path.mkdir(parents=True)
    (path / "src").mkdir()
    (path / "git").mkdir()
