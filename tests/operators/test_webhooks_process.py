"""Signed webhooks against real server processes and a local receiver that verifies every
signature itself: retries, restarts, redelivery, rotation, disabling, private targets."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import aiohttp

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, wait_review
from tests.operators.receiver import Receiver, spec_signatures, verifies
from tests.operators.support import ADMIN, call, key_headers, server, until

FAST_RETRIES = {
    "WFC_WEBHOOKS_ALLOW_PRIVATE_TARGETS": "true",
    "WFC_WEBHOOKS_RETRY_BASE_SECONDS": "0.3",
    "WFC_WEBHOOKS_MAX_ATTEMPTS": "3",
    "WFC_WEBHOOKS_DISABLE_AFTER_FAILURES": "5",
}


async def _project(http: aiohttp.ClientSession, base: str, project_id: str = "hooks") -> dict[str, str]:
    _, created = await call(http, "POST", f"{base}/v1/projects/", expect=201,
                            json={"project_id": project_id, "developer_id": "ci", "repo_path": "/nonexistent"})
    return key_headers(project_id, created["api_key"])


async def _review(http: aiohttp.ClientSession, base: str, owner: dict[str, str], diff: str = SQLI_DIFF) -> str:
    _, accepted = await call(http, "POST", f"{base}/v1/reviews/", headers=owner, expect=202, json={"diff_content": diff})
    await wait_review(http, base, owner, accepted["review_id"])
    return str(accepted["review_id"])


async def _deliveries(http: aiohttp.ClientSession, base: str, owner: dict[str, str], wid: str) -> list[dict[str, Any]]:
    _, page = await call(http, "GET", f"{base}/v1/projects/hooks/webhooks/{wid}/deliveries", headers=owner, expect=200)
    return list(page["deliveries"])


async def test_signed_deliveries_retry_redeliver_rotate_and_disable(tmp_path: Path) -> None:
    async with Receiver(script=[500, 500]) as receiver, server(tmp_path / "data", FAST_RETRIES) as srv, \
            aiohttp.ClientSession() as http:
        base = srv.url
        owner = await _project(http, base)
        _, hook = await call(http, "POST", f"{base}/v1/projects/hooks/webhooks", headers=owner, expect=201,
                             json={"url": receiver.url, "events": ["review.completed"]})
        secret, wid = hook["secret"], hook["webhook_id"]
        assert secret.startswith("whsec_")
        _, listing = await call(http, "GET", f"{base}/v1/projects/hooks/webhooks", headers=owner, expect=200)
        assert listing["webhooks"][0]["webhook_id"] == wid and secret not in str(listing)

        # Two 500s, then the third attempt succeeds; every attempt is signed per the spec.
        rid = await _review(http, base, owner)
        received = await receiver.wait_for(3)
        assert len({r.headers["webhook-id"] for r in received}) == 1
        assert all(verifies(secret, r.headers, r.body) for r in received)
        assert not verifies("whsec_" + "QUJD" * 8, received[0].headers, received[0].body)
        event = received[-1].json
        assert event["type"] == "review.completed" and event["data"]["review_id"] == rid
        assert event["data"]["url"].endswith(f"/v1/reviews/{rid}") and event["data"]["passed"] is False

        async def settled() -> list[dict[str, Any]] | None:
            found = await _deliveries(http, base, owner, wid)
            return found if found and found[0]["status"] == "succeeded" else None

        delivery = (await until(settled))[0]
        assert [a["status_code"] for a in delivery["attempts"]] == [500, 500, 200]
        assert delivery["attempts"][0]["error"] == "HTTP 500"
        assert len(delivery["attempts"][0]["response"]) <= 256
        assert delivery["delivery_id"] == received[0].headers["webhook-id"]

        # Redelivery: the same message (same webhook-id) again, correctly signed.
        _, again = await call(http, "POST", f"{base}/v1/projects/hooks/webhooks/{wid}/deliveries/"
                                            f"{delivery['delivery_id']}/redeliver", headers=owner, expect=202)
        assert again["status"] == "pending"
        fourth = (await receiver.wait_for(4))[3]
        assert fourth.headers["webhook-id"] == delivery["delivery_id"] and verifies(secret, fourth.headers, fourth.body)

        # Rotation: during the grace period both the new and the old secret sign.
        _, rotated = await call(http, "POST", f"{base}/v1/projects/hooks/webhooks/{wid}/rotate-secret",
                                headers=owner, expect=200)
        new_secret = rotated["secret"]
        assert new_secret != secret
        await _review(http, base, owner, CLEAN_DIFF)
        fifth = (await receiver.wait_for(5))[4]
        assert spec_signatures(new_secret, fifth.headers, fifth.body) == [True, False]
        assert spec_signatures(secret, fifth.headers, fifth.body) == [False, True]

        # An endpoint that keeps failing is disabled, and the audit trail says so.
        receiver.default = 500
        await _review(http, base, owner)
        await _review(http, base, owner, CLEAN_DIFF)

        async def disabled() -> dict[str, Any] | None:
            _, current = await call(http, "GET", f"{base}/v1/projects/hooks/webhooks/{wid}", headers=owner, expect=200)
            return current if not current["enabled"] else None

        current = await until(disabled)
        failures = int(current["disabled_reason"].split(" consecutive failed attempts")[0])
        assert failures >= 5  # two deliveries fail side by side: the count may pass 5 before the switch
        _, refused = await call(http, "POST", f"{base}/v1/projects/hooks/webhooks/{wid}/deliveries/"
                                              f"{delivery['delivery_id']}/redeliver", headers=owner, expect=409)
        _, trail = await call(http, "GET", f"{base}/v1/projects/hooks/audit", headers=owner, expect=200)
        actions = {(e["action"], e["actor"]) for e in trail["entries"]}
        assert ("webhook.disabled", "system") in actions
        assert {"webhook.created", "webhook.secret_rotated", "webhook.redelivery_requested"} <= {a for a, _ in actions}
        text = (tmp_path / "data" / "audit" / "audit.jsonl").read_text() + srv.logs()
        assert secret not in text and new_secret not in text and "whsec_" not in text.replace("[REDACTED]", "")


async def test_pending_delivery_survives_a_server_restart(tmp_path: Path) -> None:
    env = {**FAST_RETRIES, "WFC_WEBHOOKS_RETRY_BASE_SECONDS": "8"}  # room to kill it before the retry
    data_dir = tmp_path / "data"
    async with Receiver(script=[500]) as receiver, aiohttp.ClientSession() as http:
        async with server(data_dir, env) as srv:
            owner = await _project(http, srv.url)
            _, hook = await call(http, "POST", f"{srv.url}/v1/projects/hooks/webhooks", headers=owner, expect=201,
                                 json={"url": receiver.url})
            await _review(http, srv.url, owner)
            await receiver.wait_for(1)

            async def recorded() -> list[dict[str, Any]] | None:
                found = await _deliveries(http, srv.url, owner, hook["webhook_id"])
                return found if found and found[0]["attempts"] else None

            first = (await until(recorded))[0]
            assert first["status"] == "pending" and first["next_attempt_at"] > time.time()
            srv.kill9()  # before the retry is due
        assert len(receiver.received) == 1
        async with server(data_dir, env) as srv:
            second = (await receiver.wait_for(2, timeout=45))[1]
            assert second.headers["webhook-id"] == first["delivery_id"]
            assert verifies(hook["secret"], second.headers, second.body)

            async def succeeded() -> list[dict[str, Any]] | None:
                found = await _deliveries(http, srv.url, owner, hook["webhook_id"])
                return found if found[0]["status"] == "succeeded" else None

            final = (await until(succeeded))[0]
            assert [a["status_code"] for a in final["attempts"]] == [500, 200]


async def test_private_targets_are_refused_unless_allowed(tmp_path: Path) -> None:
    async with server(tmp_path / "data") as srv, aiohttp.ClientSession() as http:
        owner = await _project(http, srv.url)
        for url in ("http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://[::1]:9/hook",
                    "http://169.254.169.254/latest", "http://10.1.2.3/hook", "http://[::ffff:127.0.0.1]/x"):
            _, refused = await call(http, "POST", f"{srv.url}/v1/projects/hooks/webhooks", headers=owner,
                                    expect=422, json={"url": url})
            assert "private" in refused["detail"] and "allow_private_targets" in refused["detail"], refused
        for url in ("ftp://example.com/x", "http://user:pw@example.com/x", "not a url"):
            await call(http, "POST", f"{srv.url}/v1/projects/hooks/webhooks", headers=owner, expect=422,
                       json={"url": url})
        _, trail = await call(http, "GET", f"{srv.url}/v1/admin/audit", headers=ADMIN, expect=200)
        assert "webhook.created" not in {e["action"] for e in trail["entries"]}
