"""Everything one replica needs from PostgreSQL, opened and closed together.

``async with open_backend(...) as backend`` connects (migrating under the lock), starts the
wake-up listener, the lease keeper and the event bus, and on exit stops them in reverse order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.events import PgEventBus
from wfc_server.store.postgres.limits import PgRateLimiter
from wfc_server.store.postgres.projects import PgProjectStore
from wfc_server.store.postgres.queue import PgJobQueue
from wfc_server.store.postgres.reviews import PgReviewStore


@dataclass(frozen=True, slots=True)
class BackendLimits:
    max_attempts: int = 3
    lease_seconds: float = 30.0
    rate_capacity: int = 60
    rate_refill: float = 1.0
    event_buffer: int = 256
    pool_size: int = 10
    acquire_timeout: float = 5.0


@dataclass(frozen=True, slots=True)
class PostgresBackend:
    database: Database
    projects: PgProjectStore
    reviews: PgReviewStore
    queue: PgJobQueue
    events: PgEventBus
    limiter: PgRateLimiter


@asynccontextmanager
async def open_backend(
    dsn: str, limits: BackendLimits | None = None, *, owner: str | None = None
) -> AsyncIterator[PostgresBackend]:
    """Raises StoreUnavailable when the database cannot be reached, SchemaError when it is newer."""
    limits = limits or BackendLimits()
    database = Database(dsn, max_size=limits.pool_size, acquire_timeout=limits.acquire_timeout)
    await database.open()
    reviews = PgReviewStore(database)
    backend = PostgresBackend(
        database=database,
        projects=PgProjectStore(database),
        reviews=reviews,
        queue=PgJobQueue(database, max_attempts=limits.max_attempts, lease_seconds=limits.lease_seconds,
                         owner=owner),
        events=PgEventBus(database, reviews, buffer=limits.event_buffer),
        limiter=PgRateLimiter(database, limits.rate_capacity, limits.rate_refill),
    )
    try:
        await backend.queue.start()
        await backend.events.start()
        yield backend
    finally:
        await backend.events.stop()
        await backend.queue.stop()
        await database.close()
