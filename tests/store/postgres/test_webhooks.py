"""Webhook endpoints and deliveries shared by replicas: one claim per due delivery, leases lapse."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.webhooks import PgWebhookStore
from wfc_server.store.records import utc_now
from wfc_server.store.webhooks import FAILED, DeliveryRecord, WebhookRecord


async def _store(open_replica: Callable[[], Awaitable[Database]], owner: str, lease: float = 5.0) -> PgWebhookStore:
    store = PgWebhookStore(await open_replica(), owner, lease_seconds=lease)
    await store.load()
    return store


def _hook() -> WebhookRecord:
    return WebhookRecord(webhook_id="wh_1", project_id="alpha", url="https://example.org/hook",
                         secret="whsec_c2VjcmV0", created_at=utc_now())


def _delivery(review_id: str = "r1", due: float | None = None) -> DeliveryRecord:
    return DeliveryRecord(delivery_id=f"msg_{review_id}", webhook_id="wh_1", project_id="alpha",
                          event_type="review.completed", payload="{}", created_at=utc_now(),
                          next_attempt_at=time.time() if due is None else due, review_id=review_id)


async def test_exactly_one_replica_claims_a_due_delivery_and_its_record_releases_it(
    open_replica: Callable[[], Awaitable[Database]],
) -> None:
    a, b = await _store(open_replica, "a"), await _store(open_replica, "b")
    await a.save_webhook(_hook())
    delivery = _delivery()
    await a.save_delivery(delivery)
    claims = await asyncio.gather(*(store.claim(delivery) for store in (a, b, a, b)))
    assert sum(claim is not None for claim in claims) == 1
    claimed = next(claim for claim in claims if claim is not None)
    claimed.attempts.append({"attempt": 1, "error": "HTTP 500"})
    claimed.next_attempt_at = time.time() + 60  # the retry is not due yet: nobody may take it
    await a.save_delivery(claimed)
    assert await b.claim(delivery) is None
    claimed.next_attempt_at = time.time()
    await a.save_delivery(claimed)
    assert await b.claim(delivery) is not None  # due again, and the lease ended with the record


async def test_a_lapsed_lease_lets_another_replica_retry_and_a_finished_delivery_is_never_claimed(
    open_replica: Callable[[], Awaitable[Database]],
) -> None:
    a, b = await _store(open_replica, "a", lease=0.3), await _store(open_replica, "b", lease=0.3)
    await a.save_webhook(_hook())
    delivery = _delivery()
    await a.save_delivery(delivery)
    assert await a.claim(delivery) is not None  # ... and replica a dies mid-attempt
    assert await b.claim(delivery) is None
    await asyncio.sleep(0.4)
    retried = await b.claim(delivery)
    assert retried is not None
    retried.status, retried.next_attempt_at = FAILED, None
    await b.save_delivery(retried)
    assert await a.claim(delivery) is None


async def test_one_announcement_per_review_and_endpoint_and_others_see_changes(
    open_replica: Callable[[], Awaitable[Database]],
) -> None:
    a, b = await _store(open_replica, "a"), await _store(open_replica, "b")
    await a.save_webhook(_hook())
    await a.save_delivery(_delivery("r1"))
    duplicate = _delivery("r1")
    duplicate.delivery_id = "msg_other"
    await b.save_delivery(duplicate)  # both replicas saw r1 end: the first record stands
    assert b.delivery("alpha", "msg_other") is None

    async def seen_on_b() -> bool:
        return [d.delivery_id for d in b.deliveries("wh_1")] == ["msg_r1"] and b.webhook("alpha", "wh_1") is not None

    deadline = time.monotonic() + 3
    while not await seen_on_b():
        assert time.monotonic() < deadline, "replica b never saw a's endpoint and delivery"
        await asyncio.sleep(0.02)
    await a.delete_webhook(_hook())
    deadline = time.monotonic() + 3
    while b.webhook("alpha", "wh_1") is not None or b.deliveries("wh_1"):
        assert time.monotonic() < deadline, "replica b kept a deleted endpoint"
        await asyncio.sleep(0.02)
