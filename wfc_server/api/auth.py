"""Authentication and per-project rate limiting for the routes that need them.

Handlers opt in with :func:`requires_auth`. Credentials are checked before anything reads the
body, so an unauthenticated request with a bad body gets 401, not 422. Every authenticated
response, 429s included, carries the X-RateLimit-* headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from wfc_server.api.errors import too_many_requests, unauthorized
from wfc_server.service.credentials import KEY_PREFIX
from wfc_server.state import AUTH_PROJECT, HASHER, METRICS, PROJECT_LIMITER, PROJECTS, RATE_HEADERS
from wfc_server.store.records import ProjectRecord

_AUTH_ATTR = "wfc_auth"
_BEFORE_BODY_ATTR = "wfc_before_body"
HandlerT = TypeVar("HandlerT", bound=Callable[..., Any])


def requires_auth(*, query_token: bool = False) -> Callable[[HandlerT], HandlerT]:
    """Mark a handler as authenticated; ``query_token`` also accepts ?project_id=&token=."""

    def mark(handler: HandlerT) -> HandlerT:
        setattr(handler, _AUTH_ATTR, "query" if query_token else "header")
        return handler

    return mark


def before_body(check: Callable[[web.Request], None]) -> Callable[[HandlerT], HandlerT]:
    """Run ``check`` after authentication and before the body is read or validated: a refusal
    that does not depend on the body (a full queue) costs the server nothing to give."""

    def mark(handler: HandlerT) -> HandlerT:
        setattr(handler, _BEFORE_BODY_ATTR, check)
        return handler

    return mark


def auth_mode(request: web.Request) -> str | None:
    handler = getattr(request.match_info, "handler", None)
    return getattr(handler, _AUTH_ATTR, None)


def current_project(request: web.Request) -> ProjectRecord:
    return request[AUTH_PROJECT]


def authenticate(request: web.Request, mode: str) -> ProjectRecord:
    """The caller's project, or ApiError(401)."""
    project_id = request.headers.get("X-Project-ID")
    authorization = request.headers.get("Authorization")
    token: str | None = None
    if authorization is not None:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            token = value.strip()
    elif mode == "query" and project_id is None:
        project_id = request.query.get("project_id")
        token = request.query.get("token")
    if not project_id or not token or not token.startswith(KEY_PREFIX) or len(token) > 256:
        raise unauthorized()
    project = request.app[PROJECTS].get(project_id)
    hasher = request.app[HASHER]
    if not hasher.verify(token, project.key_hash if project else None) or project is None:
        raise unauthorized()
    return project


def rate_limit(request: web.Request, project: ProjectRecord) -> None:
    """Spend one token of the project's bucket; 429 with Retry-After when empty."""
    state = request.app[PROJECT_LIMITER].take(project.project_id)
    headers = state.headers()
    request[RATE_HEADERS] = headers
    if not state.allowed:
        request.app[METRICS].rate_limited.labels(scope="project").inc()
        raise too_many_requests("Rate limit exceeded.", state.retry_after)


def admit(request: web.Request) -> None:
    """For routes marked with :func:`requires_auth`: authenticate, then spend a token."""
    mode = auth_mode(request)
    if mode is not None:
        project = authenticate(request, mode)
        request[AUTH_PROJECT] = project
        rate_limit(request, project)
    check = getattr(getattr(request.match_info, "handler", None), _BEFORE_BODY_ATTR, None)
    if check is not None:
        check(request)
