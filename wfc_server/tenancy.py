"""Wiring of the operator and tenant features (keys, audit, webhooks, deletion) into the app.

``create_app`` calls :func:`setup` and :func:`add_routes`; recovery calls :func:`recover`
before the service reports ready; :func:`run` is a cleanup context that batches keys'
last-used times, reports expired keys, and shuts the webhook dispatcher down after the drain.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import sys
from collections.abc import AsyncIterator

from aiohttp import web

from wfc_server.api import admin, keys, webhooks
from wfc_server.api.ratelimit import FailureLimiter
from wfc_server.api.sessions import KeySessions
from wfc_server.config import Settings
from wfc_server.logs import get_logger
from wfc_server.service.access import AccessService, load_admin_hash
from wfc_server.service.audit import AuditTrail
from wfc_server.service.tenants import TenantService
from wfc_server.service.webhooks import SYSTEM, WebhookService
from wfc_server.state import (
    ACCESS,
    AUDIT,
    AUTH_FAILURES,
    ENGINE,
    HASHER,
    HUB,
    KEY_SESSIONS,
    METRICS,
    PROJECTS,
    REVIEWS,
    SERVICE,
    SETTINGS as SETTINGS_KEY,
    TENANTS,
    WEBHOOKS,
)
from wfc_server.store.audit import AuditLog, FileAuditLog
from wfc_server.store.keys import FileKeyStore, KeyStore
from wfc_server.store.protocols import StoreUnavailable
from wfc_server.store.webhooks import FileWebhookStore, WebhookStore

log = get_logger("wfc.tenancy")

_KEY_STORE = web.AppKey("key_store", FileKeyStore)
_AUDIT_LOG = web.AppKey("audit_log", FileAuditLog)
_WEBHOOK_STORE = web.AppKey("webhook_store", WebhookStore)


def setup(app: web.Application, settings: Settings, keys: KeyStore | None = None,
          audit_log: AuditLog | None = None, webhook_store: WebhookStore | None = None) -> Settings:
    """Create the stores and services; returns the settings with the admin token dropped.

    A configured admin token is kept only as its keyed hash. Without one, a server whose
    registration is not open generates one at first start and prints it once, to the terminal
    (stderr), never to the JSON logs; an open server then has no admin token until one is set.
    ``keys``, ``audit_log`` and ``webhook_store`` are a shared backend's: the key-hashing secret
    and admin token
    hash are then read from the database at start-up (``wfc_server.backends``), not from files.
    """
    data_dir = settings.data_path
    admin_hash = ""
    if keys is None:
        admin_hash, generated = load_admin_hash(data_dir, settings.auth.admin_token, app[HASHER],
                                                generate=settings.auth.registration != "open")
        if generated is not None:
            print_generated_admin_token(generated)
    app[_KEY_STORE] = keys or FileKeyStore(data_dir)
    app[_AUDIT_LOG] = audit_log or FileAuditLog(data_dir)
    app[_WEBHOOK_STORE] = webhook_store or FileWebhookStore(data_dir)
    app[ACCESS] = AccessService(app[_KEY_STORE], app[HASHER], admin_hash)
    app[AUDIT] = AuditTrail(app[_AUDIT_LOG])
    app[AUTH_FAILURES] = FailureLimiter(settings.auth.failure_burst, settings.auth.failure_refill_rate)
    app[KEY_SESSIONS] = KeySessions()
    app[WEBHOOKS] = WebhookService(app[_WEBHOOK_STORE], app[AUDIT], settings.webhooks, app[METRICS])
    app[TENANTS] = TenantService(
        app[PROJECTS], app[REVIEWS], app[SERVICE], app[HUB], app[ACCESS], app[WEBHOOKS], app[ENGINE],
        data_dir / "worktrees", functools.partial(_report_expired, app),
    )
    app[SERVICE].on_terminal(app[WEBHOOKS].notify)
    app.cleanup_ctx.insert(0, run)  # cleaned up last: after the drain, so final reviews still notify
    return dataclasses.replace(settings, auth=dataclasses.replace(settings.auth, admin_token=""))


def print_generated_admin_token(token: str) -> None:
    """Shown once, to the terminal (stderr), never to the JSON logs; only its hash is stored."""
    print(
        f"\nwfc-server: generated the admin token (shown once; only its hash is stored):\n\n    {token}\n\n"
        "Send it as `Authorization: Bearer <token>` (no X-Project-ID). Set auth.admin_token "
        "(WFC_AUTH_ADMIN_TOKEN) to choose your own.\n",
        file=sys.stderr, flush=True,
    )


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/v1/auth/whoami", keys.whoami)
    router.add_get("/v1/admin/projects", admin.admin_projects)
    router.add_get("/v1/admin/audit", admin.admin_audit)
    router.add_get("/v1/projects/{project_id}", admin.get_project)
    router.add_delete("/v1/projects/{project_id}", admin.delete_project)
    router.add_get("/v1/projects/{project_id}/audit", admin.project_audit)
    router.add_post("/v1/projects/{project_id}/keys", keys.create_key)
    router.add_get("/v1/projects/{project_id}/keys", keys.list_keys)
    router.add_delete("/v1/projects/{project_id}/keys/{key_id}", keys.revoke_key)
    router.add_post("/v1/projects/{project_id}/webhooks", webhooks.create_webhook)
    router.add_get("/v1/projects/{project_id}/webhooks", webhooks.list_webhooks)
    router.add_get("/v1/projects/{project_id}/webhooks/{webhook_id}", webhooks.get_webhook)
    router.add_patch("/v1/projects/{project_id}/webhooks/{webhook_id}", webhooks.update_webhook)
    router.add_delete("/v1/projects/{project_id}/webhooks/{webhook_id}", webhooks.delete_webhook)
    router.add_post("/v1/projects/{project_id}/webhooks/{webhook_id}/rotate-secret", webhooks.rotate_webhook_secret)
    router.add_get("/v1/projects/{project_id}/webhooks/{webhook_id}/deliveries", webhooks.list_deliveries)
    router.add_post("/v1/projects/{project_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
                    webhooks.redeliver)


async def load(app: web.Application) -> None:
    """Read keys, the audit trail and webhooks (before the review service resumes anything)."""
    await app[_KEY_STORE].load()
    skipped = await app[_AUDIT_LOG].load()
    if skipped:
        log.warning("audit.torn_lines_skipped", count=skipped)
    await app[_WEBHOOK_STORE].load()


async def recover(app: web.Application) -> None:
    """Adopt legacy keys, finish interrupted deletions, resume pending webhook deliveries."""
    await app[TENANTS].start()
    await app[WEBHOOKS].start(app[REVIEWS].ended)


async def run(app: web.Application) -> AsyncIterator[None]:
    ticker = asyncio.create_task(_maintain(app, app[SETTINGS_KEY].auth.last_used_flush_seconds))
    yield
    ticker.cancel()
    await asyncio.gather(ticker, return_exceptions=True)
    await app[TENANTS].close()
    await app[WEBHOOKS].close()
    await _flush(app)
    app[_AUDIT_LOG].close()


async def _maintain(app: web.Application, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        await _flush(app)
        try:
            await _report_expired(app)
        except (OSError, StoreUnavailable) as exc:
            log.error("keys.expiry_sweep_failed", error=str(exc))


async def _report_expired(app: web.Application, project_id: str | None = None) -> None:
    """Close the sessions of keys that expired since the last look and say so in the audit trail."""
    for key in await app[ACCESS].newly_expired(project_id):
        await app[KEY_SESSIONS].close([key.key_id], "API key expired")
        await app[AUDIT].record("key.expired", actor=SYSTEM, project_id=key.project_id, target=key.key_id,
                                details={"name": key.name, "expires_at": key.expires_at})


async def _flush(app: web.Application) -> None:
    try:
        await app[ACCESS].flush()
    except (OSError, StoreUnavailable) as exc:
        log.error("keys.last_used_flush_failed", error=str(exc))
