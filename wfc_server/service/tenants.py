"""Projects as tenants: creating one with its first key, describing it, deleting all of it.

Deletion is durable and complete: a marker is written first, the project disappears from every
lookup at once, and then its keys, webhooks and deliveries, reviews (records, diffs, event
histories) and review workspaces are purged; the record and marker go last. A crash part-way
leaves the marker, and start-up finishes the purge.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from collections.abc import Awaitable, Callable
from typing import Any

from wfc_server.logs import get_logger
from wfc_server.review.workspace import _safe_id as workspace_id_part
from wfc_server.service.access import AccessService
from wfc_server.service.events import EventHub
from wfc_server.service.reviews import Engine, ReviewService
from wfc_server.service.webhooks import WebhookService
from wfc_server.store.keys import ALL_SCOPES, KeyRecord
from wfc_server.store.projects import ProjectStore
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import TERMINAL, ProjectRecord
from wfc_server.store.protocols import ReviewRepository

log = get_logger("wfc.tenants")

_WORKSPACE_WAIT_SECONDS = 30.0


class TenantService:
    def __init__(
        self,
        projects: ProjectStore,
        reviews: ReviewRepository,
        review_service: ReviewService,
        hub: EventHub,
        access: AccessService,
        webhooks: WebhookService,
        engine: Engine,
        worktrees_dir: Path,
        report_expired_keys: Callable[[str | None], Awaitable[None]],
    ) -> None:
        self._projects = projects
        self._reviews = reviews
        self._review_service = review_service
        self._hub = hub
        self._access = access
        self._webhooks = webhooks
        self._engine = engine
        self._worktrees = worktrees_dir
        self._report_expired_keys = report_expired_keys
        self._purges: dict[str, asyncio.Task[None]] = {}

    async def start(self) -> None:
        """Give projects stored before keys had records their key; finish interrupted deletions."""
        for project_id in self._projects.pending_deletions():
            log.info("project.delete_resumed", project_id=project_id)
            await self._projects.begin_delete(project_id)  # hidden before anyone can use it
            self._start_purge(project_id)
        for project in self._projects.all():
            if project.key_hash:
                await self._access.adopt_legacy_key(project.project_id, project.key_hash, project.created_at)

    async def close(self) -> None:
        if self._purges:
            await asyncio.wait(list(self._purges.values()), timeout=_WORKSPACE_WAIT_SECONDS)

    async def create_project(self, project: ProjectRecord, created_by: str) -> tuple[KeyRecord, str]:
        """Store the project and its all-scope key; raises ProjectExists. Returns the key and secret."""
        if self._projects.get(project.project_id) is not None or self.deleting(project.project_id):
            raise ProjectExists(project.project_id)
        key, secret = await self._access.create_key(project.project_id, "initial", list(ALL_SCOPES), None,
                                                    created_by)
        project.key_hash = key.key_hash
        try:
            await self._projects.create(project)
        except BaseException:
            await self._access.purge_key(key)
            raise
        return key, secret

    async def summary(self, project: ProjectRecord) -> dict[str, Any]:
        """A project as the operator sees it: counts and last activity, no secrets, no paths."""
        total, newest = await self._reviews.list(project.project_id, None, 1, 0)
        keys = self._access.live_keys(project.project_id)
        moments = [project.created_at, *(k.last_used_at for k in keys if k.last_used_at)]
        if newest:
            moments.append(newest[0].completed_at or newest[0].submitted_at)
        active = 0
        for status in ("pending", "in_progress"):
            active += (await self._reviews.list(project.project_id, status, 1, 0))[0]
        return {
            **project.public(),
            "reviews": total,
            "active_reviews": active,
            "keys": len(keys),
            "webhooks": len(self._webhooks.webhooks(project.project_id)),
            "last_activity_at": max(moments),
        }

    async def delete_project(self, project_id: str) -> None:
        """Hide the project at once (durably marked) and purge it in the background."""
        await self._projects.begin_delete(project_id)
        self._start_purge(project_id)

    def deleting(self, project_id: str) -> bool:
        return project_id in self._purges

    def _start_purge(self, project_id: str) -> None:
        task = asyncio.create_task(self._purge(project_id), name=f"purge-{project_id}")
        self._purges[project_id] = task
        task.add_done_callback(lambda _: self._purges.pop(project_id, None))

    async def _purge(self, project_id: str) -> None:
        started = time.monotonic()
        try:
            await self._report_expired_keys(project_id)  # the audit trail keeps expiries the sweep had not seen
            await self._access.purge_project(project_id)
            await self._webhooks.purge_project(project_id)  # before cancelling: no webhooks fire
            _, active = await self._reviews.list(project_id, None, 10**9, 0)
            for record in active:
                if record.status not in TERMINAL:
                    await self._review_service.cancel(record)
            await self._wait_for_workspaces(project_id)
            review_ids = await self._reviews.purge_project(project_id)
            self._hub.forget(review_ids)
            self._review_service.forget(review_ids)
            await asyncio.to_thread(self._remove_workspaces, project_id, review_ids)
            await self._projects.finish_delete(project_id)
        except Exception:
            log.exception("project.delete_failed", project_id=project_id)
            return
        log.info("project.purged", project_id=project_id, reviews=len(review_ids),
                 seconds=round(time.monotonic() - started, 3))

    async def _wait_for_workspaces(self, project_id: str) -> None:
        deadline = time.monotonic() + _WORKSPACE_WAIT_SECONDS
        while self._engine.pool_status(project_id).get("in_use") and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    def _remove_workspaces(self, project_id: str, review_ids: list[str]) -> None:
        if not self._worktrees.is_dir():
            return
        prefix = workspace_id_part(project_id)
        names = {f"{prefix}-{workspace_id_part(r)}" for r in review_ids}
        for entry in self._worktrees.iterdir():
            base = entry.name.rsplit("-", 1)[0] if entry.name not in names else entry.name
            if entry.name in names or base in names:
                shutil.rmtree(entry, ignore_errors=True)

