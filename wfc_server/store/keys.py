"""API keys on disk: ``<data>/keys/<project_id>/<key_id>.json``, all indexed in memory.

Lookups are by the key's keyed hash (one dict probe per request, never a scan). Revoked keys
stay on disk (with ``revoked_at``) so a restart cannot resurrect them through migration.
``last_used_at`` changes in memory on every request and is written in batches by
:meth:`FileKeyStore.flush_last_used`, never one fsync per request.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from wfc_server.store.atomic import write_atomic
from wfc_server.store.files import ScanReport, scan_records
from wfc_server.store.records import RecordError, _build

SCOPE_WRITE = "reviews:write"
SCOPE_READ = "reviews:read"
SCOPE_ADMIN = "project:admin"
ALL_SCOPES = (SCOPE_WRITE, SCOPE_READ, SCOPE_ADMIN)


@dataclass(slots=True)
class KeyRecord:
    key_id: str
    project_id: str
    name: str
    prefix: str  # the first characters of the secret, to recognise it (never enough to use it)
    key_hash: str
    created_at: str
    scopes: list[str] = field(default_factory=list)
    expires_at: str | None = None
    last_used_at: str | None = None
    revoked_at: str | None = None
    created_by: str | None = None
    expiry_recorded: bool = False  # the audit log already says it expired

    def public(self) -> dict[str, Any]:
        """What listings show: never the hash."""
        return {
            "key_id": self.key_id,
            "name": self.name,
            "prefix": self.prefix,
            "scopes": list(self.scopes),
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "last_used_at": self.last_used_at,
            "created_by": self.created_by,
        }

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> KeyRecord:
        record: KeyRecord = _build(cls, data)
        if not isinstance(record.scopes, list) or not set(record.scopes) <= set(ALL_SCOPES):
            raise RecordError("scopes must be a list of known scopes")
        return record


class KeyStore(Protocol):
    """Where keys live; the embedded store keeps files, a database backend would keep rows."""

    async def load(self) -> ScanReport: ...
    def by_hash(self, key_hash: str) -> KeyRecord | None: ...
    async def find(self, key_hash: str) -> KeyRecord | None:
        """As ``by_hash``, but a shared store also asks its database before saying no."""
        ...
    def get(self, project_id: str, key_id: str) -> KeyRecord | None: ...
    def for_project(self, project_id: str) -> list[KeyRecord]: ...
    def all(self) -> list[KeyRecord]: ...
    async def save(self, record: KeyRecord) -> None: ...
    def touch(self, record: KeyRecord, when: str) -> None: ...
    async def flush_last_used(self) -> int: ...
    async def delete(self, record: KeyRecord) -> None: ...
    async def purge_project(self, project_id: str) -> None: ...


class FileKeyStore:
    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir / "keys"
        self._quarantine = data_dir / "quarantine" / "keys"
        self._by_hash: dict[str, KeyRecord] = {}
        self._by_id: dict[str, KeyRecord] = {}
        self._by_project: dict[str, dict[str, KeyRecord]] = {}
        self._dirty: set[str] = set()  # key ids whose last_used_at is not yet on disk

    async def load(self) -> ScanReport:
        self._dir.mkdir(parents=True, exist_ok=True)
        report = ScanReport()

        def accept(record: KeyRecord, name: str) -> None:
            if name != f"{record.key_id}.json":
                raise RecordError("file name does not match key_id")
            self._index(record)

        await asyncio.to_thread(scan_records, self._dir, self._quarantine, KeyRecord.from_json, accept, report)
        return report

    def by_hash(self, key_hash: str) -> KeyRecord | None:
        return self._by_hash.get(key_hash)

    async def find(self, key_hash: str) -> KeyRecord | None:
        return self._by_hash.get(key_hash)

    def get(self, project_id: str, key_id: str) -> KeyRecord | None:
        return self._by_project.get(project_id, {}).get(key_id)

    def for_project(self, project_id: str) -> list[KeyRecord]:
        return sorted(self._by_project.get(project_id, {}).values(), key=lambda k: (k.created_at, k.key_id))

    def all(self) -> list[KeyRecord]:
        return [key for keys in self._by_project.values() for key in keys.values()]

    async def save(self, record: KeyRecord) -> None:
        """Durably write the key (new or changed) before it takes effect in memory."""
        directory = self._dir / record.project_id
        await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
        await write_atomic(directory / f"{record.key_id}.json", orjson.dumps(record.to_json()))
        self._dirty.discard(record.key_id)
        self._index(record)

    def touch(self, record: KeyRecord, when: str) -> None:
        record.last_used_at = when
        self._dirty.add(record.key_id)

    async def flush_last_used(self) -> int:
        """Write the keys used since the last flush; how many were written."""
        dirty, self._dirty = self._dirty, set()
        written = 0
        for key_id in dirty:
            record = self._by_id.get(key_id)
            if record is not None:
                try:
                    await self.save(record)
                except OSError:
                    self._dirty |= dirty  # try again at the next flush
                    raise
                written += 1
        return written

    async def delete(self, record: KeyRecord) -> None:
        self._by_hash.pop(record.key_hash, None)
        self._by_id.pop(record.key_id, None)
        self._by_project.get(record.project_id, {}).pop(record.key_id, None)
        await asyncio.to_thread((self._dir / record.project_id / f"{record.key_id}.json").unlink, True)

    async def purge_project(self, project_id: str) -> None:
        for record in self._by_project.pop(project_id, {}).values():
            self._by_hash.pop(record.key_hash, None)
            self._by_id.pop(record.key_id, None)
            self._dirty.discard(record.key_id)
        await asyncio.to_thread(shutil.rmtree, self._dir / project_id, True)

    def _index(self, record: KeyRecord) -> None:
        self._by_hash[record.key_hash] = record
        self._by_id[record.key_id] = record
        self._by_project.setdefault(record.project_id, {})[record.key_id] = record
