"""Each project's gate policy, versioned: every change gets the next version number.

A review records the version it was judged by, so a verdict can always be explained after the
policy has changed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Protocol

from wfc_server.store.documents import DocumentFiles
from wfc_server.store.records import utc_now


class PolicyStore(Protocol):
    async def get(self, project_id: str) -> dict[str, Any] | None: ...
    async def put(self, project_id: str, policy: dict[str, Any], author: str) -> dict[str, Any]: ...


class FilePolicyStore:
    """``<data>/policies/<project>/policy.json`` holding ``{version, updated_at, author, policy}``."""

    def __init__(self, data_dir: Path) -> None:
        self._files = DocumentFiles(data_dir, "policies")
        self._cache: dict[str, dict[str, Any] | None] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, project_id: str) -> dict[str, Any] | None:
        if project_id not in self._cache:
            self._cache[project_id] = await self._files.read(project_id, "policy")
        return self._cache[project_id]

    async def put(self, project_id: str, policy: dict[str, Any], author: str) -> dict[str, Any]:
        async with self._locks.setdefault(project_id, asyncio.Lock()):
            current = await self.get(project_id)
            document = {
                "version": (current or {}).get("version", 0) + 1,
                "updated_at": utc_now(),
                "author": author,
                "policy": policy,
            }
            await self._files.write(project_id, "policy", document)
            self._cache[project_id] = document
            return document
