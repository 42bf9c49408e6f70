"""The review store: durable create, index rebuilt on load, listing order, quarantine."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from wfc_server.store.records import COMPLETED, IN_PROGRESS, PENDING, ReviewRecord
from wfc_server.store.reviews import ReviewStore


def _record(store: ReviewStore, project: str = "p1", status: str = PENDING) -> ReviewRecord:
    return ReviewRecord(
        review_id=str(uuid.uuid4()),
        project_id=project,
        developer_id="dev",
        seq=store.next_seq(),
        status=status,
        submitted_at="2026-01-01T00:00:00.000Z",
    )


async def test_create_is_on_disk_and_survives_reload(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path)
    await store.load()
    record = _record(store)
    await store.create(record, "diff --git a/x b/x\n")
    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert scan.loaded == 1
    assert [r.review_id for r in scan.unfinished] == [record.review_id]
    assert await reloaded.read_diff(record.review_id) == "diff --git a/x b/x\n"
    assert reloaded.next_seq() == record.seq + 1


async def test_listing_is_newest_first_per_project_and_status(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path)
    await store.load()
    mine = []
    for _ in range(5):
        record = _record(store)
        await store.create(record, "d")
        mine.append(record)
    other = _record(store, project="p2")
    await store.create(other, "d")
    total, page = store.list("p1", None, limit=2, offset=1)
    assert total == 5
    assert [r.review_id for r in page] == [mine[3].review_id, mine[2].review_id]
    store.set_status(mine[1], COMPLETED)
    mine[1].result = {"findings": []}
    await store.save(mine[1])
    total, page = store.list("p1", COMPLETED, limit=10, offset=0)
    assert (total, [r.review_id for r in page]) == (1, [mine[1].review_id])
    assert store.list("p1", PENDING, 10, 0)[0] == 4
    assert store.list("p2", None, 10, 0)[0] == 1


async def test_result_is_read_back_after_reload(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path)
    await store.load()
    record = _record(store)
    await store.create(record, "d")
    store.set_status(record, COMPLETED)
    record.result = {"findings": [{"title": "x"}], "risk": 1.0}
    await store.save(record)
    reloaded = ReviewStore(tmp_path)
    await reloaded.load()
    again = reloaded.get(record.review_id)
    assert again is not None and again.status == COMPLETED
    assert (await reloaded.result(again))["risk"] == 1.0


async def test_corrupt_and_partial_files_are_quarantined(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path)
    await store.load()
    good = _record(store, status=IN_PROGRESS)
    await store.create(good, "d")
    bad = _record(store)
    await store.create(bad, "d")
    shard = tmp_path / "reviews" / bad.review_id[:2]
    (shard / f"{bad.review_id}.json").write_text('{"review_id": "trunc')
    no_diff = _record(store)
    await store.create(no_diff, "d")
    (tmp_path / "reviews" / no_diff.review_id[:2] / f"{no_diff.review_id}.diff").unlink()
    orphan = tmp_path / "reviews" / "ab" / f"ab{uuid.uuid4().hex[:6]}.diff"
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_text("never acknowledged")
    (shard / f".{bad.review_id}.json.beef.tmp").write_text("{")

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert scan.loaded == 1
    reasons = dict(scan.quarantined)
    assert "not valid JSON" in reasons[f"{bad.review_id}.json"]
    assert "diff file is missing" in reasons[f"{no_diff.review_id}.json"]
    assert scan.orphan_diffs_removed == 2  # the stray one and the corrupt record's
    assert scan.temp_files_removed == 1
    assert reloaded.get(good.review_id) is not None
    assert (tmp_path / "quarantine" / "reviews" / f"{bad.review_id}.json").exists()
    json.loads((tmp_path / "reviews" / good.review_id[:2] / f"{good.review_id}.json").read_text())
