"""Webhooks on an in-process app: event filters, cancellations, re-enabling, secrecy."""

from __future__ import annotations

import asyncio
import shutil
from typing import Any

import psycopg
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, Credentials, submit, wait_terminal
from tests.operators.receiver import Receiver, verifies


async def test_only_wanted_events_are_delivered_and_patch_reenables(make_client: Any) -> None:
    client: TestClient = await make_client(webhooks={"allow_private_targets": True, "retry_base_seconds": 0.05})
    owner = await Credentials.create(client, "alpha")
    async with Receiver() as receiver:
        created = await client.post("/v1/projects/alpha/webhooks", headers=owner.headers,
                                    json={"url": receiver.url, "events": ["review.cancelled"]})
        assert created.status == 201
        hook = await created.json()
        finished = (await submit(client, owner, CLEAN_DIFF))["review_id"]
        await wait_terminal(client, owner, finished)
        # One worker: the second review waits while the first runs, so it is still cancellable.
        first = (await submit(client, owner, CLEAN_DIFF))["review_id"]
        second = (await submit(client, owner, CLEAN_DIFF))["review_id"]
        cancelled = await client.delete(f"/v1/reviews/{second}", headers=owner.headers)
        assert cancelled.status == 200
        await wait_terminal(client, owner, first)
        received = await receiver.wait_for(1)
        assert [r.json["type"] for r in received] == ["review.cancelled"]
        assert received[0].json["data"]["review_id"] == second
        assert verifies(hook["secret"], received[0].headers, received[0].body)

        patched = await client.patch(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}", headers=owner.headers,
                                     json={"enabled": False})
        assert (await patched.json())["enabled"] is False
        patched = await client.patch(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}", headers=owner.headers,
                                     json={"enabled": True, "events": ["review.completed"]})
        body = await patched.json()
        assert body["enabled"] is True and body["disabled_reason"] is None and body["events"] == ["review.completed"]
        assert "secret" not in body and hook["secret"] not in str(body)
        deleted = await client.delete(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}", headers=owner.headers)
        assert deleted.status == 204
        missing = await client.get(f"/v1/projects/alpha/webhooks/{hook['webhook_id']}", headers=owner.headers)
        assert missing.status == 404


async def _until_delivered(client: Any, owner: Credentials, webhook_id: str, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    url = f"/v1/projects/{owner.project_id}/webhooks/{webhook_id}/deliveries"
    while True:
        page = await (await client.get(url, headers=owner.headers)).json()
        if page["deliveries"] and all(d["status"] == "succeeded" for d in page["deliveries"]):
            return
        assert asyncio.get_running_loop().time() < deadline, page
        await asyncio.sleep(0.05)


async def test_a_delivery_lost_to_a_crash_is_recorded_at_the_next_start(make_client: Any, make_settings: Any) -> None:
    settings = make_settings(webhooks={"allow_private_targets": True})
    async with Receiver() as receiver:
        first = await make_client(settings)
        owner = await Credentials.create(first, "alpha")
        hook = await (await first.post("/v1/projects/alpha/webhooks", headers=owner.headers,
                                        json={"url": receiver.url})).json()
        rid = (await submit(first, owner, CLEAN_DIFF))["review_id"]
        await wait_terminal(first, owner, rid)
        await receiver.wait_for(1)
        await first.close()
        # The crash: the review's final state was written, its delivery's record was not.
        if settings.store.backend == "postgres":
            with psycopg.connect(settings.store.dsn, autocommit=True) as conn:
                conn.execute("DELETE FROM webhook_deliveries WHERE webhook_id = %s", (hook["webhook_id"],))
        else:
            shutil.rmtree(settings.data_path / "deliveries" / "alpha")
        second = await make_client(settings)
        again = await receiver.wait_for(2)
        assert again[1].json["data"]["review_id"] == rid and again[1].json["type"] == "review.completed"
        await _until_delivered(second, owner, hook["webhook_id"])  # its outcome stored, not only sent
        await second.close()
        third = await make_client(settings)  # nothing is lost any more, so nothing is sent twice
        await asyncio.sleep(0.5)
        assert len(receiver.received) == 2
        await third.close()


def _webhook_series(text: str) -> dict[str, float]:
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in text.splitlines() if line.startswith("wfc_webhook_")}


async def test_delivery_metrics_count_attempts_and_outcomes_without_naming_tenants(make_client: Any) -> None:
    # Even with per-project review labels switched on, webhook series name no project or endpoint.
    client: TestClient = await make_client(webhooks={"allow_private_targets": True, "retry_base_seconds": 0.05},
                                           metrics={"project_labels": True})
    owner = await Credentials.create(client, "alpha-tenant")
    async with Receiver(script=[500, 500]) as receiver:
        created = await client.post("/v1/projects/alpha-tenant/webhooks", headers=owner.headers,
                                    json={"url": receiver.url, "events": ["review.completed"]})
        hook = await created.json()
        await wait_terminal(client, owner, (await submit(client, owner, CLEAN_DIFF))["review_id"])
        await receiver.wait_for(3)
        series: dict[str, float] = {}
        for _ in range(200):
            series = _webhook_series(await (await client.get("/metrics")).text())
            if series.get('wfc_webhook_deliveries_total{event="review.completed",outcome="succeeded"}'):
                break
            await asyncio.sleep(0.02)
    assert series['wfc_webhook_attempts_total{event="review.completed",result="http_error"}'] == 2
    assert series['wfc_webhook_attempts_total{event="review.completed",result="success"}'] == 1
    assert series['wfc_webhook_deliveries_total{event="review.completed",outcome="succeeded"}'] == 1
    assert series["wfc_webhook_attempt_duration_seconds_count"] == 3
    assert series["wfc_webhook_endpoints_disabled_total"] == 0
    names = " ".join(series)
    assert "alpha-tenant" not in names and hook["webhook_id"] not in names and "project" not in names


async def test_a_redelivery_requested_while_an_attempt_is_in_flight_is_sent_after_it(make_client: Any) -> None:
    client: TestClient = await make_client(webhooks={"allow_private_targets": True})
    owner = await Credentials.create(client, "alpha")
    async with Receiver(delay=0.5) as receiver:
        created = await client.post("/v1/projects/alpha/webhooks", headers=owner.headers,
                                    json={"url": receiver.url, "events": ["review.completed"]})
        wid = (await created.json())["webhook_id"]
        await wait_terminal(client, owner, (await submit(client, owner, CLEAN_DIFF))["review_id"])
        await receiver.wait_for(1)  # the first attempt is now waiting for the slow receiver
        listed = await (await client.get(f"/v1/projects/alpha/webhooks/{wid}/deliveries", headers=owner.headers)).json()
        (delivery,) = listed["deliveries"]
        assert delivery["status"] == "pending" and delivery["attempts"] == []
        again = await client.post(f"/v1/projects/alpha/webhooks/{wid}/deliveries/{delivery['delivery_id']}/redeliver",
                                  headers=owner.headers)
        assert again.status == 202
        accepted = await again.json()
        # Answered once the attempt in flight had recorded itself: the redelivery is still to come.
        assert accepted["status"] == "pending"
        assert [a.get("status_code", "marker") for a in accepted["attempts"]] == [200, "marker"]
        await receiver.wait_for(2)
        for _ in range(200):
            listed = await (await client.get(f"/v1/projects/alpha/webhooks/{wid}/deliveries",
                                             headers=owner.headers)).json()
            if listed["deliveries"][0]["status"] == "succeeded":
                break
            await asyncio.sleep(0.05)
        assert [a.get("status_code", "marker") for a in listed["deliveries"][0]["attempts"]] == [200, "marker", 200]
        assert len(receiver.received) == 2
        assert receiver.received[0].headers["webhook-id"] == receiver.received[1].headers["webhook-id"]
