"""Server-side suppressions: accepted findings, by fingerprint or by rule and path glob."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Protocol

from wfc_server.store.documents import DocumentFiles


class SuppressionStore(Protocol):
    async def list(self, project_id: str) -> list[dict[str, Any]]: ...
    async def add(self, project_id: str, suppression: dict[str, Any]) -> None: ...
    async def delete(self, project_id: str, suppression_id: str) -> bool: ...


class FileSuppressionStore:
    """All of a project's suppressions in ``<data>/suppressions/<project>/suppressions.json``."""

    def __init__(self, data_dir: Path) -> None:
        self._files = DocumentFiles(data_dir, "suppressions")
        self._cache: dict[str, list[dict[str, Any]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def list(self, project_id: str) -> list[dict[str, Any]]:
        if project_id not in self._cache:
            document = await self._files.read(project_id, "suppressions")
            self._cache[project_id] = list((document or {}).get("suppressions", []))
        return list(self._cache[project_id])

    async def _replace(self, project_id: str, items: list[dict[str, Any]]) -> None:
        await self._files.write(project_id, "suppressions", {"suppressions": items})
        self._cache[project_id] = items

    async def add(self, project_id: str, suppression: dict[str, Any]) -> None:
        async with self._locks.setdefault(project_id, asyncio.Lock()):
            await self._replace(project_id, [*await self.list(project_id), suppression])

    async def delete(self, project_id: str, suppression_id: str) -> bool:
        async with self._locks.setdefault(project_id, asyncio.Lock()):
            items = await self.list(project_id)
            kept = [s for s in items if s.get("id") != suppression_id]
            if len(kept) == len(items):
                return False
            await self._replace(project_id, kept)
            return True
