"""Reviews, diffs and event seqs: committed before the 202, conditional transitions, no gaps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import orjson
import pytest

from tests.store.postgres.support import new_review, submit
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.protocols import Announce, ProjectQueueAtCapacity, QueueAtCapacity
from wfc_server.store.records import CANCELLED, COMPLETED, IN_PROGRESS, PENDING


async def test_a_created_review_its_diff_and_first_event_are_readable_from_another_replica(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    here, there = PgReviewStore(database), PgReviewStore(await open_replica())
    diff = "diff --git a/x.py b/x.py\n+print('h\u00e9llo')\n+nul:\x00 lone surrogate:\udcff\n"
    record = await here.create(new_review(files=["x.py", "y.py"]), diff, Announce("queued", 0, {"queue_position": 3}))
    assert record.seq >= 1 and record.event_seq == 1
    found = await there.get(record.review_id)
    assert found == record
    assert await there.read_diff(record.review_id) == diff.replace("\udcff", "\ufffd" * 3)
    [event] = await there.events(record.review_id, 0)
    body = orjson.loads(event.body)
    assert (event.seq, event.kind) == (1, "queued")
    assert body["seq"] == 1 and body["status"] == PENDING and body["data"] == {"queue_position": 3}
    with pytest.raises(FileNotFoundError):
        await there.read_diff("no-such-review")


async def test_listing_is_newest_first_per_project_with_status_filter_and_paging(database: Database) -> None:
    store = PgReviewStore(database)
    alpha = [await submit(store, "alpha") for _ in range(5)]
    await submit(store, "beta")
    await store.transition(alpha[1].review_id, {PENDING}, {"status": CANCELLED})
    total, page = await store.list("alpha", None, limit=2, offset=1)
    assert total == 5 and [r.review_id for r in page] == [alpha[3].review_id, alpha[2].review_id]
    total, page = await store.list("alpha", CANCELLED, limit=10, offset=0)
    assert total == 1 and page[0].review_id == alpha[1].review_id
    assert (await store.list("gamma", None, 10, 0)) == (0, [])


async def test_a_transition_applies_only_from_the_given_states_so_a_cancel_beats_a_late_completion(
    database: Database,
) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    started = await store.transition(record.review_id, {PENDING}, {"status": IN_PROGRESS}, Announce("started", 1))
    assert started is not None and started.status == IN_PROGRESS and started.event_seq == 2
    cancelled = await store.transition(
        record.review_id, {PENDING, IN_PROGRESS}, {"status": CANCELLED}, Announce("cancelled")
    )
    assert cancelled is not None and cancelled.status == CANCELLED
    late = await store.transition(
        record.review_id, {IN_PROGRESS}, {"status": COMPLETED, "result": {"findings": []}}, Announce("completed", 100)
    )
    assert late is None
    final = await store.get(record.review_id)
    assert final is not None and final.status == CANCELLED and final.event_seq == 3
    assert [e.kind for e in await store.events(record.review_id, 0)] == ["queued", "started", "cancelled"]
    with pytest.raises(ValueError, match="not writable"):
        await store.transition(record.review_id, {CANCELLED}, {"seq": 1})


async def test_a_completed_result_is_stored_and_read_back_lazily(database: Database) -> None:
    store = PgReviewStore(database)
    record = await submit(store)
    result = {"findings": [{"file": "a.py", "line": 3, "message": "x\u0000y"}], "consensus_score": 7.5}
    await store.transition(record.review_id, {PENDING}, {"status": IN_PROGRESS})
    done = await store.transition(
        record.review_id, {IN_PROGRESS},
        {"status": COMPLETED, "consensus_score": 7.5, "passed": True, "findings_count": 1, "result": result},
    )
    assert done is not None and done.result is None and done.findings_count == 1
    assert await store.result(done) == result


async def test_event_seqs_stay_gap_free_and_ordered_under_concurrent_writers(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    stores = [PgReviewStore(database), PgReviewStore(await open_replica())]
    record = await submit(stores[0])
    await stores[0].transition(record.review_id, {PENDING}, {"status": IN_PROGRESS})

    async def publish(store: PgReviewStore, writer: int) -> list[int]:
        seqs = []
        for step in range(15):
            updated = await store.transition(
                record.review_id, {IN_PROGRESS}, {}, Announce("stage", step, {"writer": writer, "step": step})
            )
            assert updated is not None
            seqs.append(updated.event_seq)
        return seqs

    results = await asyncio.gather(*(publish(stores[n % 2], n) for n in range(6)))
    events = await stores[1].events(record.review_id, 0)
    assert [e.seq for e in events] == list(range(1, 2 + 6 * 15))
    assert sorted(s for seqs in results for s in seqs) == list(range(2, 2 + 6 * 15))
    for seqs in results:
        assert seqs == sorted(seqs)  # each writer's events are in its own order
    assert [orjson.loads(e.body)["seq"] for e in events] == [e.seq for e in events]
    assert await stores[0].progress(record.review_id) == 14  # the highest progress reported


async def test_every_write_commits_synchronously_even_where_the_server_default_is_off(pg_dsn: str) -> None:
    relaxed = pg_dsn.replace("options='-c ", "options='-c synchronous_commit=off -c ")
    db = Database(relaxed, max_size=2)
    await db.open()
    try:
        async with db.connection() as conn:
            cursor = await conn.execute("SHOW synchronous_commit")
            assert (await cursor.fetchone())[0] == "on"
    finally:
        await db.close()


async def test_concurrent_submits_on_two_replicas_never_exceed_the_project_or_queue_cap(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    replicas = (PgReviewStore(database), PgReviewStore(await open_replica()))

    async def attempt(n: int, project_id: str) -> str:
        try:
            record = await replicas[n % 2].create(new_review(project_id), "d\n", Announce("queued"),
                                                  max_pending=5, max_pending_per_project=3)
        except ProjectQueueAtCapacity as exc:
            assert exc.limit == 3
            return "project full"
        except QueueAtCapacity:
            return "queue full"
        [event] = await replicas[0].events(record.review_id, 0)
        return f"position {orjson.loads(event.body)['data']['queue_position']}"

    greedy = await asyncio.gather(*(attempt(n, "greedy") for n in range(12)))
    assert sorted(greedy) == ["position 1", "position 2", "position 3"] + ["project full"] * 9
    others = await asyncio.gather(*(attempt(n, f"other-{n % 3}") for n in range(9)))
    assert others.count("queue full") == 7 and len([r for r in others if r.startswith("position")]) == 2
    # Only waiting reviews count: one that started frees its project's place.
    [first] = [r for r in (await replicas[1].list("greedy", PENDING, 1, 2))[1]]
    await replicas[1].transition(first.review_id, {PENDING}, {"status": IN_PROGRESS})
    assert (await attempt(0, "greedy")).startswith("position")
