"""Event streams across replicas: every event, in order, once; replay from the table."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import orjson
import pytest

from tests.store.postgres.support import submit
from wfc_server.store.events import StreamSignal, StreamSubscriber
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.events import PgEventBus
from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.protocols import Announce
from wfc_server.store.records import COMPLETED, IN_PROGRESS, PENDING

BusFactory = Callable[..., Awaitable[PgEventBus]]


@pytest.fixture
async def make_bus(open_replica: Callable[[], Awaitable[Database]]) -> AsyncIterator[BusFactory]:
    buses: list[PgEventBus] = []

    async def make(**options: int) -> PgEventBus:
        db = await open_replica()
        bus = PgEventBus(db, PgReviewStore(db), **options)  # type: ignore[arg-type]
        await bus.start()
        buses.append(bus)
        return bus

    yield make
    for bus in buses:
        await bus.stop()


async def _collect(
    subscriber: StreamSubscriber, timeout: float = 3.0, count: int | None = None
) -> tuple[list[dict], str | None]:
    """Events until a signal, ``count`` events or the timeout."""
    events: list[dict] = []
    while count is None or len(events) < count:
        try:
            item = await asyncio.wait_for(subscriber.queue.get(), timeout)
        except TimeoutError:
            return events, None
        if item in (StreamSignal.CLOSE, StreamSignal.OVERFLOW):
            return events, item
        events.append(orjson.loads(item))
    return events, None


async def _run_review(store: PgReviewStore, review_id: str, stages: int) -> None:
    await store.transition(review_id, {PENDING}, {"status": IN_PROGRESS}, Announce("started", 1))
    for step in range(stages):
        await store.transition(review_id, {IN_PROGRESS}, {}, Announce("stage", 10 + step, {"step": step}))
    await store.transition(review_id, {IN_PROGRESS}, {"status": COMPLETED}, Announce("completed", 100))


async def test_a_subscriber_on_one_replica_gets_every_event_written_on_another_in_order(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    bus = await make_bus()
    subscribers = [(await bus.subscribe(record, None))[0] for _ in range(20)]
    assert bus.subscriber_count() == 20
    await _run_review(writer, record.review_id, stages=10)
    for subscriber in subscribers:
        events, signal = await _collect(subscriber)
        assert signal == StreamSignal.CLOSE
        assert [e["seq"] for e in events] == list(range(2, 14))
        assert events[-1]["type"] == "completed" and events[-1]["status"] == COMPLETED
    assert bus.subscriber_count() == 0


async def test_resuming_after_a_seq_replays_from_the_table_on_any_replica(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    await writer.transition(record.review_id, {PENDING}, {"status": IN_PROGRESS}, Announce("started", 1))
    for step in range(4):
        await writer.transition(record.review_id, {IN_PROGRESS}, {}, Announce("stage", 20, {"step": step}))
    current = await writer.get(record.review_id)
    assert current is not None and current.event_seq == 6
    bus = await make_bus()
    subscriber, cursor, replay = await bus.subscribe(current, after=3)
    assert cursor == 3 and [orjson.loads(t)["seq"] for t in replay] == [4, 5, 6]
    await writer.transition(record.review_id, {IN_PROGRESS}, {"status": COMPLETED}, Announce("completed", 100))
    events, signal = await _collect(subscriber)
    assert [e["seq"] for e in events] == [7] and signal == StreamSignal.CLOSE
    done = await writer.get(record.review_id)
    assert done is not None
    late, cursor, replay = await bus.subscribe(done, after=0)  # a finished review: replay, no stream
    assert cursor == 0 and [orjson.loads(t)["seq"] for t in replay] == list(range(1, 8))
    assert bus.subscriber_count() == 0
    _, cursor, replay = await bus.subscribe(done, after=None)
    assert cursor == 7 and replay == []


async def test_events_committed_between_reading_the_record_and_subscribing_are_not_lost(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    stale = await writer.get(record.review_id)
    await writer.transition(record.review_id, {PENDING}, {"status": IN_PROGRESS}, Announce("started", 1))
    bus = await make_bus()
    assert stale is not None
    subscriber, cursor, _ = await bus.subscribe(stale, None)
    assert cursor == 1
    events, _ = await _collect(subscriber, count=1)
    assert [e["seq"] for e in events] == [2]
    assert subscriber.queue.empty()


async def test_a_lost_notification_session_is_caught_up_by_polling(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    bus = await make_bus(poll_seconds=0.2)  # type: ignore[arg-type]
    subscriber, _, _ = await bus.subscribe(record, None)
    await bus._db.listener.stop()  # noqa: SLF001 - as if the LISTEN connection dropped
    await _run_review(writer, record.review_id, stages=2)
    events, signal = await _collect(subscriber, timeout=3.0)
    assert [e["seq"] for e in events] == [2, 3, 4, 5] and signal == StreamSignal.CLOSE


async def test_a_subscriber_that_falls_behind_is_disconnected_and_memory_stays_bounded(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    bus = await make_bus(buffer=4)
    slow, _, _ = await bus.subscribe(record, None)
    await _run_review(writer, record.review_id, stages=8)
    await asyncio.sleep(0.5)
    assert slow.queue.qsize() <= 4
    assert slow.queue.get_nowait() == StreamSignal.OVERFLOW
    assert bus.subscriber_count() == 0


async def test_carried_events_fan_out_without_reading_the_table_and_long_ones_are_read_from_it(
    database: Database, make_bus: BusFactory
) -> None:
    writer = PgReviewStore(database)
    record = await submit(writer)
    bus = await make_bus()
    reads: list[int] = []
    table_events = bus._reviews.events

    async def counted(review_id: str, after: int, upto: int | None = None):  # type: ignore[no-untyped-def]
        reads.append(after)
        return await table_events(review_id, after, upto)

    bus._reviews.events = counted  # type: ignore[method-assign]
    subscribers = [(await bus.subscribe(record, None))[0] for _ in range(5)]
    await asyncio.sleep(0.2)  # the catch-up read after subscribing is done
    reads.clear()
    long_note = {"text": "é" * 5000}  # over a NOTIFY's 8000 bytes once encoded: read from the table
    await writer.transition(record.review_id, {PENDING}, {"status": IN_PROGRESS}, Announce("started", 1))
    await writer.transition(record.review_id, {IN_PROGRESS}, {}, Announce("stage", 10, long_note))
    await writer.transition(record.review_id, {IN_PROGRESS}, {}, Announce("stage", 20, {"step": 1}))
    await writer.transition(record.review_id, {IN_PROGRESS}, {"status": COMPLETED}, Announce("completed", 100))
    for subscriber in subscribers:
        events, signal = await _collect(subscriber)
        assert signal == StreamSignal.CLOSE and [e["seq"] for e in events] == [2, 3, 4, 5]
        assert events[1]["data"] == long_note and events[2]["data"] == {"step": 1}
    assert reads and len(reads) <= 2  # only for the long event (and what came with it), not per event
