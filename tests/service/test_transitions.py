"""State transitions are persisted before they are applied, and never over a cancel."""

from __future__ import annotations

import json
from pathlib import Path

from wfc_server.metrics import Metrics
from wfc_server.review.engine import ReviewEngine
from wfc_server.service.events import EventHub
from wfc_server.service.reviews import ReviewService, ServiceLimits
from wfc_server.store.records import CANCELLED, IN_PROGRESS, PENDING, ReviewRecord
from wfc_server.store.reviews import ReviewStore


async def _service(tmp_path: Path) -> tuple[ReviewService, ReviewStore]:
    store = ReviewStore(tmp_path)
    await store.load()
    service = ReviewService(store, ReviewEngine(data_dir=tmp_path), EventHub(), Metrics(),
                            ServiceLimits(workers=1, timeout_seconds=5, queue_size=10, max_attempts=3),
                            repo_path_of=lambda _: None)
    return service, store


def _on_disk(tmp_path: Path, record: ReviewRecord) -> str:
    path = tmp_path / "reviews" / record.review_id[:2] / f"{record.review_id}.json"
    return json.loads(path.read_text())["status"]


async def test_a_cancelled_review_is_never_written_back_to_in_progress(tmp_path: Path) -> None:
    service, store = await _service(tmp_path)
    record = ReviewRecord("0b6f0c7e-5d8f-4bb4-9f6a-8d1f5a1f2c11", "p", "d", store.next_seq(), PENDING, "t")
    await store.create(record, "diff")
    store.set_status(record, CANCELLED)
    await store.save(record)
    # The worker dequeued it just before the cancel and now tries to start it.
    started = await service._transition(record, {PENDING}, status=IN_PROGRESS)  # noqa: SLF001
    assert started is False
    assert record.status == CANCELLED and _on_disk(tmp_path, record) == CANCELLED


async def test_transition_writes_before_it_applies(tmp_path: Path) -> None:
    service, store = await _service(tmp_path)
    record = ReviewRecord("1b6f0c7e-5d8f-4bb4-9f6a-8d1f5a1f2c11", "p", "d", store.next_seq(), PENDING, "t")
    await store.create(record, "diff")
    assert await service._transition(record, {PENDING}, status=IN_PROGRESS, attempts=1)  # noqa: SLF001
    assert record.status == IN_PROGRESS and record.attempts == 1
    assert _on_disk(tmp_path, record) == IN_PROGRESS
    assert store.list("p", IN_PROGRESS, 10, 0)[0] == 1 and store.list("p", PENDING, 10, 0)[0] == 0
