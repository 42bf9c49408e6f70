"""The index snapshot: a quick restart that loses nothing, resurrects nothing, trusts nothing blindly.

A "crash" here is a store abandoned without its clean-shutdown snapshot: the files are exactly
what its writes left, as after kill -9.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path

from wfc_server.store.records import CANCELLED, COMPLETED, PENDING, ReviewRecord
from wfc_server.store.reviews import ReviewStore
from wfc_server.store.snapshot import SNAPSHOT_NAME


def _record(store: ReviewStore, project: str = "p1") -> ReviewRecord:
    return ReviewRecord(
        review_id=str(uuid.uuid4()), project_id=project, developer_id="dev", seq=store.next_seq(),
        status=PENDING, submitted_at="2026-01-01T00:00:00.000Z", files=["a.py"],
        pipeline={"branch": "main", "baseline": None},
    )


async def _complete(store: ReviewStore, record: ReviewRecord, score: float) -> None:
    done = ReviewRecord(**{**record.to_json(), "status": COMPLETED, "consensus_score": score, "passed": True,
                           "findings_count": 1, "severity_counts": {"low": 1},
                           "result": {"findings": [{"title": "t"}], "risk": score}})
    await store.save(done)
    store.apply(record, done)


async def _populated(tmp_path: Path) -> tuple[ReviewStore, list[ReviewRecord]]:
    store = ReviewStore(tmp_path)
    await store.load()
    records = [_record(store, "p1" if n % 2 else "p2") for n in range(6)]
    for record in records:
        await store.create(record, f"diff {record.seq}\n")
    for record in records[:3]:
        await _complete(store, record, 7.5)
    return store, records


def _states(store: ReviewStore) -> dict[str, dict[str, object]]:
    return {r.review_id: r.to_json() for r in (store.get(i) for i in list(store._by_seq.values()))}  # noqa: SLF001


async def test_a_clean_restart_uses_the_snapshot_and_sees_what_a_full_scan_sees(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    assert await store.write_snapshot() == 6
    assert (tmp_path / "reviews" / SNAPSHOT_NAME).exists()

    quick = ReviewStore(tmp_path)
    scan = await quick.load()
    assert (scan.loaded, scan.from_snapshot, scan.quarantined) == (6, 6, [])
    assert {r.review_id for r in scan.unfinished} == {r.review_id for r in records[3:]}
    assert quick.next_seq() == records[-1].seq + 1
    assert (quick.list("p1", COMPLETED, 10, 0)[0], quick.list("p2", COMPLETED, 10, 0)[0]) == (1, 2)
    assert (await quick.result(quick.get(records[0].review_id)))["risk"] == 7.5  # from its file

    (tmp_path / "reviews" / SNAPSHOT_NAME).rename(tmp_path / "kept")
    full = ReviewStore(tmp_path)
    assert (await full.load()).from_snapshot == 0
    assert _states(quick) == _states(full)


async def test_a_crash_after_the_snapshot_loses_and_resurrects_nothing(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()

    # The next run takes the snapshot, then changes things and crashes before its own snapshot.
    running = ReviewStore(tmp_path)
    await running.load()
    newcomer = _record(running)
    await running.create(newcomer, "new\n")
    assert not (tmp_path / "reviews" / SNAPSHOT_NAME).exists()  # gone before the first write
    await _complete(running, running.get(records[3].review_id), 2.0)
    cancelled = running.get(records[5].review_id)
    running.set_status(cancelled, CANCELLED)
    await running.save(cancelled)
    purged = await running.purge_project("p2")
    assert purged

    after = ReviewStore(tmp_path)
    scan = await after.load()
    assert after.get(newcomer.review_id) is not None
    assert after.get(records[3].review_id).status == COMPLETED
    assert after.get(records[5].review_id).status == CANCELLED
    assert all(after.get(review_id) is None for review_id in purged)
    assert scan.from_snapshot == 0 and not scan.quarantined


async def test_records_changed_behind_the_snapshot_are_read_from_their_files(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()
    shard = tmp_path / "reviews"
    # An operator restores an older copy of one record and deletes another (record and diff).
    changed = shard / records[0].review_id[:2] / f"{records[0].review_id}.json"
    data = json.loads(changed.read_bytes())
    changed.write_text(json.dumps({**data, "status": "failed", "error": "restored", "result": None}))
    gone = records[1].review_id
    (shard / gone[:2] / f"{gone}.json").unlink()
    (shard / gone[:2] / f"{gone}.diff").unlink()

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert reloaded.get(records[0].review_id).status == "failed"
    assert reloaded.get(gone) is None  # the snapshot's entry brings nothing back
    assert scan.loaded == 5 and scan.from_snapshot == 4


async def test_a_damaged_snapshot_is_ignored_and_removed(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()
    path = tmp_path / "reviews" / SNAPSHOT_NAME
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x01  # one flipped bit in the body
    path.write_bytes(bytes(raw))

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert scan.snapshot_ignored == "checksum mismatch"
    assert (scan.loaded, scan.from_snapshot) == (6, 0)
    assert not path.exists()
    path.write_bytes(b"garbage without a header")
    assert (await ReviewStore(tmp_path).load()).snapshot_ignored == "no header line"


async def test_the_snapshot_holds_what_the_files_hold_not_unsaved_memory(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    unsaved = store.get(records[5].review_id)
    store.set_status(unsaved, CANCELLED)  # the disk refused this write: the file says pending
    evented = store.get(records[0].review_id)
    evented.event_seq = 41  # events are numbered in memory between writes
    assert await store.write_snapshot() == 5

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert reloaded.get(records[5].review_id).status == PENDING  # read from its file
    assert reloaded.get(records[0].review_id).event_seq == 0
    assert scan.from_snapshot == 5


async def test_a_store_that_never_loaded_writes_no_snapshot(tmp_path: Path) -> None:
    store, _ = await _populated(tmp_path)
    await store.write_snapshot()
    (tmp_path / "reviews" / SNAPSHOT_NAME).unlink()
    assert await ReviewStore(tmp_path).write_snapshot() == 0  # start-up failed before the load
    assert not (tmp_path / "reviews" / SNAPSHOT_NAME).exists()


async def test_a_snapshot_of_another_format_falls_back_to_a_full_scan(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()
    path = tmp_path / "reviews" / SNAPSHOT_NAME
    header, _, body = path.read_bytes().partition(b"\n")
    older = {**json.loads(header), "format": 1}  # e.g. written by an earlier version
    path.write_bytes(json.dumps(older).encode() + b"\n" + body)

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert (scan.snapshot_ignored, scan.loaded, scan.from_snapshot) == ("unknown format", 6, 0)
    assert not path.exists()
    assert _states(reloaded) == _states(store)


async def test_values_that_do_not_add_up_to_their_lengths_are_refused(tmp_path: Path) -> None:
    store, _ = await _populated(tmp_path)
    await store.write_snapshot()
    path = tmp_path / "reviews" / SNAPSHOT_NAME
    raw = path.read_bytes()
    header, _, body = raw.partition(b"\n")
    fields = json.loads(header)
    cut = body[:-3]  # a truncated tail whose checksum was recomputed: the lengths still disagree
    fields["sha256"] = hashlib.sha256(cut).hexdigest()
    path.write_bytes(json.dumps(fields).encode() + b"\n" + cut)
    scan = await ReviewStore(tmp_path).load()
    assert scan.snapshot_ignored == "values do not match their lengths"
    assert (scan.loaded, scan.from_snapshot) == (6, 0)


async def test_reviews_from_the_snapshot_are_built_when_first_read_and_written_back_as_they_were(
    tmp_path: Path,
) -> None:
    store, records = await _populated(tmp_path)
    expected = _states(store)
    await store.write_snapshot()

    quick = ReviewStore(tmp_path)
    await quick.load()
    assert len(quick) == 6
    assert len(quick._records) == 3  # noqa: SLF001  # only the unfinished ones, to resume them
    total, page = quick.list("p2", None, 2, 0)  # a listing builds the records of its page only
    assert total == 3 and [r.review_id for r in page] == [records[4].review_id, records[2].review_id]
    assert len(quick._records) == 4  # noqa: SLF001  # records[4] was unfinished, records[2] is new
    done = quick.get(records[0].review_id)
    assert done is not None and done.status == COMPLETED and done.consensus_score == 7.5
    assert len(quick._records) == 5  # noqa: SLF001
    assert _states(quick) == expected

    # The next clean stop writes the reviews nobody read exactly as it loaded them.
    assert await quick.write_snapshot() == 6
    again = ReviewStore(tmp_path)
    scan = await again.load()
    assert (scan.loaded, scan.from_snapshot) == (6, 6)
    assert _states(again) == _states(quick)


async def test_a_record_rewritten_behind_a_dormant_entry_is_read_from_its_file_next_start(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()
    running = ReviewStore(tmp_path)
    await running.load()  # records[1] stays dormant: nobody reads it
    path = tmp_path / "reviews" / records[1].review_id[:2] / f"{records[1].review_id}.json"
    data = json.loads(path.read_bytes())
    path.write_text(json.dumps({**data, "consensus_score": 1.0}))  # behind the running service's back
    await running.write_snapshot()  # its entry keeps the stamp it had when loaded

    after = ReviewStore(tmp_path)
    scan = await after.load()
    assert scan.from_snapshot == 5
    assert after.get(records[1].review_id).consensus_score == 1.0


async def test_a_record_added_behind_the_snapshot_with_a_taken_seq_is_quarantined(tmp_path: Path) -> None:
    store, records = await _populated(tmp_path)
    await store.write_snapshot()
    intruder = ReviewRecord(**{**records[2].to_json(), "review_id": str(uuid.uuid4())})  # records[2]'s seq
    shard = tmp_path / "reviews" / intruder.review_id[:2]
    shard.mkdir(exist_ok=True)
    (shard / f"{intruder.review_id}.diff").write_text("diff\n")
    (shard / f"{intruder.review_id}.json").write_text(json.dumps(intruder.to_json()))

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert scan.quarantined == [(f"{intruder.review_id}.json", "duplicate seq or id")]
    assert (scan.loaded, scan.from_snapshot) == (6, 6)
    assert reloaded.get(intruder.review_id) is None and reloaded.get(records[2].review_id) is not None
    assert not (shard / f"{intruder.review_id}.diff").exists()  # its diff is swept as an orphan
