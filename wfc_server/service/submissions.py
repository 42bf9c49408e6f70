"""Submitting a review from a CI pipeline: idempotency keys, then the review service.

A CI step that times out or meets a 503 retries; with the same ``Idempotency-Key`` and the same
body it gets the original 202 (the same review), never a second review. The same key with a
different body is refused (422): the client reused a key by mistake, and guessing which request
it meant would hide that.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import orjson

from wfc_server.logs import get_logger
from wfc_server.service.reviews import ReviewService
from wfc_server.store.idempotency import IdempotencyEntry, IdempotencyStore, key_hash
from wfc_server.store.records import COMPLETED, ProjectRecord, ReviewRecord
from wfc_server.store.protocols import ReviewExists, ReviewRepository

log = get_logger("wfc.submissions")


class IdempotencyMismatch(Exception):
    """The key was used before with a different request body (422)."""


class BaselineInvalid(Exception):
    """The named baseline review cannot be used (422); ``str(exc)`` says why."""


#: How many of a project's most recent completed reviews a branch baseline is looked for in.
BRANCH_SCAN_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Submitted:
    record: ReviewRecord
    replayed: bool  # True when an earlier request with this key created the review


def request_hash(data: dict[str, Any]) -> str:
    """The request's identity: its validated fields, canonically encoded."""
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


class SubmissionService:
    def __init__(self, reviews: ReviewService, store: ReviewRepository, keys: IdempotencyStore) -> None:
        self._reviews = reviews
        self._store = store
        self._keys = keys
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}
        self._lock_users: dict[tuple[str, str], int] = {}

    @asynccontextmanager
    async def _serialised(self, project_id: str, hashed: str) -> AsyncIterator[None]:
        """Requests with one key run one at a time, so a concurrent retry waits and replays."""
        slot = (project_id, hashed)
        lock = self._locks.setdefault(slot, asyncio.Lock())
        self._lock_users[slot] = self._lock_users.get(slot, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._lock_users[slot] -= 1
            if self._lock_users[slot] == 0:
                del self._lock_users[slot], self._locks[slot]

    async def pipeline_of(self, project: ProjectRecord, data: dict[str, Any]) -> dict[str, Any]:
        """Branch and baseline as the review records them, the baseline resolved now."""
        requested = data.get("baseline")
        pipeline: dict[str, Any] = {"branch": data.get("branch"), "baseline": requested,
                                    "baseline_review_id": None, "baseline_note": None}
        if requested is None:
            return pipeline
        try:
            as_id = str(uuid.UUID(requested))
        except ValueError:
            as_id = None
        if as_id is not None:
            record = await self._store.get(as_id)
            if record is None or record.project_id != project.project_id:
                raise BaselineInvalid(f"baseline review {requested} not found in this project")
            if record.status != COMPLETED:
                raise BaselineInvalid(f"baseline review {requested} is {record.status}; it must be completed")
            pipeline["baseline_review_id"] = record.review_id
            return pipeline
        _, recent = await self._store.list(project.project_id, COMPLETED, BRANCH_SCAN_LIMIT, 0)
        latest = next((r for r in recent if (r.pipeline or {}).get("branch") == requested), None)
        if latest is None:
            pipeline["baseline_note"] = (f"no completed review on branch {requested!r} yet: every finding "
                                         "counts as if there were no baseline")
        else:
            pipeline["baseline_review_id"] = latest.review_id
        return pipeline

    async def submit(
        self, project: ProjectRecord, data: dict[str, Any], idempotency_key: str | None,
        *, request_id: str | None = None,
    ) -> Submitted:
        """Create the review ``data`` describes, or return the one ``idempotency_key`` made."""
        if idempotency_key is None:
            pipeline = await self.pipeline_of(project, data)
            return Submitted(await self._create(project, data, None, pipeline, request_id), False)
        hashed = key_hash(idempotency_key)
        fingerprint = request_hash(data)
        async with self._serialised(project.project_id, hashed):
            entry = await self._keys.get(project.project_id, idempotency_key)
            if entry is not None and entry.request_hash != fingerprint:
                raise IdempotencyMismatch()
            if entry is not None:
                existing = await self._store.get(entry.review_id)
                if existing is not None and existing.project_id == project.project_id:
                    log.info("review.replayed", review_id=existing.review_id, project_id=project.project_id)
                    return Submitted(existing, True)
            # First request, or a retry of one that never got its review stored (503, crash).
            pipeline = await self.pipeline_of(project, data)  # a 422 here leaves the key unspent
            if entry is None:
                entry = await self._keys.put(
                    project.project_id, IdempotencyEntry(hashed, fingerprint, str(uuid.uuid4()), time.time()))
                if entry.request_hash != fingerprint:  # another replica took the key a moment ago
                    raise IdempotencyMismatch()
            try:
                return Submitted(await self._create(project, data, entry.review_id, pipeline, request_id), False)
            except ReviewExists:  # another replica, same key and body: its review is the answer
                existing = await self._store.get(entry.review_id)
                if existing is None or existing.project_id != project.project_id:
                    raise
                return Submitted(existing, True)

    async def _create(
        self, project: ProjectRecord, data: dict[str, Any], review_id: str | None,
        pipeline: dict[str, Any], request_id: str | None,
    ) -> ReviewRecord:
        return await self._reviews.submit(
            project, data["diff_content"], data["files"], data["base_ref"],
            review_id=review_id, pipeline=pipeline, request_id=request_id,
        )
