"""The backend holding what replicas must agree on, chosen by ``store.backend``.

``embedded`` (the default): files in the data directory and memory in this one process, no
server to run. ``postgres``: one PostgreSQL shared by any number of replicas; projects, key hashes
and their hashing secret, reviews, diffs, events and rate limits live there, and a replica's data
directory holds only its workspaces. ``create_app`` calls :func:`install`, which puts the chosen
backend's stores and review service under the app keys the API and services use; neither knows
which one runs. The backend's :meth:`open` runs during start-up recovery, :meth:`close` last.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from aiohttp import web

from wfc_server.api.ratelimit import LocalRateLimits, RateLimiter
from wfc_server.config import Settings
from wfc_server.logs import get_logger
from wfc_server.service.access import ADMIN_PREFIX, AccessService
from wfc_server.service.credentials import KeyHasher
from wfc_server.service.events import EventHub
from wfc_server.service.reviews import Engine, ReviewService, ServiceLimits
from wfc_server.service.shared_reviews import SharedReviewService
from wfc_server.state import (
    ACCESS,
    CREATE_LIMITER,
    CREATE_PREFIX_LIMITER,
    HASHER,
    HUB,
    METRICS,
    POLICIES,
    PROJECT_LIMITER,
    PROJECTS,
    REVIEW_STORE,
    REVIEWS,
    SERVICE,
    STORAGE,
    SUPPRESSIONS,
)
from wfc_server.store.audit import AuditLog
from wfc_server.store.idempotency import FileIdempotencyStore, IdempotencyStore
from wfc_server.store.keys import KeyStore
from wfc_server.store.policies import FilePolicyStore
from wfc_server.store.projects import ProjectStore
from wfc_server.store.protocols import StoreUnavailable
from wfc_server.store.reviews import ReviewReader, ReviewStore
from wfc_server.store.suppressions import FileSuppressionStore
from wfc_server.store.webhooks import WebhookStore
from wfc_server.tenancy import print_generated_admin_token

log = get_logger("wfc.backend")

EMBEDDED = "embedded"
POSTGRES = "postgres"

Judge = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Opened:
    """What start-up recovery reports: unfinished reviews to resume, files set aside."""

    unfinished: list[Any]
    quarantined: list[tuple[str, str]]


class Backend(Protocol):
    name: str

    def key_store(self) -> KeyStore | None:
        """A shared key store, or None for the embedded one in the data directory."""
        ...

    def audit_log(self) -> AuditLog | None:
        """A shared audit trail, or None for the embedded file."""
        ...

    def webhook_store(self) -> WebhookStore | None:
        """Shared webhook endpoints and deliveries, or None for the embedded files."""
        ...

    def idempotency(self, ttl_seconds: float) -> IdempotencyStore: ...

    async def open(self, app: web.Application) -> Opened: ...
    async def start(self, app: web.Application) -> None: ...
    async def close(self) -> None: ...
    def available(self) -> str | None:
        """None when the backend's storage answers; else why not (readiness says so)."""
        ...


BACKEND = web.AppKey("backend", Backend)


def service_limits(settings: Settings) -> ServiceLimits:
    return ServiceLimits(
        workers=settings.worker_count,
        timeout_seconds=settings.review.timeout_seconds,
        queue_size=settings.review.queue_size,
        max_attempts=settings.review.max_attempts,
        max_queued_per_project=settings.review.max_queued_per_project,
        max_running_per_project=settings.review.max_running_per_project,
    )


def install(
    app: web.Application, settings: Settings, engine: Engine,
    repo_path_of: Callable[[str], str | None], make_judge: Callable[[Any], Judge],
) -> Backend:
    """Create the chosen backend's stores and review service under the app's keys."""
    backend: Backend
    if settings.store.backend == POSTGRES:
        backend = _PostgresBackend(app, settings, engine, repo_path_of, make_judge)
    else:
        backend = _EmbeddedBackend(app, settings, engine, repo_path_of, make_judge)
    app[BACKEND] = backend
    app[STORAGE] = backend
    return backend


class _EmbeddedBackend:
    name = EMBEDDED

    def __init__(self, app: web.Application, settings: Settings, engine: Engine,
                 repo_path_of: Callable[[str], str | None], make_judge: Callable[[Any], Judge]) -> None:
        data_dir = settings.data_path
        self._data_dir = data_dir
        app[HASHER] = KeyHasher.for_data_dir(data_dir)
        app[POLICIES] = FilePolicyStore(data_dir)
        app[SUPPRESSIONS] = FileSuppressionStore(data_dir)
        app[PROJECTS] = ProjectStore(data_dir)
        app[REVIEW_STORE] = self._review_store = ReviewStore(data_dir)
        app[REVIEWS] = ReviewReader(app[REVIEW_STORE])
        app[HUB] = EventHub(settings.websocket.send_buffer, settings.websocket.history_reviews)
        app[PROJECT_LIMITER] = LocalRateLimits(
            RateLimiter(settings.rate_limit.capacity, settings.rate_limit.refill_rate))
        app[CREATE_LIMITER] = LocalRateLimits(RateLimiter(
            settings.rate_limit.create_capacity, settings.rate_limit.create_refill_rate, max_keys=10_000))
        app[CREATE_PREFIX_LIMITER] = LocalRateLimits(RateLimiter(
            settings.rate_limit.create_prefix_capacity, settings.rate_limit.create_prefix_refill_rate,
            max_keys=10_000))
        app[SERVICE] = ReviewService(
            app[REVIEW_STORE], engine, app[HUB], app[METRICS], service_limits(settings),
            repo_path_of=repo_path_of, judge=make_judge(app[REVIEWS]),
        )

    def key_store(self) -> KeyStore | None:
        return None

    def audit_log(self) -> AuditLog | None:
        return None

    def webhook_store(self) -> WebhookStore | None:
        return None

    def idempotency(self, ttl_seconds: float) -> IdempotencyStore:
        return FileIdempotencyStore(self._data_dir, ttl_seconds)

    async def open(self, app: web.Application) -> Opened:
        project_scan = await app[PROJECTS].load()
        review_scan = await app[REVIEW_STORE].load()
        return Opened(review_scan.unfinished, [*project_scan.quarantined, *review_scan.quarantined])

    async def start(self, app: web.Application) -> None:
        return None  # the review service's workers are all there is

    async def close(self) -> None:
        """Last of all (after the drain): the index snapshot that makes the next start quick."""
        try:
            entries = await self._review_store.write_snapshot()
        except OSError as exc:  # e.g. a full disk: the next start parses every record instead
            log.warning("store.snapshot_not_written", error=exc.strerror or str(exc))
        else:
            log.info("store.snapshot_written", reviews=entries)

    def available(self) -> str | None:
        return None


class _PostgresBackend:
    name = POSTGRES

    def __init__(self, app: web.Application, settings: Settings, engine: Engine,
                 repo_path_of: Callable[[str], str | None], make_judge: Callable[[Any], Judge]) -> None:
        # Imported here: the embedded default never loads psycopg.
        from wfc_server.store.postgres.database import Database
        from wfc_server.store.postgres.directory import KeyDirectory, ProjectDirectory
        from wfc_server.store.postgres.documents import (
            PgAuditLog,
            PgIdempotencyStore,
            PgPolicyStore,
            PgSuppressionStore,
        )
        from wfc_server.store.postgres.events import PgEventBus
        from wfc_server.store.postgres.limits import PgRateLimiter
        from wfc_server.store.postgres.projects import PgProjectStore
        from wfc_server.store.postgres.queue import PgJobQueue
        from wfc_server.store.postgres.reviews import PgReviewStore
        from wfc_server.store.postgres.webhooks import PgWebhookStore

        store = settings.store
        self._settings = settings
        self._admin_token = settings.auth.admin_token  # hashed at open, once the secret is read
        self.database = Database(store.dsn, max_size=store.pool_size)
        self._secrets = PgProjectStore(self.database)
        self._keys = KeyDirectory(self.database)
        self._audit = PgAuditLog(self.database)
        self._idempotency = PgIdempotencyStore
        app[POLICIES] = PgPolicyStore(self.database)
        app[SUPPRESSIONS] = PgSuppressionStore(self.database)
        reviews = PgReviewStore(self.database)
        self.queue = PgJobQueue(self.database, max_attempts=settings.review.max_attempts,
                                lease_seconds=store.lease_seconds)
        # A delivery's lease outlasts one attempt (its address check and its POST, each bounded).
        self._webhooks = PgWebhookStore(self.database, self.queue.owner,
                                        lease_seconds=2 * settings.webhooks.timeout_seconds + store.lease_seconds)
        self.events = PgEventBus(self.database, reviews, buffer=settings.websocket.send_buffer)
        app[HASHER] = KeyHasher(None)
        projects = ProjectDirectory(self.database)
        app[PROJECTS] = projects  # type: ignore[assignment]  # same read interface
        app[REVIEWS] = reviews
        app[HUB] = self.events  # type: ignore[assignment]  # the tenants service forgets through it
        self._project_limiter = PgRateLimiter(self.database, settings.rate_limit.capacity,
                                              settings.rate_limit.refill_rate, scope="project",
                                              lease_tokens=store.rate_lease_tokens)
        app[PROJECT_LIMITER] = self._project_limiter
        app[CREATE_LIMITER] = PgRateLimiter(self.database, settings.rate_limit.create_capacity,
                                            settings.rate_limit.create_refill_rate, scope="signup")
        app[CREATE_PREFIX_LIMITER] = PgRateLimiter(self.database, settings.rate_limit.create_prefix_capacity,
                                                   settings.rate_limit.create_prefix_refill_rate,
                                                   scope="signup-prefix")
        service = SharedReviewService(
            reviews, self.queue, self.events, engine, app[METRICS], service_limits(settings),
            repo_path_of=repo_path_of, judge=make_judge(reviews), lease_owner=self.queue.owner,
            cache_session=lambda: self.database.listener.session,
        )
        projects.on_change(service.forget_project)
        app[SERVICE] = service  # type: ignore[assignment]  # the same public interface
        self._opened = False

    def key_store(self) -> KeyStore | None:
        return self._keys

    def audit_log(self) -> AuditLog | None:
        return self._audit

    def webhook_store(self) -> WebhookStore | None:
        return self._webhooks

    def idempotency(self, ttl_seconds: float) -> IdempotencyStore:
        return self._idempotency(self.database, ttl_seconds)

    async def open(self, app: web.Application) -> Opened:
        """Connect (waiting for the database as long as it takes), migrate, read the shared secrets."""
        delay = 0.5
        while True:
            try:
                await self.database.open()
                break
            except StoreUnavailable as exc:
                log.warning("postgres.waiting", error=exc.reason, retry_in=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        self._opened = True
        hasher = app[HASHER]
        hasher.use_secret(await self._secrets.hashing_secret())
        access: AccessService = app[ACCESS]
        if self._admin_token:
            access.use_admin_hash(hasher.hash(self._admin_token))
        elif self._settings.auth.registration != "open":
            token = ADMIN_PREFIX + secrets.token_urlsafe(32)
            stored, ours = await self._secrets.generated_admin_hash(hasher.hash(token))
            access.use_admin_hash(stored)
            if ours:
                print_generated_admin_token(token)
        self._admin_token = ""
        await app[PROJECTS].load()
        return Opened([], [])

    async def start(self, app: web.Application) -> None:
        await self.queue.start()
        await self.events.start()
        await self._project_limiter.start()

    async def close(self) -> None:
        await self._project_limiter.close()
        await self.events.stop()
        await self.queue.stop()
        if self._opened:
            await self.database.close()

    def available(self) -> str | None:
        if not self._opened:
            return "the database has not been reached yet"
        return None if self.database.available else "the database is unreachable"
