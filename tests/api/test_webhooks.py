"""Webhooks on an in-process app: event filters, cancellations, re-enabling, secrecy."""

from __future__ import annotations

import asyncio
import shutil
from typing import Any

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
