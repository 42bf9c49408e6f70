"""Typed application state: every shared object is reached through one ``web.AppKey``."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from aiohttp import web

from wfc_server.api.bodies import BodyValidator
from wfc_server.api.ratelimit import RateLimiter
from wfc_server.config import Settings
from wfc_server.metrics import Metrics
from wfc_server.service.credentials import KeyHasher
from wfc_server.service.events import EventHub
from wfc_server.service.reviews import Engine, ReviewService
from wfc_server.store.projects import ProjectStore
from wfc_server.store.records import ProjectRecord
from wfc_server.store.reviews import ReviewStore


@dataclass(slots=True)
class Lifecycle:
    """Readiness as the probes report it."""

    ready: bool = False  # stores loaded, engine warm, workers running
    draining: bool = False
    startup_error: str | None = None
    websockets: weakref.WeakSet[web.WebSocketResponse] = field(default_factory=weakref.WeakSet)


SETTINGS = web.AppKey("settings", Settings)
METRICS = web.AppKey("metrics", Metrics)
LIFECYCLE = web.AppKey("lifecycle", Lifecycle)
PROJECTS = web.AppKey("projects", ProjectStore)
REVIEW_STORE = web.AppKey("review_store", ReviewStore)
HUB = web.AppKey("hub", EventHub)
ENGINE = web.AppKey("engine", Engine)
SERVICE = web.AppKey("service", ReviewService)
HASHER = web.AppKey("hasher", KeyHasher)
PROJECT_LIMITER = web.AppKey("project_limiter", RateLimiter)
CREATE_LIMITER = web.AppKey("create_limiter", RateLimiter)
BODY_VALIDATOR = web.AppKey("body_validator", BodyValidator)
CREATE_PREFIX_LIMITER = web.AppKey("create_prefix_limiter", RateLimiter)

# Per-request values set by middlewares.
REQUEST_ID = web.RequestKey("request_id", str)
AUTH_PROJECT = web.RequestKey("project", ProjectRecord)
RATE_HEADERS = web.RequestKey("rate_headers", dict)
