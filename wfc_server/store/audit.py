"""The audit trail: one append-only JSON-lines file, each entry fsync'd before the call returns.

Entries are small and rare (security events, not requests), so they are all held in memory
for paginated reads, indexed by project. A torn last line (a crash mid-append) was never
acknowledged and is skipped at start-up.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any, Protocol

import orjson


class AuditLog(Protocol):
    """Append-only storage of audit entries (a file here, a table with ``store.backend = postgres``)."""

    async def load(self) -> int: ...
    async def append(self, entry: dict[str, Any]) -> dict[str, Any]: ...
    async def page(self, project_id: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]: ...
    def close(self) -> None: ...


class FileAuditLog:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / "audit" / "audit.jsonl"
        self._entries: list[dict[str, Any]] = []
        self._by_project: dict[str, list[int]] = {}
        self._fd: int | None = None
        self._lock = asyncio.Lock()

    async def load(self) -> int:
        """Read the existing trail; returns how many entries were skipped as torn."""
        return await asyncio.to_thread(self._load_sync)

    def _load_sync(self) -> int:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        skipped = 0
        entries: list[dict[str, Any]] = []
        try:
            raw = self._path.read_bytes()
        except FileNotFoundError:
            raw = b""
        for line in raw.splitlines():
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                skipped += 1
                continue
            if isinstance(entry, dict):
                entries.append(entry)
        if raw and not raw.endswith(b"\n"):
            # Finish a torn last line so the next entry starts on a line of its own.
            with open(self._path, "ab") as handle:
                handle.write(b"\n")
        self._entries = []
        self._by_project = {}
        for entry in entries:
            self._index(entry)
        self._fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return skipped

    async def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Number the entry, write and fsync it, then make it visible."""
        async with self._lock:
            numbered = {"seq": len(self._entries) + 1, **entry}
            line = orjson.dumps(numbered) + b"\n"
            await asyncio.to_thread(self._write_sync, line)
            self._index(numbered)
            return numbered

    def _write_sync(self, line: bytes) -> None:
        if self._fd is None:
            raise OSError("the audit log is not open")
        os.write(self._fd, line)
        os.fsync(self._fd)

    async def page(self, project_id: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Newest first; ``project_id`` None is the whole trail."""
        if project_id is None:
            total = len(self._entries)
            end = max(total - offset, 0)
            return total, self._entries[max(end - limit, 0):end][::-1]
        indexes = self._by_project.get(project_id, [])
        total = len(indexes)
        end = max(total - offset, 0)
        return total, [self._entries[i] for i in reversed(indexes[max(end - limit, 0):end])]

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _index(self, entry: dict[str, Any]) -> None:
        self._entries.append(entry)
        project_id = entry.get("project_id")
        if isinstance(project_id, str):
            self._by_project.setdefault(project_id, []).append(len(self._entries) - 1)
