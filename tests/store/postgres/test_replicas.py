"""Three replicas on one database, each a full backend: the guarantees hold across them.

The worker here is the smallest loop the service's own will follow: claim, watch for a cancel or
a lost lease, publish progress, complete only while the lease is ours.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack

import orjson
import pytest

from tests.store.postgres.support import new_review
from wfc_server.store.events import StreamSignal
from wfc_server.store.postgres.backend import BackendLimits, PostgresBackend, open_backend
from wfc_server.store.protocols import Announce
from wfc_server.store.records import CANCELLED, COMPLETED, IN_PROGRESS, ReviewRecord, utc_now

Replicas = Callable[..., Awaitable[PostgresBackend]]


@pytest.fixture
async def replica(pg_dsn: str) -> AsyncIterator[Replicas]:
    async with AsyncExitStack() as stack:

        async def start(**limits: float) -> PostgresBackend:
            return await stack.enter_async_context(
                open_backend(pg_dsn, BackendLimits(pool_size=4, acquire_timeout=2.0, **limits))  # type: ignore[arg-type]
            )

        yield start


async def submit(backend: PostgresBackend, project_id: str = "alpha") -> ReviewRecord:
    return await backend.reviews.create(new_review(project_id), "diff --git a/x b/x\n", Announce("queued"))


async def run_one(backend: PostgresBackend, engine_seconds: float = 0.0, stages: int = 3) -> ReviewRecord | None:
    """Claim and run one review; returns its final record, or None when it was taken from us."""
    record = await backend.queue.claim()
    assert record is not None
    work = asyncio.create_task(asyncio.sleep(engine_seconds))
    backend.queue.watch(record.review_id, work.cancel)
    try:
        for step in range(stages):
            await backend.reviews.transition(
                record.review_id, {IN_PROGRESS}, {}, Announce("stage", 20 * (step + 1), {"step": step})
            )
        await work
    except asyncio.CancelledError:
        return None
    finally:
        backend.queue.unwatch(record.review_id)
    return await backend.reviews.transition(
        record.review_id, {IN_PROGRESS}, {"status": COMPLETED, "completed_at": utc_now(), "passed": True},
        Announce("completed", 100), lease_owner=backend.queue.owner,
    )


async def test_submit_on_a_run_on_b_watch_on_c_then_resume_on_a(replica: Replicas) -> None:
    a, b, c = await replica(), await replica(), await replica()
    record = await submit(a)
    assert await b.queue.depth() == 1
    subscriber, cursor, replay = await c.events.subscribe(record, None)
    assert (cursor, replay) == (1, [])
    done = await run_one(b)
    assert done is not None and done.status == COMPLETED
    seen = []
    while (item := await asyncio.wait_for(subscriber.queue.get(), 3)) != StreamSignal.CLOSE:
        seen.append(orjson.loads(item))
    assert [(e["seq"], e["type"]) for e in seen] == [
        (2, "started"), (3, "stage"), (4, "stage"), (5, "stage"), (6, "completed")
    ]
    _, cursor, replay = await a.events.subscribe(done, after=3)  # a reconnect, to another replica
    assert cursor == 3 and [orjson.loads(t)["seq"] for t in replay] == [4, 5, 6]


async def test_a_cancel_on_a_stops_the_review_running_on_b_within_a_second(replica: Replicas) -> None:
    a, b = await replica(), await replica()
    record = await submit(a)
    running = asyncio.create_task(run_one(b, engine_seconds=30))
    while (await a.reviews.get(record.review_id)).status != IN_PROGRESS:  # type: ignore[union-attr]
        await asyncio.sleep(0.02)
    started = time.monotonic()
    assert (await a.queue.cancel(record.review_id)) is not None
    assert await asyncio.wait_for(running, 1.0) is None  # B's run was stopped, it wrote nothing
    assert time.monotonic() - started < 1.0
    final = await b.reviews.get(record.review_id)
    assert final is not None and final.status == CANCELLED


async def test_a_replica_that_dies_mid_review_loses_nothing_another_completes_it(replica: Replicas) -> None:
    a, doomed = await replica(), await replica(lease_seconds=0.5)
    records = [await submit(a, f"p{n}") for n in range(3)]
    first = await doomed.queue.claim()  # then the replica "dies": no renewal, no release
    assert first is not None and first.review_id == records[0].review_id
    await doomed.queue.stop()
    await asyncio.sleep(0.6)
    finished = [await run_one(a) for _ in records]
    assert sorted(r.review_id for r in finished if r) == sorted(r.review_id for r in records)
    again = await a.reviews.get(first.review_id)
    assert again is not None and again.status == COMPLETED and again.attempts == 2
    assert await a.queue.claim() is None and await a.queue.depth() == 0
