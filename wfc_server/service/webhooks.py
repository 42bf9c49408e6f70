"""Signed webhooks: endpoints per project, and durable deliveries with retries.

A delivery is stored (fsync'd) before its first attempt and after every attempt, with the time
of the next one; start-up schedules every pending delivery again, so no delivery is lost to a
restart. Retries back off exponentially with jitter; an endpoint failing
``disable_after_failures`` attempts in a row is disabled and the audit trail says so.
"""

from __future__ import annotations

import asyncio
import inspect
import heapq
from collections.abc import Awaitable, Callable, Iterable
import itertools
import random
import secrets
import time
from typing import Any

import aiohttp
import orjson

from wfc_server import __version__
from wfc_server.config import WebhookSettings
from wfc_server.logs import get_logger
from wfc_server.metrics import Metrics
from wfc_server.service.audit import AuditTrail
from wfc_server.service.signing import generate_secret, signature_header
from wfc_server.service.targets import GuardedResolver, TargetRefused, check_target
from wfc_server.store.records import ReviewRecord, utc_now
from wfc_server.store.webhooks import FAILED, PENDING, SUCCEEDED, DeliveryRecord, WebhookRecord, WebhookStore

log = get_logger("wfc.webhooks")

SYSTEM = "system"
RESPONSE_PREFIX_BYTES = 256
_CONCURRENT_ATTEMPTS = 8


class NotRedeliverable(Exception):
    """The endpoint is disabled (re-enable it first)."""


#: A project's finished reviews; a database backend answers with an awaitable.
EndedReviews = Callable[[str], Iterable[ReviewRecord] | Awaitable[Iterable[ReviewRecord]]]


class WebhookService:
    def __init__(self, store: WebhookStore, audit: AuditTrail, settings: WebhookSettings,
                 metrics: Metrics | None = None) -> None:
        self._store = store
        self._audit = audit
        self._settings = settings
        self._metrics = metrics
        self._heap: list[tuple[float, int, DeliveryRecord]] = []
        self._order = itertools.count()
        self._wake = asyncio.Event()
        self._in_flight: dict[str, asyncio.Task[None]] = {}  # delivery id -> its attempt running now
        self._disabling: set[str] = set()  # webhook ids being disabled now
        self._tasks: set[asyncio.Task[Any]] = set()
        self._slots = asyncio.Semaphore(_CONCURRENT_ATTEMPTS)
        self._runner: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._announcing: set[tuple[str, str]] = set()  # (webhook, review) being recorded now
        self._recording: set[str] = set()  # delivery ids whose attempt is sent and being recorded

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self, ended_reviews: EndedReviews) -> None:
        """Record what a crash kept from being recorded, schedule what is pending, deliver.

        ``ended_reviews(project_id)`` gives the project's finished reviews: one that ended after
        an endpoint was created but has no delivery was lost between its final write and its
        delivery's (a crash in that instant), and is recorded now.
        """
        await self._reconcile(ended_reviews)
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=GuardedResolver(self._settings.allow_private_targets),
                                           limit=_CONCURRENT_ATTEMPTS * 2),
            timeout=aiohttp.ClientTimeout(total=self._settings.timeout_seconds),
            headers={"User-Agent": f"wfc-server/{__version__} (webhooks)"},
        )
        for delivery in self._store.pending():
            self._schedule(delivery)
        self._runner = asyncio.create_task(self._run(), name="webhook-deliveries")
        if self._store.rescan_seconds is not None:
            self._track(asyncio.create_task(self._rescan(self._store.rescan_seconds), name="webhook-rescan"))

    async def close(self) -> None:
        """Stop: deliveries being recorded finish; attempts in flight stay pending for next time."""
        pending_writes = [t for t in self._tasks if t.get_name().startswith("webhook-enqueue")]
        # An attempt whose POST is done is recording its outcome: cut off, it would be sent again.
        pending_writes += [self._in_flight[d] for d in self._recording if d in self._in_flight]
        if pending_writes:
            await asyncio.wait(pending_writes, timeout=10)
        if self._runner is not None:
            self._runner.cancel()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, *([self._runner] if self._runner else []), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    # -- endpoints --------------------------------------------------------------------------

    def webhooks(self, project_id: str) -> list[WebhookRecord]:
        return self._store.webhooks(project_id)

    def webhook(self, project_id: str, webhook_id: str) -> WebhookRecord | None:
        return self._store.webhook(project_id, webhook_id)

    async def check_url(self, url: str) -> None:
        """Raise TargetRefused for a URL webhooks may not call."""
        await check_target(url, self._settings.allow_private_targets, self._settings.timeout_seconds)

    async def create(self, project_id: str, url: str, events: list[str], description: str) -> WebhookRecord:
        await self.check_url(url)
        record = WebhookRecord(
            webhook_id="wh_" + secrets.token_hex(8), project_id=project_id, url=url,
            secret=generate_secret(), created_at=utc_now(), events=events, description=description,
        )
        await self._store.save_webhook(record)
        return record

    async def update(self, record: WebhookRecord, changes: dict[str, Any]) -> WebhookRecord:
        if "url" in changes:
            await self.check_url(changes["url"])
        for name in ("url", "events", "description"):
            if name in changes:
                setattr(record, name, changes[name])
        if changes.get("enabled") is True and not record.enabled:
            record.enabled, record.disabled_reason, record.consecutive_failures = True, None, 0
        elif changes.get("enabled") is False:
            record.enabled, record.disabled_reason = False, "disabled by a user"
        record.updated_at = utc_now()
        await self._store.save_webhook(record)
        return record

    async def rotate_secret(self, record: WebhookRecord) -> WebhookRecord:
        """A new secret; the old one keeps signing for the grace period."""
        record.previous_secret = record.secret
        record.previous_secret_expires = time.time() + self._settings.rotation_grace_seconds
        record.secret = generate_secret()
        record.updated_at = utc_now()
        await self._store.save_webhook(record)
        return record

    async def delete(self, record: WebhookRecord) -> None:
        await self._store.delete_webhook(record)

    async def purge_project(self, project_id: str) -> None:
        await self._store.purge_project(project_id)

    def deliveries(self, webhook_id: str) -> list[DeliveryRecord]:
        return self._store.deliveries(webhook_id)

    def delivery(self, project_id: str, delivery_id: str) -> DeliveryRecord | None:
        return self._store.delivery(project_id, delivery_id)

    async def redeliver(self, delivery: DeliveryRecord) -> DeliveryRecord:
        """Send the same message again (same webhook-id), now, with a fresh set of retries."""
        running = self._in_flight.get(delivery.delivery_id)
        if running is not None:
            # An attempt still recording itself would otherwise see the redelivery's pending state
            # and send it at once, racing the redelivery's own write and schedule.
            await asyncio.wait([running])
        # As stored now (a shared store's attempt recorded itself on the record it claimed).
        delivery = self._store.delivery(delivery.project_id, delivery.delivery_id) or delivery
        hook = self._store.webhook(delivery.project_id, delivery.webhook_id)
        if hook is None or not hook.enabled:
            raise NotRedeliverable()
        delivery.status = PENDING
        delivery.next_attempt_at = time.time()
        delivery.attempts.append({"attempt": len(delivery.attempts) + 1, "redelivery_requested_at": utc_now()})
        await self._store.save_delivery(delivery)
        self._schedule(delivery)
        return delivery

    # -- events -----------------------------------------------------------------------------

    def notify(self, record: ReviewRecord, kind: str) -> None:
        """A review ended: record a delivery for every endpoint that wants this event."""
        event_type = f"review.{kind}"
        hooks = [h for h in self._store.webhooks(record.project_id) if h.enabled and event_type in h.events]
        if not hooks:
            return
        self._announcing.update((h.webhook_id, record.review_id) for h in hooks)
        task = asyncio.create_task(self._enqueue(hooks, record, event_type), name=f"webhook-enqueue-{record.review_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _reconcile(self, ended_reviews: EndedReviews) -> None:
        for hook in self._store.all_webhooks():
            if not hook.enabled:
                continue
            retained = self._store.deliveries(hook.webhook_id)
            announced = {d.review_id for d in retained}
            since = hook.created_at
            if len(retained) >= self._settings.keep_deliveries:  # older ones were pruned
                since = max(since, min(d.created_at for d in retained))
            ended = ended_reviews(hook.project_id)
            if inspect.isawaitable(ended):  # a database backend reads them
                ended = await ended
            missed = sorted(
                (r for r in ended
                 if r.completed_at is not None and r.completed_at > since and r.review_id not in announced
                 and (hook.webhook_id, r.review_id) not in self._announcing
                 and f"review.{r.status}" in hook.events),
                key=lambda r: r.completed_at or "",
            )
            for record in missed:
                log.info("webhook.recovered", webhook_id=hook.webhook_id, review_id=record.review_id)
                await self._enqueue([hook], record, f"review.{record.status}")

    def _payload(self, record: ReviewRecord, event_type: str) -> str:
        link = f"{self._settings.public_url.rstrip('/')}/v1/reviews/{record.review_id}"
        data = {
            "review_id": record.review_id,
            "project_id": record.project_id,
            "developer_id": record.developer_id,
            "status": record.status,
            "submitted_at": record.submitted_at,
            "started_at": record.started_at,
            "completed_at": record.completed_at,
            "consensus_score": record.consensus_score,
            "passed": record.passed,
            "findings_count": record.findings_count,
            "error": record.error,
            "url": link,
        }
        return orjson.dumps({"type": event_type, "timestamp": utc_now(), "data": data}).decode()

    async def _enqueue(self, hooks: list[WebhookRecord], record: ReviewRecord, event_type: str) -> None:
        payload = self._payload(record, event_type)
        for hook in hooks:
            delivery = DeliveryRecord(
                delivery_id="msg_" + secrets.token_hex(12), webhook_id=hook.webhook_id,
                project_id=hook.project_id, event_type=event_type, payload=payload, created_at=utc_now(),
                next_attempt_at=time.time(), review_id=record.review_id,
            )
            try:
                await self._store.save_delivery(delivery)
            except OSError as exc:  # the next start's reconciliation records it
                log.error("webhook.record_failed", webhook_id=hook.webhook_id, error=str(exc))
                continue
            finally:
                self._announcing.discard((hook.webhook_id, record.review_id))
            self._schedule(delivery)

    # -- delivery ---------------------------------------------------------------------------

    def backoff(self, attempt: int) -> float:
        """Seconds before attempt ``attempt + 1``: doubling from the base, capped, +-25% jitter."""
        delay = min(self._settings.retry_base_seconds * 2 ** (attempt - 1), self._settings.retry_max_seconds)
        return delay * random.uniform(0.75, 1.25)

    def _schedule(self, delivery: DeliveryRecord) -> None:
        due = delivery.next_attempt_at or time.time()
        heapq.heappush(self._heap, (due, next(self._order), delivery))
        self._wake.set()

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            now = time.time()
            while self._heap and self._heap[0][0] <= now:
                due, _, delivery = heapq.heappop(self._heap)
                if delivery.status != PENDING or delivery.next_attempt_at != due:
                    continue  # superseded by a redelivery or finished meanwhile
                if delivery.delivery_id in self._in_flight:
                    continue
                task = asyncio.create_task(self._attempt(delivery), name=f"webhook-attempt-{delivery.delivery_id}")
                self._in_flight[delivery.delivery_id] = task
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            timeout = (self._heap[0][0] - time.time()) if self._heap else None
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=max(timeout, 0.0) if timeout is not None else None)
            except TimeoutError:
                pass

    async def _rescan(self, interval: float) -> None:
        """Schedule the due deliveries other processes recorded or left behind (a shared store:
        its claim lets one process send each; one whose process died is claimed once its lease
        lapses)."""
        while True:
            await asyncio.sleep(interval)
            now = time.time()
            for delivery in self._store.pending():
                if (delivery.next_attempt_at or 0) <= now and delivery.delivery_id not in self._in_flight:
                    self._schedule(delivery)

    def _track(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _attempt(self, delivery: DeliveryRecord) -> None:
        try:
            async with self._slots:
                claimed = await self._store.claim(delivery)  # shared stores: one process sends it
                if claimed is not None:
                    await self._attempt_once(claimed)
        except Exception:
            log.exception("webhook.attempt_error", delivery_id=delivery.delivery_id)
        finally:
            self._in_flight.pop(delivery.delivery_id, None)
            self._recording.discard(delivery.delivery_id)

    async def _attempt_once(self, delivery: DeliveryRecord) -> None:
        hook = self._store.webhook(delivery.project_id, delivery.webhook_id)
        if hook is None:
            return  # endpoint (or project) deleted
        number = 1  # this attempt's number since the delivery was (re)requested
        for earlier in reversed(delivery.attempts):
            if "redelivery_requested_at" in earlier:
                break
            number += 1
        attempt: dict[str, Any] = {"attempt": len(delivery.attempts) + 1, "started_at": utc_now(),
                                   "status_code": None, "duration_ms": None, "error": None, "response": None}
        if not hook.enabled:
            attempt["error"] = "endpoint is disabled"
            delivery.attempts.append(attempt)
            delivery.status, delivery.next_attempt_at = FAILED, None
            await self._store.save_delivery(delivery)
            return
        started = time.monotonic()
        result = await self._post(hook, delivery, attempt)
        self._recording.add(delivery.delivery_id)
        seconds = time.monotonic() - started
        attempt["duration_ms"] = round(seconds * 1000, 1)
        if self._metrics is not None:
            self._metrics.webhook_attempts.labels(event=delivery.event_type, result=result).inc()
            self._metrics.webhook_attempt_duration.observe(seconds)
        # As stored now: deleted while we were sending, or changed (a shared store's copy is new).
        current = self._store.webhook(delivery.project_id, delivery.webhook_id)
        if current is None:
            return
        hook = current
        delivery.attempts.append(attempt)
        ok = attempt["error"] is None
        failures_before = hook.consecutive_failures
        if ok:
            delivery.status, delivery.next_attempt_at = SUCCEEDED, None
            hook.consecutive_failures = 0
        else:
            hook.consecutive_failures += 1
            if number >= self._settings.max_attempts:
                delivery.status, delivery.next_attempt_at = FAILED, None
            else:
                delivery.next_attempt_at = time.time() + self.backoff(number)
        await self._store.save_delivery(delivery)
        log.info("webhook.attempt", delivery_id=delivery.delivery_id, webhook_id=hook.webhook_id,
                 project_id=hook.project_id, attempt=attempt["attempt"], status_code=attempt["status_code"],
                 error=attempt["error"], outcome=delivery.status)
        if hook.consecutive_failures >= self._settings.disable_after_failures and hook.enabled:
            await self._disable(hook)
        elif hook.consecutive_failures != failures_before:
            await self._store.save_webhook(hook)
        if delivery.status == PENDING:
            self._schedule(delivery)
        else:
            if self._metrics is not None:
                self._metrics.webhook_deliveries.labels(event=delivery.event_type, outcome=delivery.status).inc()
            await self._store.prune(hook.webhook_id, self._settings.keep_deliveries)

    async def _post(self, hook: WebhookRecord, delivery: DeliveryRecord, attempt: dict[str, Any]) -> str:
        """One HTTP attempt; fills status_code, error and a short prefix of the response.

        Returns the attempt's result as the metrics name it: success, http_error, timeout,
        refused or connection_error.
        """
        assert self._session is not None
        body = delivery.payload.encode()
        timestamp = int(time.time())
        signing = [hook.secret]
        if hook.previous_secret and (hook.previous_secret_expires or 0) > time.time():
            signing.append(hook.previous_secret)
        headers = {
            "Content-Type": "application/json",
            "webhook-id": delivery.delivery_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(signing, delivery.delivery_id, timestamp, body),
        }
        try:
            await self.check_url(hook.url)
            async with self._session.post(hook.url, data=body, headers=headers, allow_redirects=False) as response:
                attempt["status_code"] = response.status
                prefix = await response.content.read(RESPONSE_PREFIX_BYTES)
                attempt["response"] = prefix.decode("utf-8", "replace")
                if not 200 <= response.status < 300:
                    attempt["error"] = f"HTTP {response.status}" + (
                        " (redirects are not followed)" if 300 <= response.status < 400 else "")
                    return "http_error"
                return "success"
        except TargetRefused as exc:
            attempt["error"] = f"target refused: {exc}"
            return "refused"
        except TimeoutError:
            attempt["error"] = f"timed out after {self._settings.timeout_seconds:g} s"
            return "timeout"
        except aiohttp.ClientError as exc:
            attempt["error"] = f"{type(exc).__name__}: {exc}"[:300]
        except OSError as exc:
            attempt["error"] = f"connection failed: {exc}"[:300]
        return "connection_error"

    async def _disable(self, hook: WebhookRecord) -> None:
        """Disable a failing endpoint; the audit entry is written first, so whoever sees the
        endpoint disabled also finds why in the audit trail."""
        if hook.webhook_id in self._disabling:
            return  # a delivery failing side by side is already disabling it
        self._disabling.add(hook.webhook_id)
        try:
            reason = f"{hook.consecutive_failures} consecutive failed attempts"
            await self._audit.record("webhook.disabled", actor=SYSTEM, project_id=hook.project_id,
                                     target=hook.webhook_id, details={"reason": reason})
            hook.enabled, hook.disabled_reason, hook.updated_at = False, reason, utc_now()
            await self._store.save_webhook(hook)
        finally:
            self._disabling.discard(hook.webhook_id)
        if self._metrics is not None:
            self._metrics.webhook_endpoints_disabled.inc()
        log.warning("webhook.disabled", webhook_id=hook.webhook_id, project_id=hook.project_id,
                    failures=hook.consecutive_failures)
