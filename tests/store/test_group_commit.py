"""Group commit: concurrent creates share one flush, and a failed batch acknowledges nobody."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest

from wfc_server.store.commits import GroupCommitter, NewFile
from wfc_server.store.records import PENDING, ReviewRecord
from wfc_server.store.reviews import ReviewStore


def _record(store: ReviewStore, review_id: str | None = None) -> ReviewRecord:
    return ReviewRecord(
        review_id=review_id or str(uuid.uuid4()),
        project_id="p1",
        developer_id="dev",
        seq=store.next_seq(),
        status=PENDING,
        submitted_at="2026-01-01T00:00:00.000Z",
    )


def _leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize("use_syncfs", [True, False], ids=["syncfs", "fsync-each"])
async def test_concurrent_creates_share_one_batch_and_all_survive_reload(tmp_path: Path, use_syncfs: bool) -> None:
    store = ReviewStore(tmp_path)
    store.commits.use_syncfs = use_syncfs
    await store.load()
    records = [_record(store) for _ in range(20)]
    await asyncio.gather(*(store.create(r, f"diff {r.seq}\n") for r in records))
    # All twenty queued before the committer first ran: one batch, not twenty flushes.
    assert (store.commits.stats.batches, store.commits.stats.writes) == (1, 20)
    assert store.commits.stats.largest_batch == 20

    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert scan.loaded == 20 and not scan.quarantined and scan.temp_files_removed == 0
    for record in records:
        assert await reloaded.read_diff(record.review_id) == f"diff {record.seq}\n"
    assert {r.review_id for r in scan.unfinished} == {r.review_id for r in records}


async def test_writes_arriving_during_a_flush_form_the_next_batch(tmp_path: Path) -> None:
    committer = GroupCommitter()
    first = asyncio.create_task(committer.write([NewFile(tmp_path / "a" / "first", b"1")]))
    await asyncio.sleep(0)  # the committer takes the first write alone...
    later = [committer.write([NewFile(tmp_path / "b" / f"f{n}", b"x")]) for n in range(5)]
    await asyncio.gather(first, *later)  # ...and the five that queued meanwhile together
    assert (committer.stats.batches, committer.stats.writes, committer.stats.largest_batch) == (2, 6, 5)
    assert (tmp_path / "a" / "first").read_bytes() == b"1"


@pytest.mark.parametrize("use_syncfs", [True, False], ids=["syncfs", "fsync-each"])
async def test_a_failed_batch_fails_every_waiter_and_stores_none_of_it(tmp_path: Path, use_syncfs: bool) -> None:
    store = ReviewStore(tmp_path)
    store.commits.use_syncfs = use_syncfs
    await store.load()
    doomed = str(uuid.uuid4())
    # The doomed review's shard cannot be a directory: a real failure, inside the batch.
    (tmp_path / "reviews" / doomed[:2]).write_bytes(b"not a directory")
    innocent = [_record(store) for _ in range(4)]
    while any(r.review_id[:2] == doomed[:2] for r in innocent):
        innocent = [_record(store) for _ in range(4)]
    outcomes = await asyncio.gather(
        *(store.create(r, "d") for r in [*innocent[:2], _record(store, doomed), *innocent[2:]]),
        return_exceptions=True,
    )
    assert all(isinstance(o, OSError) for o in outcomes), outcomes  # nobody is told "stored"
    assert store.commits.stats.failed_batches == 1 and store.commits.stats.batches == 0
    assert all(store.get(r.review_id) is None for r in innocent)
    (tmp_path / "reviews" / doomed[:2]).unlink()
    assert _leftovers(tmp_path / "reviews") == []  # neither records, diffs nor temp files

    # The committer is not stuck: the next submit is stored, and only it comes back.
    survivor = _record(store)
    await store.create(survivor, "d")
    reloaded = ReviewStore(tmp_path)
    scan = await reloaded.load()
    assert [r.review_id for r in scan.unfinished] == [survivor.review_id]
    assert scan.orphan_diffs_removed == 0 and not scan.quarantined


async def test_files_are_private_and_replace_nothing_half_written(tmp_path: Path) -> None:
    committer = GroupCommitter()
    target = tmp_path / "shard" / "r.json"
    await committer.write([NewFile(target, b'{"a": 1}')])
    assert target.read_bytes() == b'{"a": 1}'
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]
