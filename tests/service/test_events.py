"""Event streams: strictly increasing seq, resume replay, bounded slow consumers, retention."""

from __future__ import annotations

import json

from wfc_server.service.events import EventHub, Signal
from wfc_server.store.records import COMPLETED, PENDING, ReviewRecord


def _record(review_id: str = "r1") -> ReviewRecord:
    return ReviewRecord(review_id, "p", "d", 1, PENDING, "2026-01-01T00:00:00Z")


async def test_fan_out_serialises_once_and_numbers_strictly() -> None:
    hub = EventHub(buffer=16)
    record = _record()
    subs = [hub.subscribe(record, None)[0] for _ in range(100)]
    hub.publish(record, "queued", 0)
    hub.publish(record, "stage", 40, {"stage": "reviewer"})
    first = [s.queue.get_nowait() for s in subs[:1]]
    texts = {s.queue.get_nowait() for s in subs[1:]}
    assert len(texts) == 1  # one shared string for everyone
    events = [json.loads(t) for t in first]
    assert events[0]["seq"] == 1 and events[0]["type"] == "queued"
    assert record.event_seq == 2


async def test_resume_replays_after_seq_and_terminal_closes() -> None:
    hub = EventHub()
    record = _record()
    for kind in ("queued", "started", "stage"):
        hub.publish(record, kind, 10)
    sub, cursor, replay = hub.subscribe(record, after=1)
    assert cursor == 1
    assert [json.loads(t)["seq"] for t in replay] == [2, 3]
    record.status = COMPLETED
    hub.publish(record, "completed", 100)
    assert json.loads(sub.queue.get_nowait())["type"] == "completed"
    assert sub.queue.get_nowait() == Signal.CLOSE
    late, cursor, replay = hub.subscribe(record, None)
    assert cursor == 4 and replay == []


async def test_slow_consumer_is_cut_off_with_bounded_memory() -> None:
    hub = EventHub(buffer=3)
    record = _record()
    slow, _, _ = hub.subscribe(record, None)
    for _ in range(10):
        hub.publish(record, "stage", 5)
    assert slow.queue.qsize() == 1
    assert slow.queue.get_nowait() == Signal.OVERFLOW
    assert hub.subscriber_count() == 0


async def test_history_of_finished_reviews_is_bounded() -> None:
    hub = EventHub(history_reviews=2)
    for n in range(4):
        record = _record(f"r{n}")
        record.status = COMPLETED
        hub.publish(record, "completed", 100)
    assert hub.progress("r0") is None and hub.progress("r3") == 100


async def test_resumed_review_skips_a_gap_after_restart() -> None:
    hub = EventHub()
    record = _record()
    record.event_seq = 7
    hub.open(record, resumed=True)
    event = hub.publish(record, "started", 1)
    assert event["seq"] > 7 + 50
