"""Webhook endpoints and their deliveries on disk, indexed in memory.

Layout: ``<data>/webhooks/<project_id>/<webhook_id>.json`` and
``<data>/deliveries/<project_id>/<delivery_id>.json``. A delivery is written (fsync'd) before
each attempt and after it, so the attempt log and the retry schedule survive restarts. Endpoint
files hold their signing secrets (they must be usable to sign), so they are created 0600.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from wfc_server.store.atomic import write_atomic
from wfc_server.store.files import ScanReport, scan_records
from wfc_server.store.records import RecordError, _build

EVENT_TYPES = ("review.completed", "review.failed", "review.cancelled")
PENDING = "pending"
SUCCEEDED = "succeeded"
FAILED = "failed"


@dataclass(slots=True)
class WebhookRecord:
    webhook_id: str
    project_id: str
    url: str
    secret: str
    created_at: str
    events: list[str] = field(default_factory=lambda: list(EVENT_TYPES))
    description: str = ""
    enabled: bool = True
    disabled_reason: str | None = None
    consecutive_failures: int = 0
    previous_secret: str | None = None
    previous_secret_expires: float | None = None  # unix time; the old secret signs until then
    updated_at: str | None = None

    def public(self) -> dict[str, Any]:
        """Never the secrets."""
        return {
            "webhook_id": self.webhook_id,
            "url": self.url,
            "events": list(self.events),
            "description": self.description,
            "enabled": self.enabled,
            "disabled_reason": self.disabled_reason,
            "consecutive_failures": self.consecutive_failures,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "secret_prefix": self.secret[:10],
        }

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> WebhookRecord:
        return _build(cls, data)


@dataclass(slots=True)
class DeliveryRecord:
    delivery_id: str  # also the webhook-id header: the same on every retry
    webhook_id: str
    project_id: str
    event_type: str
    payload: str
    created_at: str
    status: str = PENDING
    next_attempt_at: float | None = None  # unix time of the next attempt while pending
    attempts: list[dict[str, Any]] = field(default_factory=list)
    review_id: str | None = None  # the review whose end this announces

    def public(self) -> dict[str, Any]:
        return {
            "delivery_id": self.delivery_id,
            "webhook_id": self.webhook_id,
            "event_type": self.event_type,
            "status": self.status,
            "created_at": self.created_at,
            "next_attempt_at": self.next_attempt_at,
            "attempts": list(self.attempts),
        }

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> DeliveryRecord:
        record: DeliveryRecord = _build(cls, data)
        if record.status not in (PENDING, SUCCEEDED, FAILED):
            raise RecordError(f"unknown delivery status {record.status!r}")
        return record


class WebhookStore(Protocol):
    """Endpoints and deliveries (embedded files now, database rows later)."""

    async def load(self) -> ScanReport: ...
    def webhook(self, project_id: str, webhook_id: str) -> WebhookRecord | None: ...
    def webhooks(self, project_id: str) -> list[WebhookRecord]: ...
    def all_webhooks(self) -> list[WebhookRecord]: ...
    async def save_webhook(self, record: WebhookRecord) -> None: ...
    async def delete_webhook(self, record: WebhookRecord) -> None: ...
    def delivery(self, project_id: str, delivery_id: str) -> DeliveryRecord | None: ...
    def deliveries(self, webhook_id: str) -> list[DeliveryRecord]: ...
    def pending(self) -> list[DeliveryRecord]: ...
    async def save_delivery(self, record: DeliveryRecord) -> None: ...
    async def claim(self, record: DeliveryRecord) -> DeliveryRecord | None:
        """The delivery to attempt now, or None when it is not this process's to send."""
        ...
    #: Seconds between looks for due deliveries other processes recorded (None: there are none).
    rescan_seconds: float | None
    async def prune(self, webhook_id: str, keep: int) -> int: ...
    async def purge_project(self, project_id: str) -> None: ...


class FileWebhookStore:
    rescan_seconds: float | None = None  # one process: every delivery is in its own schedule

    def __init__(self, data_dir: Path) -> None:
        self._hooks_dir = data_dir / "webhooks"
        self._deliveries_dir = data_dir / "deliveries"
        self._quarantine = data_dir / "quarantine"
        self._hooks: dict[str, dict[str, WebhookRecord]] = {}  # project -> id -> record
        self._deliveries: dict[str, DeliveryRecord] = {}
        self._by_hook: dict[str, dict[str, None]] = {}  # webhook -> delivery ids, oldest first

    async def load(self) -> ScanReport:
        report = ScanReport()
        await asyncio.to_thread(self._load_sync, report)
        return report

    def _load_sync(self, report: ScanReport) -> None:
        self._hooks_dir.mkdir(parents=True, exist_ok=True)
        self._deliveries_dir.mkdir(parents=True, exist_ok=True)

        def accept_hook(record: WebhookRecord, name: str) -> None:
            if name != f"{record.webhook_id}.json":
                raise RecordError("file name does not match webhook_id")
            self._hooks.setdefault(record.project_id, {})[record.webhook_id] = record

        deliveries: list[DeliveryRecord] = []

        def accept_delivery(record: DeliveryRecord, name: str) -> None:
            if name != f"{record.delivery_id}.json":
                raise RecordError("file name does not match delivery_id")
            deliveries.append(record)

        scan_records(self._hooks_dir, self._quarantine / "webhooks", WebhookRecord.from_json, accept_hook, report)
        scan_records(self._deliveries_dir, self._quarantine / "deliveries", DeliveryRecord.from_json,
                     accept_delivery, report)
        for record in sorted(deliveries, key=lambda d: (d.created_at, d.delivery_id)):
            self._index_delivery(record)

    def webhook(self, project_id: str, webhook_id: str) -> WebhookRecord | None:
        return self._hooks.get(project_id, {}).get(webhook_id)

    def webhooks(self, project_id: str) -> list[WebhookRecord]:
        return sorted(self._hooks.get(project_id, {}).values(), key=lambda h: (h.created_at, h.webhook_id))

    def all_webhooks(self) -> list[WebhookRecord]:
        return [hook for hooks in self._hooks.values() for hook in hooks.values()]

    async def save_webhook(self, record: WebhookRecord) -> None:
        directory = self._hooks_dir / record.project_id
        await asyncio.to_thread(directory.mkdir, mode=0o700, parents=True, exist_ok=True)
        await write_atomic(directory / f"{record.webhook_id}.json", orjson.dumps(record.to_json()))
        self._hooks.setdefault(record.project_id, {})[record.webhook_id] = record

    async def delete_webhook(self, record: WebhookRecord) -> None:
        """The endpoint and its deliveries."""
        self._hooks.get(record.project_id, {}).pop(record.webhook_id, None)
        paths = [self._hooks_dir / record.project_id / f"{record.webhook_id}.json"]
        for delivery_id in self._by_hook.pop(record.webhook_id, {}):
            self._deliveries.pop(delivery_id, None)
            paths.append(self._delivery_path(record.project_id, delivery_id))
        await asyncio.to_thread(_unlink_all, paths)

    def delivery(self, project_id: str, delivery_id: str) -> DeliveryRecord | None:
        record = self._deliveries.get(delivery_id)
        return record if record is not None and record.project_id == project_id else None

    def deliveries(self, webhook_id: str) -> list[DeliveryRecord]:
        """Newest first."""
        return [self._deliveries[d] for d in reversed(self._by_hook.get(webhook_id, {}))]

    def pending(self) -> list[DeliveryRecord]:
        return [d for d in self._deliveries.values() if d.status == PENDING]

    async def save_delivery(self, record: DeliveryRecord) -> None:
        directory = self._deliveries_dir / record.project_id
        await asyncio.to_thread(directory.mkdir, parents=True, exist_ok=True)
        await write_atomic(self._delivery_path(record.project_id, record.delivery_id),
                           orjson.dumps(record.to_json()))
        self._index_delivery(record)

    async def claim(self, record: DeliveryRecord) -> DeliveryRecord | None:
        return record  # one process sends every delivery

    async def prune(self, webhook_id: str, keep: int) -> int:
        """Forget the oldest finished deliveries beyond ``keep``."""
        ids = self._by_hook.get(webhook_id, {})
        finished = [d for d in ids if self._deliveries[d].status != PENDING]
        excess = finished[: max(len(finished) - keep, 0)]
        paths = []
        for delivery_id in excess:
            record = self._deliveries.pop(delivery_id)
            ids.pop(delivery_id, None)
            paths.append(self._delivery_path(record.project_id, delivery_id))
        if paths:
            await asyncio.to_thread(_unlink_all, paths)
        return len(paths)

    async def purge_project(self, project_id: str) -> None:
        for hook in self._hooks.pop(project_id, {}).values():
            for delivery_id in self._by_hook.pop(hook.webhook_id, {}):
                self._deliveries.pop(delivery_id, None)
        await asyncio.to_thread(shutil.rmtree, self._hooks_dir / project_id, True)
        await asyncio.to_thread(shutil.rmtree, self._deliveries_dir / project_id, True)

    def _index_delivery(self, record: DeliveryRecord) -> None:
        self._deliveries[record.delivery_id] = record
        self._by_hook.setdefault(record.webhook_id, {})[record.delivery_id] = None

    def _delivery_path(self, project_id: str, delivery_id: str) -> Path:
        return self._deliveries_dir / project_id / f"{delivery_id}.json"


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
