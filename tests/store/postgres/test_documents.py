"""The audit trail, gate policies, suppressions and idempotency keys shared by replicas."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from wfc_server.store.idempotency import IdempotencyEntry, key_hash
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.documents import (
    PgAuditLog,
    PgIdempotencyStore,
    PgPolicyStore,
    PgSuppressionStore,
)


async def test_audit_entries_from_two_replicas_are_numbered_once_and_paged_newest_first(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    logs = [PgAuditLog(database), PgAuditLog(await open_replica())]
    stored = await asyncio.gather(*(logs[n % 2].append({"action": f"a{n}", "project_id": "p" if n % 2 else "q"})
                                    for n in range(10)))
    assert sorted(e["seq"] for e in stored) == list(range(1, 11))
    total, page = await logs[1].page(None, 3, 0)
    assert total == 10 and [e["seq"] for e in page] == [10, 9, 8]
    total, page = await logs[0].page("p", 2, 1)
    assert total == 5 and all(e["project_id"] == "p" for e in page)
    assert page[0]["seq"] > page[1]["seq"]


async def test_policy_versions_never_repeat_when_replicas_change_it_together(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    stores = [PgPolicyStore(database), PgPolicyStore(await open_replica())]
    assert await stores[0].get("alpha") is None
    documents = await asyncio.gather(*(stores[n % 2].put("alpha", {"max_risk": n}, f"key_{n}") for n in range(8)))
    assert sorted(d["version"] for d in documents) == list(range(1, 9))
    latest = await stores[1].get("alpha")
    assert latest is not None and latest["version"] == 8
    assert latest == next(d for d in documents if d["version"] == 8)
    assert await stores[0].get("beta") is None


async def test_suppressions_are_listed_in_order_and_deleted_once(database: Database) -> None:
    store = PgSuppressionStore(database)
    for n in range(3):
        await store.add("alpha", {"id": f"sup_{n}", "rule": f"R{n}"})
    await store.add("beta", {"id": "sup_x", "rule": "X"})
    assert [s["id"] for s in await store.list("alpha")] == ["sup_0", "sup_1", "sup_2"]
    assert await store.delete("alpha", "sup_1") is True
    assert await store.delete("alpha", "sup_1") is False
    assert await store.delete("alpha", "sup_x") is False  # another project's
    assert [s["id"] for s in await store.list("alpha")] == ["sup_0", "sup_2"]


async def test_an_idempotency_key_is_taken_by_the_first_replica_and_expires(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    stores = [PgIdempotencyStore(database, 60), PgIdempotencyStore(await open_replica(), 60)]
    now = time.time()
    entries = [IdempotencyEntry(key_hash("k"), "body", f"review-{n}", now) for n in range(6)]
    taken = await asyncio.gather(*(stores[n % 2].put("alpha", e) for n, e in enumerate(entries)))
    assert len({t.review_id for t in taken}) == 1  # every racer got the same review
    assert await stores[1].get("alpha", "k") == taken[0]
    assert await stores[0].get("beta", "k") is None
    old = IdempotencyEntry(key_hash("old"), "body", "review-old", now - 120)
    await stores[0].put("alpha", old)
    assert await stores[0].get("alpha", "old") is None  # expired: as if never used
    fresh = IdempotencyEntry(key_hash("old"), "other", "review-new", now)
    assert await stores[1].put("alpha", fresh) == fresh  # an expired key can be used again
    assert await stores[0].purge(now - 60) == 0
    assert await stores[0].purge(now + 1) == 2
