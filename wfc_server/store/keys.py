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


class KeyIndex:
    """Keys in memory, by keyed hash, by id and by project; the reads every key store answers.

    ``last_used_at`` changes here on every request; the store writes the keys in ``dirty`` in
    batches (:meth:`take_dirty`), never once per request.
    """

    def __init__(self) -> None:
        self._by_hash: dict[str, KeyRecord] = {}
        self._by_id: dict[str, KeyRecord] = {}
        self._by_project: dict[str, dict[str, KeyRecord]] = {}
        self._dirty: set[str] = set()  # key ids whose last_used_at is not yet stored

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

    def touch(self, record: KeyRecord, when: str) -> None:
        record.last_used_at = when
        self._dirty.add(record.key_id)

    def take_dirty(self) -> list[KeyRecord]:
        """The keys used since the last call (put them back with :meth:`mark_dirty` on failure)."""
        dirty, self._dirty = self._dirty, set()
        return [key for key in map(self._by_id.get, dirty) if key is not None]

    def mark_dirty(self, records: list[KeyRecord]) -> None:
        self._dirty.update(k.key_id for k in records)

    def _index(self, record: KeyRecord) -> None:
        old = self._by_id.get(record.key_id)
        if old is not None and old is not record:
            self._by_hash.pop(old.key_hash, None)
        self._by_hash[record.key_hash] = record
        self._by_id[record.key_id] = record
        self._by_project.setdefault(record.project_id, {})[record.key_id] = record

    def _forget(self, key_id: str) -> KeyRecord | None:
        old = self._by_id.pop(key_id, None)
        if old is not None:
            self._by_hash.pop(old.key_hash, None)
            self._by_project.get(old.project_id, {}).pop(key_id, None)
        self._dirty.discard(key_id)
        return old

    def _forget_project(self, project_id: str) -> list[KeyRecord]:
        keys = list(self._by_project.pop(project_id, {}).values())
        for key in keys:
            self._forget(key.key_id)
        return keys


class FileKeyStore(KeyIndex):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self._dir = data_dir / "keys"
        self._quarantine = data_dir / "quarantine" / "keys"

    async def load(self) -> ScanReport:
        self._dir.mkdir(parents=True, exist_ok=True)
        report = ScanReport()

        def accept(record: KeyRecord, name: str) -> None:
            if name != f"{record.key_id}.json":
                raise RecordError("file name does not match key_id")
            self._index(record)

        await asyncio.to_thread(scan_records, self._dir, self._quarantine, KeyRecord.from_json, accept, report)
        return report

    async def save(self, record: KeyRecord) -> None:
        """Durably write the key (new or changed) before it takes effect in memory."""
        directory = self._dir / record.project_id
        await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
        await write_atomic(directory / f"{record.key_id}.json", orjson.dumps(record.to_json()))
        self._dirty.discard(record.key_id)
        self._index(record)

    async def flush_last_used(self) -> int:
        """Write the keys used since the last flush; how many were written."""
        dirty = self.take_dirty()
        for written, record in enumerate(dirty):
            try:
                await self.save(record)
            except OSError:
                self.mark_dirty(dirty[written:])  # again at the next flush
                raise
        return len(dirty)

    async def delete(self, record: KeyRecord) -> None:
        self._forget(record.key_id)
        await asyncio.to_thread((self._dir / record.project_id / f"{record.key_id}.json").unlink, True)

    async def purge_project(self, project_id: str) -> None:
        self._forget_project(project_id)
        await asyncio.to_thread(shutil.rmtree, self._dir / project_id, True)
