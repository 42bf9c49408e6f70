"""A database that goes away: one clear exception (503 material), then recovery on its own."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.store.postgres.support import submit
from tests.support.postgres import PostgresServer
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.limits import PgRateLimiter
from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.protocols import StoreUnavailable


async def _until_recovered(operation, timeout: float = 15.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await operation()
        except StoreUnavailable:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


async def test_a_restart_mid_operation_raises_store_unavailable_then_the_pool_recovers(
    database: Database, postgres_server: PostgresServer
) -> None:
    store = PgReviewStore(database)
    limiter = PgRateLimiter(database, 100, 1.0)
    acknowledged = [await submit(store) for _ in range(3)]

    async def slow_query() -> None:
        async with database.connection() as conn:
            await conn.execute("SELECT pg_sleep(30)")

    running = asyncio.create_task(slow_query())
    await asyncio.sleep(0.3)
    await asyncio.to_thread(postgres_server.stop, "fast")
    try:
        with pytest.raises(StoreUnavailable) as stopped:
            await asyncio.wait_for(running, 5)
        assert stopped.value.retry_after >= 1 and "database unavailable" in stopped.value.reason
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await store.get(acknowledged[0].review_id)  # no hang while it is down
        with pytest.raises(StoreUnavailable):
            await limiter.take("alpha")
        assert time.monotonic() - started < 3  # known down: fails fast, no waiting out timeouts
        assert not database.available
    finally:
        await asyncio.to_thread(postgres_server.start)
    recovered = await _until_recovered(lambda: store.get(acknowledged[0].review_id))
    assert recovered == acknowledged[0]
    for record in acknowledged:  # nothing acknowledged was lost
        assert await store.get(record.review_id) == record
    assert (await limiter.take("alpha")).allowed
    assert (await submit(store)).seq > acknowledged[-1].seq
    assert database.available


async def test_opening_without_a_database_fails_fast_with_the_reason(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"host={tmp_path} dbname=nowhere", acquire_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="No such file or directory"):
        await db.open(timeout=1.0)
    assert time.monotonic() - started < 5
    await db.close()



async def test_the_reason_never_carries_the_password(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"host={tmp_path} dbname=nowhere user=wfc password=hunter2-secret", acquire_timeout=1.0)
    with pytest.raises(StoreUnavailable) as raised:
        await db.open(timeout=1.0)
    assert "hunter2" not in raised.value.reason and "hunter2" not in str(raised.value)
    await db.close()
