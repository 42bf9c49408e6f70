"""Small JSON documents kept per project: ``<data>/<kind>/<project_id>/<name>.json``.

The embedded backend for pipeline settings (policies, suppressions, idempotency keys). Each write
is durable before it returns (temp file + fsync + rename, :func:`write_atomic`); a file that does
not parse is moved aside to ``<data>/quarantine/<kind>/`` and read as absent, with a log line.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

import orjson

from wfc_server.logs import get_logger
from wfc_server.store.atomic import fsync_dir, write_atomic

log = get_logger("wfc.store")


class DocumentFiles:
    def __init__(self, data_dir: Path, kind: str) -> None:
        self._root = data_dir / kind
        self._quarantine = data_dir / "quarantine" / kind
        self._kind = kind

    def _path(self, project_id: str, name: str) -> Path:
        # project ids are [A-Za-z0-9_-]{1,64}; names are chosen by the stores (hex digests, ids).
        return self._root / project_id / f"{name}.json"

    async def read(self, project_id: str, name: str) -> dict[str, Any] | None:
        return await asyncio.to_thread(self._read_sync, self._path(project_id, name))

    def _read_sync(self, path: Path) -> dict[str, Any] | None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            doc = orjson.loads(data)
            if not isinstance(doc, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            self._quarantine.mkdir(parents=True, exist_ok=True)
            target = self._quarantine / f"{path.parent.name}-{path.name}"
            shutil.move(str(path), target)
            log.warning("store.quarantined", kind=self._kind, file=str(target), reason=str(exc))
            return None
        return doc

    async def write(self, project_id: str, name: str, doc: dict[str, Any]) -> None:
        path = self._path(project_id, name)
        if not path.parent.is_dir():
            await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
            await fsync_dir(path.parent.parent)
        await write_atomic(path, orjson.dumps(doc))

    async def delete(self, project_id: str, name: str) -> bool:
        path = self._path(project_id, name)
        try:
            await asyncio.to_thread(os.unlink, path)
        except FileNotFoundError:
            return False
        await fsync_dir(path.parent)
        return True

    async def names(self, project_id: str) -> list[str]:
        def scan() -> list[str]:
            directory = self._root / project_id
            if not directory.is_dir():
                return []
            return sorted(e.name[:-5] for e in os.scandir(directory)
                          if e.name.endswith(".json") and not e.name.startswith("."))

        return await asyncio.to_thread(scan)

    async def projects(self) -> list[str]:
        def scan() -> list[str]:
            if not self._root.is_dir():
                return []
            return sorted(e.name for e in os.scandir(self._root) if e.is_dir(follow_symlinks=False))

        return await asyncio.to_thread(scan)
