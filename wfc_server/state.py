"""Typed application state: every shared object is reached through one ``web.AppKey``."""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass, field

from aiohttp import web

from wfc_server.api.ratelimit import FailureLimiter, RateLimiter
from wfc_server.api.sessions import KeySessions
from wfc_server.api.bodies import BodyValidator
from wfc_server.config import Settings
from wfc_server.metrics import Metrics
from wfc_server.service.access import AccessService, Principal
from wfc_server.service.audit import AuditTrail
from wfc_server.service.credentials import KeyHasher
from wfc_server.service.events import EventHub
from wfc_server.service.reviews import Engine, ReviewService
from wfc_server.service.tenants import TenantService
from wfc_server.service.webhooks import WebhookService
from wfc_server.service.gatekeeping import GateSettingsService
from wfc_server.service.submissions import SubmissionService
from wfc_server.store.policies import PolicyStore
from wfc_server.store.projects import ProjectStore
from wfc_server.store.protocols import ReviewRepository, StorageStatus
from wfc_server.store.records import ProjectRecord
from wfc_server.store.reviews import ReviewStore
from wfc_server.store.suppressions import SuppressionStore


@dataclass(slots=True)
class Lifecycle:
    """Readiness as the probes report it."""

    ready: bool = False  # stores loaded, engine warm, workers running
    draining: bool = False
    startup_error: str | None = None
    refused: asyncio.Event = field(default_factory=asyncio.Event)  # the store is too new: exit
    websockets: weakref.WeakSet[web.WebSocketResponse] = field(default_factory=weakref.WeakSet)


SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)
LIFECYCLE = web.AppKey("lifecycle", Lifecycle)
PROJECTS = web.AppKey("projects", ProjectStore)
REVIEW_STORE = web.AppKey("review_store", ReviewStore)  # the embedded backend's store only
# Either backend's reviews behind the async reads (store.protocols.ReviewRepository).
REVIEWS = web.AppKey("reviews", ReviewRepository)
STORAGE = web.AppKey("storage", StorageStatus)  # is the chosen backend reachable (readiness)
HUB = web.AppKey("hub", EventHub)
ENGINE = web.AppKey("engine", Engine)
SERVICE = web.AppKey("service", ReviewService)
SUBMISSIONS = web.AppKey("submissions", SubmissionService)
POLICIES = web.AppKey("policies", PolicyStore)
SUPPRESSIONS = web.AppKey("suppressions", SuppressionStore)
GATE_SETTINGS = web.AppKey("gate_settings", GateSettingsService)
HASHER = web.AppKey("hasher", KeyHasher)
PROJECT_LIMITER = web.AppKey("project_limiter", RateLimiter)
CREATE_LIMITER = web.AppKey("create_limiter", RateLimiter)
# Operators and tenants (issue 12): keys, the audit trail, webhooks, project lifecycle.
ACCESS = web.AppKey("access", AccessService)
AUDIT = web.AppKey("audit", AuditTrail)
WEBHOOKS = web.AppKey("webhooks", WebhookService)
TENANTS = web.AppKey("tenants", TenantService)
AUTH_FAILURES = web.AppKey("auth_failures", FailureLimiter)
KEY_SESSIONS = web.AppKey("key_sessions", KeySessions)
BODY_VALIDATOR = web.AppKey("body_validator", BodyValidator)
CREATE_PREFIX_LIMITER = web.AppKey("create_prefix_limiter", RateLimiter)

# Per-request values set by middlewares.
REQUEST_ID = web.RequestKey("request_id", str)
AUTH_PROJECT = web.RequestKey("project", ProjectRecord)
RATE_HEADERS = web.RequestKey("rate_headers", dict)
AUTH_PRINCIPAL = web.RequestKey("principal", Principal)
