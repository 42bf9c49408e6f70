"""Idempotency keys of ``POST /v1/reviews/``: which review a (project, key) pair created.

An entry is written durably *before* the review it names is created, with the review id chosen
up front, so a crash between the two leaves an entry whose review does not exist yet; the retry
then creates exactly that review. Keys are stored hashed (a key may carry anything a client puts
in it) and expire after the configured time.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from wfc_server.store.documents import DocumentFiles


@dataclass(frozen=True, slots=True)
class IdempotencyEntry:
    key_hash: str
    request_hash: str  # sha256 of the canonical request body
    review_id: str
    created_at: float  # epoch seconds


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class IdempotencyStore(Protocol):
    async def get(self, project_id: str, key: str) -> IdempotencyEntry | None: ...
    async def put(self, project_id: str, entry: IdempotencyEntry) -> IdempotencyEntry:
        """Store ``entry``; a shared store returns the entry another replica stored first instead."""
        ...
    async def purge(self, older_than: float) -> int: ...


class FileIdempotencyStore:
    """One small file per key under ``<data>/idempotency/<project>/``."""

    def __init__(self, data_dir: Path, ttl_seconds: float) -> None:
        self._files = DocumentFiles(data_dir, "idempotency")
        self._ttl = ttl_seconds

    async def get(self, project_id: str, key: str) -> IdempotencyEntry | None:
        doc = await self._files.read(project_id, key_hash(key))
        if doc is None:
            return None
        try:
            entry = IdempotencyEntry(**doc)
        except TypeError:
            return None
        if entry.created_at < time.time() - self._ttl:
            return None  # expired: the purge removes the file
        return entry

    async def put(self, project_id: str, entry: IdempotencyEntry) -> IdempotencyEntry:
        await self._files.write(project_id, entry.key_hash, asdict(entry))
        return entry  # one process: its per-key lock already serialised the requests

    async def purge(self, older_than: float) -> int:
        """Remove entries created before ``older_than`` (epoch seconds); how many."""
        removed = 0
        for project_id in await self._files.projects():
            for name in await self._files.names(project_id):
                doc = await self._files.read(project_id, name)
                if doc is None or float(doc.get("created_at", 0)) < older_than:
                    removed += await self._files.delete(project_id, name)
        return removed
