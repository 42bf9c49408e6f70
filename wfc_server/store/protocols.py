"""The seams between the service and its backends: what any store, queue, bus or limiter must do.

Two backends implement them: ``embedded`` (files and memory in one process, the default) and
``postgres`` (shared by many replicas). Every operation that may touch a shared database is a
coroutine, and a backend that cannot reach its storage raises :class:`StoreUnavailable`, which
the API answers with 503 and Retry-After, never a 500 or a hang.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from wfc_server.store.events import StreamSubscriber
from wfc_server.store.records import ProjectRecord, ReviewRecord


class StoreUnavailable(Exception):
    """The backing store cannot be reached right now; the client should retry later (503)."""

    def __init__(self, reason: str, *, retry_after: int = 2) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class StoreIncompatible(Exception):
    """The store was written by a newer version: this one must not start on it (no retry helps)."""


class QueueAtCapacity(Exception):
    """``review.queue_size`` reviews are already waiting (the API answers 503 with Retry-After)."""


class ProjectQueueAtCapacity(QueueAtCapacity):
    """This project already has ``limit`` reviews waiting (``review.max_queued_per_project``: 429)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class ReviewExists(Exception):
    """A review with this id is already stored (two replicas raced on one idempotency key)."""


@dataclass(frozen=True, slots=True)
class Announce:
    """An event that reports a state change; backends that can store both commit them together."""

    kind: str
    progress: int = 0
    data: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class RateState(Protocol):
    """One limiter decision and what the ``X-RateLimit-*`` headers need."""

    allowed: bool
    limit: int
    remaining: float
    reset_epoch: int
    retry_after: int

    def headers(self) -> dict[str, str]: ...


@runtime_checkable
class ProjectRepository(Protocol):
    async def get(self, project_id: str) -> ProjectRecord | None: ...
    async def all(self) -> list[ProjectRecord]: ...
    async def count(self) -> int: ...
    async def create(self, project: ProjectRecord) -> None:
        """Persist durably; raise ``ProjectExists`` when the id is taken."""
        ...


@runtime_checkable
class ReviewRepository(Protocol):
    async def get(self, review_id: str) -> ReviewRecord | None: ...
    async def list(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]: ...
    async def result(self, record: ReviewRecord) -> dict[str, Any] | None: ...
    async def read_diff(self, review_id: str) -> str: ...
    async def create(
        self, record: ReviewRecord, diff: str, announce: Announce, *, max_pending: int | None = None,
        max_pending_per_project: int | None = None,
    ) -> ReviewRecord:
        """Durably store a new review, its diff and its first event (the 202 follows this);
        with ``max_pending`` (``max_pending_per_project``), raise QueueAtCapacity
        (ProjectQueueAtCapacity) rather than queue beyond it."""
        ...
    async def transition(
        self,
        review_id: str,
        only_from: Collection[str],
        changes: dict[str, Any],
        announce: Announce | None = None,
        *,
        lease_owner: str | None = None,
    ) -> ReviewRecord | None:
        """Apply ``changes`` iff the status is in ``only_from`` (None: it left, e.g. cancelled)."""
        ...


@runtime_checkable
class JobQueue(Protocol):
    async def claim(self) -> ReviewRecord | None:
        """The oldest runnable review, now ``in_progress`` and leased to this replica."""
        ...
    async def depth(self) -> int:
        """Reviews waiting to start (``review.queue_size`` bounds this)."""
        ...
    async def wait_for_work(self, timeout: float) -> None: ...
    async def renew(self, review_id: str) -> bool: ...
    async def release(self, review_id: str) -> bool:
        """Give a running review back (a drain ran out of grace); not counted as an attempt."""
        ...
    async def cancel(self, review_id: str) -> ReviewRecord | None: ...
    def watch(self, review_id: str, on_lost: Callable[[], None]) -> None:
        """Call ``on_lost`` once if the review is cancelled or its lease is lost."""
        ...
    def unwatch(self, review_id: str) -> None: ...


@runtime_checkable
class EventBus(Protocol):
    async def subscribe(
        self, record: ReviewRecord, after: int | None
    ) -> tuple[StreamSubscriber, int, list[str]]:
        """Register; returns the subscriber, the snapshot's seq and the events to replay."""
        ...
    def unsubscribe(self, subscriber: StreamSubscriber) -> None: ...
    def subscriber_count(self) -> int: ...
    async def progress(self, review_id: str) -> int | None: ...


@runtime_checkable
class RateLimits(Protocol):
    capacity: int
    rate: float

    async def take(self, key: str) -> RateState: ...
    async def peek(self, key: str) -> RateState: ...
    async def next_refill_epoch(self, key: str) -> float: ...


@runtime_checkable
class StorageStatus(Protocol):
    def available(self) -> str | None:
        """None while the backend's storage answers; else why not (readiness reports it)."""
        ...
