"""The shared queue: exclusive claims in arrival order, leases, reclaims, cancels across replicas."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import orjson
import pytest

from tests.store.postgres.support import submit
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.queue import PgJobQueue
from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.protocols import Announce
from wfc_server.store.records import CANCELLED, COMPLETED, FAILED, IN_PROGRESS, PENDING

QueueFactory = Callable[..., Awaitable[PgJobQueue]]


@pytest.fixture
async def make_queue(open_replica: Callable[[], Awaitable[Database]]) -> AsyncIterator[QueueFactory]:
    """A queue on its own pool, as one replica would run it."""
    queues: list[PgJobQueue] = []

    async def make(**options: object) -> PgJobQueue:
        queue = PgJobQueue(await open_replica(), **{"max_attempts": 3, **options})  # type: ignore[arg-type]
        await queue.start()
        queues.append(queue)
        return queue

    yield make
    for queue in queues:
        await queue.stop()


async def test_concurrent_claimers_on_several_replicas_never_get_the_same_review(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    submitted = [await submit(store, f"p{n % 3}") for n in range(30)]
    queues = [await make_queue() for _ in range(3)]

    async def drain(queue: PgJobQueue) -> list[str]:
        claimed = []
        while (record := await queue.claim()) is not None:
            claimed.append(record.review_id)
        return claimed

    per_worker = await asyncio.gather(*(drain(q) for q in queues * 2))
    everything = [review_id for claimed in per_worker for review_id in claimed]
    assert sorted(everything) == sorted(r.review_id for r in submitted)  # each exactly once
    for claimed in per_worker:  # each worker took its share oldest first
        seqs = [next(r.seq for r in submitted if r.review_id == rid) for rid in claimed]
        assert seqs == sorted(seqs)


async def test_a_claim_takes_the_oldest_pending_review_and_leases_it(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    first, second = await submit(store, "alpha"), await submit(store, "alpha")
    queue = await make_queue()
    claimed = await queue.claim()
    assert claimed is not None and claimed.review_id == first.review_id
    assert claimed.status == IN_PROGRESS and claimed.attempts == 1 and claimed.started_at
    assert [r.review_id for r in await queue.running()] == [first.review_id]
    events = await store.events(first.review_id, 0)
    assert [(e.seq, e.kind) for e in events] == [(1, "queued"), (2, "started")]
    assert orjson.loads(events[1].body)["data"] == {"attempt": 1}
    assert (await store.get(second.review_id)).status == PENDING  # type: ignore[union-attr]


async def test_an_expired_lease_is_reclaimed_with_one_more_attempt_then_fails_past_the_limit(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    dead = await make_queue(lease_seconds=0.3, max_attempts=2)  # a replica that never renews
    survivor = await make_queue(max_attempts=2)
    assert (await dead.claim()).attempts == 1  # type: ignore[union-attr]
    assert await survivor.claim() is None  # the lease still holds
    await asyncio.sleep(0.4)
    reclaimed = await survivor.claim()
    assert reclaimed is not None and reclaimed.attempts == 2 and reclaimed.review_id == record.review_id
    assert not await dead.renew(record.review_id)  # the stalled replica has lost it
    stale = await store.transition(record.review_id, {IN_PROGRESS}, {"status": COMPLETED}, lease_owner=dead.owner)
    assert stale is None  # and cannot complete it any more
    async with database.connection() as conn:
        await conn.execute("UPDATE reviews SET lease_expires_at = now() - interval '1 second'")
    assert await survivor.claim() is None  # attempts spent: failed on the way, nothing to run
    failed = await store.get(record.review_id)
    assert failed is not None and failed.status == FAILED and failed.attempts == 2
    assert "interrupted 2 times" in (failed.error or "")
    kinds = [e.kind for e in await store.events(record.review_id, 0)]
    assert kinds == ["queued", "started", "started", "failed"]


async def test_a_running_review_keeps_its_lease_while_renewed(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    runner = await make_queue(lease_seconds=0.6)
    other = await make_queue()
    await runner.claim()
    runner.watch(record.review_id, lambda: None)  # the keeper renews what is watched
    await asyncio.sleep(1.0)
    assert await other.claim() is None
    runner.unwatch(record.review_id)


async def test_a_cancel_on_one_replica_reaches_the_replica_running_it_within_a_second(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    runner, front = await make_queue(), await make_queue()
    await runner.claim()
    stopped = asyncio.Event()
    runner.watch(record.review_id, stopped.set)
    started = time.monotonic()
    cancelled = await front.cancel(record.review_id)
    assert cancelled is not None and cancelled.status == CANCELLED
    await asyncio.wait_for(stopped.wait(), 1.0)
    assert time.monotonic() - started < 1.0
    assert await front.cancel(record.review_id) is None  # already terminal
    late = await store.transition(
        record.review_id, {IN_PROGRESS}, {"status": COMPLETED}, Announce("completed", 100), lease_owner=runner.owner
    )
    assert late is None
    assert [e.kind for e in await store.events(record.review_id, 0)][-1] == "cancelled"


async def test_a_cancel_is_seen_by_renewal_even_without_notifications(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    runner = await make_queue()
    await runner.claim()
    await runner._db.listener.stop()  # noqa: SLF001 - simulate a lost LISTEN session
    stopped = asyncio.Event()
    runner.watch(record.review_id, stopped.set)
    await store.transition(record.review_id, {IN_PROGRESS}, {"status": CANCELLED}, Announce("cancelled"))
    await asyncio.wait_for(stopped.wait(), runner.renew_interval + 0.8)


async def test_a_released_review_goes_back_to_the_queue_without_spending_an_attempt(
    database: Database, make_queue: QueueFactory
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    draining, other = await make_queue(), await make_queue()
    await draining.claim()
    waiter = asyncio.create_task(other.wait_for_work(5.0))
    await asyncio.sleep(0.05)
    assert await draining.release(record.review_id)
    await asyncio.wait_for(waiter, 1.0)  # woken by the release, not the timeout
    again = await other.claim()
    assert again is not None and again.review_id == record.review_id and again.attempts == 1


async def test_a_submit_on_any_replica_wakes_idle_workers(database: Database, make_queue: QueueFactory) -> None:
    idle = await make_queue()
    waiter = asyncio.create_task(idle.wait_for_work(5.0))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await submit(PgReviewStore(database))
    await asyncio.wait_for(waiter, 1.0)
    assert time.monotonic() - started < 1.0
    assert await idle.claim() is not None
