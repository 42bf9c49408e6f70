"""Two in-process replicas on one PostgreSQL: what one changes, the other enforces at once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import psycopg
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, Credentials, StuckEngine, submit, wait_status, wait_terminal
from tests.operators.receiver import Receiver, verifies
from wfc_server.backends import BACKEND

ADMIN_TOKEN = "wfc_admin_shared-replicas-test-token-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def _replicas(make_client: Any, make_settings: Any, tmp_path: Path, dsn: str, n: int = 2,
                    **sections: Any) -> list[TestClient]:
    return [
        await make_client(make_settings(
            server={"data_dir": str(tmp_path / f"replica-{i}")},
            store={"backend": "postgres", "dsn": dsn},
            auth={"admin_token": ADMIN_TOKEN},
            **sections,
        ))
        for i in range(n)
    ]


async def _until(check: Any, what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.02)


async def test_a_key_made_or_revoked_on_one_replica_counts_on_the_other_at_once(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    a, b = await _replicas(make_client, make_settings, tmp_path, pg_dsn)
    owner = await Credentials.create(a, "alpha")
    assert (await b.get("/v1/reviews/", headers=owner.headers)).status == 200  # created a moment ago on A
    made = await a.post("/v1/projects/alpha/keys", headers=owner.headers,
                        json={"name": "ci", "scopes": ["reviews:read"]})
    assert made.status == 201
    key = await made.json()
    reader = Credentials("alpha", key["api_key"])
    assert (await b.get("/v1/reviews/", headers=reader.headers)).status == 200
    assert (await b.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=reader.headers)).status == 403
    assert (await b.delete(f"/v1/projects/alpha/keys/{key['key_id']}", headers=owner.headers)).status == 204

    async def refused_on_a() -> bool:
        return (await a.get("/v1/reviews/", headers=reader.headers)).status == 401

    await _until(refused_on_a, "A refuses the key B revoked", timeout=2.0)
    trail = await (await a.get("/v1/admin/audit", headers=ADMIN)).json()
    actions = [entry["action"] for entry in trail["entries"]]
    assert "key.created" in actions and "key.revoked" in actions  # one trail, whichever replica wrote


async def test_replicas_together_admit_one_projects_capacity(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    replicas = await _replicas(make_client, make_settings, tmp_path, pg_dsn, n=3,
                               rate_limit={"capacity": 6, "refill_rate": 0.01})
    creds = await Credentials.create(replicas[0], "alpha")
    statuses = [(await replicas[n % 3].get("/v1/reviews/", headers=creds.headers)).status for n in range(12)]
    assert statuses.count(200) == 6 and statuses.count(429) == 6
    limited = await replicas[2].get("/v1/reviews/", headers=creds.headers)
    assert limited.headers["X-RateLimit-Limit"] == "6" and limited.headers["X-RateLimit-Remaining"] == "0"
    assert int(limited.headers["Retry-After"]) >= 1


async def test_concurrent_submits_on_two_replicas_never_exceed_the_projects_queue_cap(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    a, b = [
        await make_client(make_settings(server={"data_dir": str(tmp_path / f"replica-{i}"), "drain_grace_seconds": 0.1},
                                        store={"backend": "postgres", "dsn": pg_dsn},
                                        review={"workers": 1, "max_queued_per_project": 3}),
                          engine=StuckEngine())
        for i in range(2)
    ]
    filler, greedy = await Credentials.create(a, "filler"), await Credentials.create(a, "greedy")
    for replica in (a, b):  # hold both replicas' workers: what greedy submits now only waits
        held = await submit(replica, filler)
        await wait_status(replica, filler, held["review_id"], "in_progress")
    answers = await asyncio.gather(*(
        (a, b)[n % 2].post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=greedy.headers)
        for n in range(10)
    ))
    assert sorted(r.status for r in answers) == [202] * 3 + [429] * 7
    refused = await next(r for r in answers if r.status == 429).json()
    assert "max_queued_per_project" in refused["detail"] and refused["retry_after"] > 0
    assert (await (await b.get("/v1/reviews/?status=pending", headers=greedy.headers)).json())["total"] == 3


async def test_a_project_deleted_through_one_replica_is_gone_from_every_replica(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    a, b = await _replicas(make_client, make_settings, tmp_path, pg_dsn)
    owner = await Credentials.create(a, "alpha")
    rid = (await submit(b, owner, CLEAN_DIFF))["review_id"]
    await wait_terminal(a, owner, rid)
    assert (await b.get(f"/v1/reviews/{rid}", headers=owner.headers)).status == 200  # B keeps it (finished)
    assert (await a.delete("/v1/projects/alpha", headers=ADMIN)).status == 202

    async def gone() -> bool:
        on_b = await b.get(f"/v1/reviews/{rid}", headers=owner.headers)
        listed = await (await b.get("/v1/admin/projects", headers=ADMIN)).json()
        return on_b.status == 401 and not listed["projects"]

    await _until(gone, "B no longer knows the project", timeout=10.0)
    created: list[dict[str, Any]] = []

    async def recreated() -> bool:  # 409 while the purge runs, then the id is free on any replica
        response = await b.post("/v1/projects/", json={"project_id": "alpha", "developer_id": "dev-2"})
        assert response.status in (201, 409), await response.text()
        if response.status == 201:
            created.append(await response.json())
        return bool(created)

    await _until(recreated, "the id is free again", timeout=20.0)
    again = Credentials("alpha", created[0]["api_key"])
    assert (await a.get("/v1/reviews/", headers=again.headers)).status == 200
    assert (await (await a.get("/v1/reviews/", headers=again.headers)).json())["total"] == 0
    for replica in (a, b):  # the old project's finished review is not served from any replica's memory
        assert (await replica.get(f"/v1/reviews/{rid}", headers=again.headers)).status == 404


async def _webhook_replicas(make_client: Any, make_settings: Any, tmp_path: Path, dsn: str) -> list[TestClient]:
    return [
        await make_client(make_settings(
            server={"data_dir": str(tmp_path / f"replica-{i}")},
            store={"backend": "postgres", "dsn": dsn, "lease_seconds": 1.0},
            webhooks={"allow_private_targets": True, "timeout_seconds": 1.0, "retry_base_seconds": 0.5},
        ))
        for i in range(2)
    ]


async def test_a_webhook_fires_once_across_replicas_whichever_ran_the_review(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    a, b = await _webhook_replicas(make_client, make_settings, tmp_path, pg_dsn)
    owner = await Credentials.create(a, "alpha")
    async with Receiver() as receiver:
        created = await a.post("/v1/projects/alpha/webhooks", headers=owner.headers, json={"url": receiver.url})
        hook = await created.json()
        rids = [(await submit(replica, owner, CLEAN_DIFF))["review_id"] for replica in (a, b, a, b)]
        for rid in rids:
            await wait_terminal(b, owner, rid)
        await receiver.wait_for(4)
        await asyncio.sleep(2.5)  # both replicas rescan for due deliveries meanwhile
        assert sorted(r.json["data"]["review_id"] for r in receiver.received) == sorted(rids)
        assert len({r.headers["webhook-id"] for r in receiver.received}) == 4
        assert all(verifies(hook["secret"], r.headers, r.body) for r in receiver.received)

        async def all_recorded_on_b() -> bool:
            page = await (await b.get(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}/deliveries",
                                      headers=owner.headers)).json()
            return len(page["deliveries"]) == 4 and all(d["status"] == "succeeded" for d in page["deliveries"])

        await _until(all_recorded_on_b, "B lists the four deliveries as succeeded")


async def test_a_delivery_whose_replica_dies_mid_attempt_is_retried_by_another(
    pg_dsn: str, make_client: Any, make_settings: Any, tmp_path: Path
) -> None:
    replicas = await _webhook_replicas(make_client, make_settings, tmp_path, pg_dsn)
    owner = await Credentials.create(replicas[0], "alpha")
    # The first request hangs (its replica dies meanwhile), the next fails, the retry succeeds.
    async with Receiver(script=[200, 500], delay=0.6) as receiver:
        hook = await (await replicas[0].post("/v1/projects/alpha/webhooks", headers=owner.headers,
                                             json={"url": receiver.url})).json()
        rid = (await submit(replicas[1], owner, CLEAN_DIFF))["review_id"]
        await wait_terminal(replicas[1], owner, rid)
        await receiver.wait_for(1)
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            row = conn.execute("SELECT lease_owner FROM webhook_deliveries").fetchone()
        assert row is not None and row[0] is not None  # leased while the attempt is in flight
        (sender,) = [r for r in replicas if r.app[BACKEND].queue.owner == row[0]]  # type: ignore[attr-defined]
        survivor = replicas[1 - replicas.index(sender)]
        await sender.close()  # its attempt is cut off, never recorded; its lease lapses
        received = await receiver.wait_for(3, timeout=20)
        assert len({r.headers["webhook-id"] for r in received}) == 1  # one message, three attempts

        async def recorded_on_survivor() -> bool:
            page = await (await survivor.get(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}/deliveries",
                                             headers=owner.headers)).json()
            return page["deliveries"][0]["status"] == "succeeded"

        await _until(recorded_on_survivor, "the survivor records the retried delivery", timeout=10)
        page = await (await survivor.get(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}/deliveries",
                                         headers=owner.headers)).json()
        assert [a["status_code"] for a in page["deliveries"][0]["attempts"]] == [500, 200]
        await asyncio.sleep(1.5)
        assert len(receiver.received) == 3  # nothing sent after it succeeded
