"""The application factory: ``create_app(settings)`` wires stores, engine, service and routes."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp_apigami import setup_aiohttp_apispec
from aiohttp_apigami.constants import SWAGGER_DICT
from aiohttp_apigami.swagger_ui import SWAGGER_UI_STATIC_FILES

from wfc_server import __version__, backends, tenancy
from wfc_server.api import gate, health, projects, reports, resources, reviews, site, ws
from wfc_server.api.docs import finish_spec
from wfc_server.api.bodies import BodyValidator
from wfc_server.api.errors import ApiError, flatten_messages
from wfc_server.api.middlewares import admission_middleware, context_middleware
from wfc_server.config import Settings
from wfc_server.backends import BACKEND
from wfc_server.logs import get_logger
from wfc_server.metrics import Metrics
from wfc_server.review import ReviewEngine
from wfc_server.service.reviews import Engine
from wfc_server.service.gatekeeping import GateSettingsService
from wfc_server.service.judge import PipelineJudge
from wfc_server.service.preimage import PreImageReviewer
from wfc_server.service.submissions import SubmissionService
from wfc_server.state import (
    BODY_VALIDATOR,
    ENGINE,
    LIFECYCLE,
    METRICS,
    PROJECTS,
    REVIEWS,
    SERVICE,
    GATE_SETTINGS,
    POLICIES,
    SETTINGS,
    SUBMISSIONS,
    SUPPRESSIONS,
    Lifecycle,
)
from wfc_server.store.idempotency import IdempotencyStore
from wfc_server.store.protocols import StoreIncompatible, StoreUnavailable

log = get_logger("wfc.app")


def create_app(settings: Settings, *, engine: Engine | None = None) -> web.Application:
    """Build the service; ``engine`` replaces the default ReviewEngine (tests inject slow ones)."""
    app = web.Application(
        # Order matters; see wfc_server/api/middlewares.py for why each sits where it does.
        middlewares=[context_middleware, admission_middleware],
        client_max_size=settings.server.max_body_bytes,
    )
    data_dir = settings.data_path
    make_private_dir(data_dir)
    app[SETTINGS] = settings
    app[METRICS] = Metrics(project_labels=settings.metrics.project_labels)
    app[LIFECYCLE] = Lifecycle()
    app[BODY_VALIDATOR] = BodyValidator()
    app[ENGINE] = engine or ReviewEngine(
        engine=settings.engine, pool=settings.pool, repos=settings.repos, data_dir=data_dir
    )
    backend = backends.install(
        app, settings, app[ENGINE], lambda project_id: _repo_path(app, project_id),
        lambda reviews: PipelineJudge(
            reviews, app[POLICIES], app[SUPPRESSIONS], settings.engine,
            lambda project_id: _repo_path(app, project_id),
            PreImageReviewer(app[ENGINE], settings.repos.allowed_roots, settings.engine),
        ),
    )
    app[GATE_SETTINGS] = GateSettingsService(app[POLICIES], app[SUPPRESSIONS])
    app[SETTINGS] = tenancy.setup(app, settings, backend.key_store(), backend.audit_log(),
                                   backend.webhook_store())
    app.cleanup_ctx.insert(0, _close_backend)  # last of all: after the drain and the final key flush
    idempotency = backend.idempotency(settings.pipeline.idempotency_hours * 3600)
    app[SUBMISSIONS] = SubmissionService(app[SERVICE], app[REVIEWS], idempotency)
    app.cleanup_ctx.append(_purge_idempotency_keys(idempotency, settings.pipeline.idempotency_hours * 3600))
    _add_routes(app)
    tenancy.add_routes(app.router)
    setup_aiohttp_apispec(
        app,
        title="wfc-server",
        version=__version__,
        url="/openapi.json",
        openapi_version="3.0.3",
        error_callback=_validation_error,
        in_place=True,
        info={"description": "Code review as a service: submit a unified diff, get a review."},
        components={
            "securitySchemes": {
                "ProjectId": {"type": "apiKey", "in": "header", "name": "X-Project-ID"},
                "ApiKey": {"type": "http", "scheme": "bearer"},
                "AdminToken": {"type": "http", "scheme": "bearer",
                               "description": "The operator's admin token, without X-Project-ID"},
            }
        },
    )
    finish_spec(app[SWAGGER_DICT])  # type: ignore[index]  # apigami's key is a plain string
    app.cleanup_ctx.append(_run_service)
    app.on_shutdown.append(ws.close_all)
    return app


def make_private_dir(path: Path) -> None:
    """The data directory holds diffs (which may hold secrets) and key hashes: 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077 and path.stat().st_uid == os.geteuid():
        log.warning("data_dir.made_private", path=str(path), mode=oct(path.stat().st_mode & 0o777))
        path.chmod(0o700)


def _purge_idempotency_keys(store: IdempotencyStore, ttl_seconds: float) -> Any:
    """Forget expired idempotency keys: at start, then every hour."""

    async def purge_forever() -> None:
        while True:
            try:
                removed = await store.purge(time.time() - ttl_seconds)
                if removed:
                    log.info("idempotency.purged", removed=removed)
            except (OSError, StoreUnavailable) as exc:
                log.warning("idempotency.purge_failed", error=str(exc))
                await asyncio.sleep(60)  # try again soon (e.g. the database was not reached yet)
                continue
            await asyncio.sleep(3600)

    async def context(app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(purge_forever())
        yield
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    return context


def _repo_path(app: web.Application, project_id: str) -> str | None:
    """The project's repository, unless another project registered the same one first."""
    project = app[PROJECTS].get(project_id)
    if project is None:
        return None
    repos = app[SETTINGS].repos
    if (project.repo_path and repos.allowed_roots and not repos.allow_shared
            and app[PROJECTS].repo_claimant(project.repo_path) != project_id):
        return None
    return project.repo_path


def _add_routes(app: web.Application) -> None:
    router = app.router
    router.add_get("/", health.root)
    router.add_get("/health/live", health.live)
    router.add_get("/health/ready", health.ready)
    router.add_post("/v1/projects/", projects.create_project)
    router.add_get("/v1/projects/", projects.list_projects)
    router.add_get("/v1/projects/{project_id}/policy", gate.get_policy)
    router.add_put("/v1/projects/{project_id}/policy", gate.put_policy)
    router.add_get("/v1/projects/{project_id}/suppressions", gate.list_suppressions)
    router.add_post("/v1/projects/{project_id}/suppressions", gate.create_suppression)
    router.add_delete("/v1/projects/{project_id}/suppressions/{suppression_id}", gate.delete_suppression)
    router.add_post("/v1/reviews/", reviews.submit_review)
    router.add_get("/v1/reviews/", reviews.list_reviews)
    router.add_get("/v1/reviews/{review_id}", reviews.get_review)
    router.add_delete("/v1/reviews/{review_id}", reviews.cancel_review)
    router.add_get("/v1/reviews/{review_id}/diff", reviews.get_review_diff, allow_head=False)
    router.add_get("/v1/reviews/{review_id}/ws", ws.review_events)
    router.add_get("/v1/reviews/{review_id}/report", reports.review_report)
    router.add_get("/v1/resources/pool", resources.pool_status)
    router.add_get("/v1/resources/rate-limit", resources.rate_limit_status)
    router.add_get("/metrics", site.metrics, allow_head=False)
    router.add_get("/docs", site.api_docs)
    router.add_get("/docs/", site.api_docs)
    router.add_static("/docs/static", SWAGGER_UI_STATIC_FILES)
    router.add_get("/dashboard", site.dashboard_redirect)
    router.add_get("/dashboard/", site.dashboard_file)
    router.add_get("/dashboard/{path:.+}", site.dashboard_file)


def _validation_error(error, req, schema, *, error_status_code=None, error_headers=None):  # type: ignore[no-untyped-def]
    """webargs hook: a validation failure becomes the 422 envelope naming each bad field."""
    detail = "; ".join(flatten_messages(error.messages)) or "Invalid request"
    raise ApiError(422, detail)


async def _close_backend(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[BACKEND].close()


async def _run_service(app: web.Application) -> AsyncIterator[None]:
    """Recover in the background so probes answer at once; /v1 answers 503 until ready."""
    recovery = asyncio.create_task(_recover(app))
    yield
    if not recovery.done():
        recovery.cancel()
    await asyncio.gather(recovery, return_exceptions=True)
    await drain(app)
    await app[ENGINE].close()
    app[BODY_VALIDATOR].close()


async def drain(app: web.Application) -> None:
    """Stop accepting reviews; running ones finish within the grace period or are requeued.

    Idempotent: the CLI drains on SIGTERM before closing WebSockets; cleanup drains again (a
    no-op) for apps stopped any other way.
    """
    lifecycle = app[LIFECYCLE]
    lifecycle.draining = True
    if lifecycle.ready:
        await app[SERVICE].drain(app[SETTINGS].server.drain_grace_seconds)
        lifecycle.ready = False


async def _start_workers(app: web.Application) -> None:
    """The engine's pool first: the body validator's helper forks from the server it starts."""
    await app[ENGINE].start()
    await app[BODY_VALIDATOR].warm()


async def _recover(app: web.Application) -> None:
    lifecycle = app[LIFECYCLE]
    started = time.monotonic()
    # The worker processes start (importing the engine) while this process loads the store.
    warming = asyncio.create_task(_start_workers(app))
    try:
        opened = await app[BACKEND].open(app)
        await tenancy.load(app)
        for name, reason in opened.quarantined:
            log.warning("store.quarantined", file=name, reason=reason)
        app[METRICS].quarantined_files.set(len(opened.quarantined))
        await warming
        await app[BACKEND].start(app)
        await app[SERVICE].start(opened.unfinished)
        await tenancy.recover(app)
    except StoreIncompatible as exc:  # waiting cannot help: the process exits (``cli.serve``)
        lifecycle.startup_error = str(exc)
        log.error("startup.refused", error=lifecycle.startup_error)
        lifecycle.refused.set()
        return
    except Exception as exc:
        lifecycle.startup_error = f"{type(exc).__name__}: {exc}"
        log.exception("startup.failed", error=lifecycle.startup_error)
        raise
    finally:
        if not warming.done():  # the store failed first: cleanup closes the engine
            warming.cancel()
        await asyncio.gather(warming, return_exceptions=True)
    lifecycle.ready = True
    log.info(
        "startup.ready",
        backend=app[BACKEND].name,
        projects=len(app[PROJECTS]),
        resumed=len(opened.unfinished),
        quarantined=len(opened.quarantined),
        seconds=round(time.monotonic() - started, 3),
    )
