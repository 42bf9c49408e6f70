"""Webhook endpoints and deliveries of a postgres deployment, with the embedded store's interface.

Every replica keeps the endpoints and retained deliveries in memory (the dispatcher and the API
read them on every event), written through to PostgreSQL first and kept current by NOTIFY, as
the project directory is. Who *sends* a delivery is decided by the database alone: a replica
attempts one only after :meth:`PgWebhookStore.claim` took its lease, which succeeds for exactly one
replica while the delivery is due; recording the attempt clears the lease. A replica that dies
mid-attempt leaves a lease that lapses, and another replica's rescan claims the delivery again,
so retries and their backoff survive any one replica.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import orjson
import psycopg

from wfc_server.logs import get_logger
from wfc_server.store.files import ScanReport
from wfc_server.store.postgres.database import Database
from wfc_server.store.webhooks import PENDING, DeliveryRecord, WebhookRecord

log = get_logger("wfc.postgres")

WEBHOOK_CHANNEL = "wfc_webhooks"
#: How far a replica's clock may run ahead of the one that scheduled a retry and still claim it.
_CLOCK_SLACK_SECONDS = 0.5


class PgWebhookStore:
    """``store.webhooks.WebhookStore`` on PostgreSQL; ``lease_seconds`` must outlast one attempt."""

    def __init__(self, db: Database, owner: str, lease_seconds: float, rescan_seconds: float = 1.0) -> None:
        self._db = db
        self._owner = owner
        self._lease_seconds = lease_seconds
        self.rescan_seconds: float | None = rescan_seconds
        self._hooks: dict[str, dict[str, WebhookRecord]] = {}  # project -> webhook id -> endpoint
        self._deliveries: dict[str, DeliveryRecord] = {}
        self._by_hook: dict[str, set[str]] = {}

    # -- loading and keeping current ---------------------------------------------------------

    async def load(self) -> ScanReport:
        await self.reload()
        await self._db.listener.on(WEBHOOK_CHANNEL, self._notified, on_reconnect=self.reload)
        report = ScanReport()
        report.loaded = sum(len(h) for h in self._hooks.values()) + len(self._deliveries)
        return report

    async def reload(self) -> None:
        async with self._db.connection() as conn:
            hooks = await (await conn.execute("SELECT document FROM webhooks")).fetchall()
            deliveries = await (await conn.execute(
                "SELECT document FROM webhook_deliveries ORDER BY position")).fetchall()
        self._hooks, self._deliveries, self._by_hook = {}, {}, {}
        for (document,) in hooks:
            hook = WebhookRecord.from_json(orjson.loads(document))
            self._hooks.setdefault(hook.project_id, {})[hook.webhook_id] = hook
        for (document,) in deliveries:
            self._index(DeliveryRecord.from_json(orjson.loads(document)))

    def _notified(self, payload: str) -> None:
        kind, _, ident = payload.partition(":")
        refresh = {"hook": self._refresh_hook, "delivery": self._refresh_delivery,
                   "project": self._refresh_project}.get(kind)
        if refresh is not None:
            self._db.spawn(refresh(ident), name=f"webhooks-refresh-{kind}")

    async def _refresh_hook(self, webhook_id: str) -> None:
        """The endpoint and all its deliveries (after a save, a prune or a deletion)."""
        async with self._db.connection() as conn:
            row = await (await conn.execute(
                "SELECT document FROM webhooks WHERE webhook_id = %s", (webhook_id,))).fetchone()
            rows = await (await conn.execute(
                "SELECT document FROM webhook_deliveries WHERE webhook_id = %s ORDER BY position",
                (webhook_id,))).fetchall()
        for hooks in self._hooks.values():
            hooks.pop(webhook_id, None)
        self._forget_deliveries(webhook_id)
        if row is not None:
            hook = WebhookRecord.from_json(orjson.loads(row[0]))
            self._hooks.setdefault(hook.project_id, {})[webhook_id] = hook
            for (document,) in rows:
                self._index(DeliveryRecord.from_json(orjson.loads(document)))

    async def _refresh_delivery(self, delivery_id: str) -> None:
        async with self._db.connection() as conn:
            row = await (await conn.execute(
                "SELECT document FROM webhook_deliveries WHERE delivery_id = %s", (delivery_id,))).fetchone()
        if row is None:
            stale = self._deliveries.pop(delivery_id, None)
            if stale is not None:
                self._by_hook.get(stale.webhook_id, set()).discard(delivery_id)
            return
        self._index(DeliveryRecord.from_json(orjson.loads(row[0])))

    async def _refresh_project(self, project_id: str) -> None:
        for webhook_id in list(self._hooks.pop(project_id, {})):
            self._forget_deliveries(webhook_id)
        async with self._db.connection() as conn:
            rows = await (await conn.execute(
                "SELECT webhook_id FROM webhooks WHERE project_id = %s", (project_id,))).fetchall()
        for (webhook_id,) in rows:
            await self._refresh_hook(webhook_id)

    async def _announce(self, conn: psycopg.AsyncConnection, kind: str, ident: str) -> None:
        await conn.execute("SELECT pg_notify(%s, %s)", (WEBHOOK_CHANNEL, f"{kind}:{ident}"))

    # -- endpoints ---------------------------------------------------------------------------

    def webhook(self, project_id: str, webhook_id: str) -> WebhookRecord | None:
        return self._hooks.get(project_id, {}).get(webhook_id)

    def webhooks(self, project_id: str) -> list[WebhookRecord]:
        return sorted(self._hooks.get(project_id, {}).values(), key=lambda h: (h.created_at, h.webhook_id))

    def all_webhooks(self) -> list[WebhookRecord]:
        return [hook for hooks in self._hooks.values() for hook in hooks.values()]

    async def save_webhook(self, record: WebhookRecord) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO webhooks (webhook_id, project_id, document) VALUES (%s, %s, %s)"
                " ON CONFLICT (webhook_id) DO UPDATE SET document = excluded.document",
                (record.webhook_id, record.project_id, _encode(record.to_json())),
            )
            await self._announce(conn, "hook", record.webhook_id)
        self._hooks.setdefault(record.project_id, {})[record.webhook_id] = record

    async def delete_webhook(self, record: WebhookRecord) -> None:
        """The endpoint and its deliveries."""
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM webhooks WHERE webhook_id = %s", (record.webhook_id,))
            await self._announce(conn, "hook", record.webhook_id)
        self._hooks.get(record.project_id, {}).pop(record.webhook_id, None)
        self._forget_deliveries(record.webhook_id)

    async def purge_project(self, project_id: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM webhooks WHERE project_id = %s", (project_id,))
            await self._announce(conn, "project", project_id)
        for webhook_id in list(self._hooks.pop(project_id, {})):
            self._forget_deliveries(webhook_id)

    # -- deliveries --------------------------------------------------------------------------

    def delivery(self, project_id: str, delivery_id: str) -> DeliveryRecord | None:
        record = self._deliveries.get(delivery_id)
        return record if record is not None and record.project_id == project_id else None

    def deliveries(self, webhook_id: str) -> list[DeliveryRecord]:
        """Newest first."""
        found = [self._deliveries[d] for d in self._by_hook.get(webhook_id, ())]
        return sorted(found, key=lambda d: (d.created_at, d.delivery_id), reverse=True)

    def pending(self) -> list[DeliveryRecord]:
        return [d for d in self._deliveries.values() if d.status == PENDING]

    async def save_delivery(self, record: DeliveryRecord) -> None:
        """Record a delivery (new, or after an attempt); its lease, if ours, ends here.

        A second delivery of the same review's end to the same endpoint (two replicas recording
        one that ended while both looked) is not stored: the first one stands.
        """
        try:
            async with self._db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO webhook_deliveries (delivery_id, webhook_id, project_id, review_id, status,"
                    " next_attempt_at, document) VALUES (%s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (delivery_id) DO UPDATE SET status = excluded.status,"
                    " next_attempt_at = excluded.next_attempt_at, document = excluded.document,"
                    " lease_owner = NULL, lease_expires_at = NULL",
                    (record.delivery_id, record.webhook_id, record.project_id, record.review_id,
                     record.status, record.next_attempt_at, _encode(record.to_json())),
                )
                await self._announce(conn, "delivery", record.delivery_id)
        except psycopg.errors.UniqueViolation:
            log.info("webhook.already_recorded", webhook_id=record.webhook_id, review_id=record.review_id)
            return
        except psycopg.errors.ForeignKeyViolation:
            return  # the endpoint was deleted meanwhile
        self._index(record)

    async def claim(self, record: DeliveryRecord) -> DeliveryRecord | None:
        """The delivery as stored, leased to this replica, if it is pending, due and not leased to
        a live replica; else None (another replica sends it, or it was sent already)."""
        async with self._db.connection() as conn:
            row = await (await conn.execute(
                "UPDATE webhook_deliveries SET lease_owner = %s,"
                " lease_expires_at = now() + make_interval(secs => %s)"
                " WHERE delivery_id = %s AND status = 'pending'"
                " AND coalesce(next_attempt_at, 0) <= %s"
                " AND (lease_expires_at IS NULL OR lease_expires_at < now())"
                " RETURNING document",
                (self._owner, self._lease_seconds, record.delivery_id, time.time() + _CLOCK_SLACK_SECONDS),
            )).fetchone()
        if row is None:
            return None
        claimed = DeliveryRecord.from_json(orjson.loads(row[0]))
        self._index(claimed)
        return claimed

    async def prune(self, webhook_id: str, keep: int) -> int:
        """Forget the oldest finished deliveries beyond ``keep``."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM webhook_deliveries WHERE delivery_id IN ("
                " SELECT delivery_id FROM webhook_deliveries WHERE webhook_id = %s AND status <> 'pending'"
                " ORDER BY position DESC OFFSET %s) RETURNING delivery_id",
                (webhook_id, keep),
            )
            removed = [row[0] for row in await cursor.fetchall()]
            if removed:
                await self._announce(conn, "hook", webhook_id)
        for delivery_id in removed:
            self._deliveries.pop(delivery_id, None)
            self._by_hook.get(webhook_id, set()).discard(delivery_id)
        return len(removed)

    def _index(self, record: DeliveryRecord) -> None:
        self._deliveries[record.delivery_id] = record
        self._by_hook.setdefault(record.webhook_id, set()).add(record.delivery_id)

    def _forget_deliveries(self, webhook_id: str) -> None:
        for delivery_id in self._by_hook.pop(webhook_id, set()):
            self._deliveries.pop(delivery_id, None)


def _encode(document: dict[str, Any] | Sequence[Any]) -> str:
    return orjson.dumps(document).decode()
