"""Who may call what: keys with scopes, the operator's admin token, and the sign-up gate.

Handlers declare what they need with one decorator (:func:`requires_auth`,
:func:`requires_project_admin`, :func:`requires_admin`, :func:`registration`). Credentials are
checked before anything reads the body, so an unauthenticated request with a bad body gets
401, not 422. A key without the route's scope gets 403 naming the scope. Failed
authentications are counted per client address; past a burst the address gets 429 while
valid clients elsewhere are untouched. Every authenticated response carries X-RateLimit-*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import web

from wfc_server.api.errors import ApiError, not_found, too_many_requests, unauthorized
from wfc_server.service.access import Principal
from wfc_server.service.credentials import KEY_PREFIX
from wfc_server.state import (
    ACCESS,
    AUDIT,
    AUTH_FAILURES,
    AUTH_PRINCIPAL,
    AUTH_PROJECT,
    METRICS,
    PROJECT_LIMITER,
    PROJECTS,
    RATE_HEADERS,
    REQUEST_ID,
    SETTINGS,
)
from wfc_server.store.keys import SCOPE_ADMIN
from wfc_server.store.records import ProjectRecord

_AUTH_ATTR = "wfc_auth"
ANONYMOUS = "anonymous"
_BEFORE_BODY_ATTR = "wfc_before_body"
HandlerT = TypeVar("HandlerT", bound=Callable[..., Any])
_MAX_TOKEN = 256


@dataclass(frozen=True, slots=True)
class AuthRule:
    scope: str | None = None  # what a key needs (None: any live key)
    query_token: bool = False  # also ?project_id=&token= (browsers' WebSockets)
    project_in_path: bool = False  # /v1/projects/{project_id}/...: its owner's keys or the admin
    admin_only: bool = False
    registration: str | None = None  # "create" or "list": governed by auth.registration


def _mark(rule: AuthRule) -> Callable[[HandlerT], HandlerT]:
    def mark(handler: HandlerT) -> HandlerT:
        setattr(handler, _AUTH_ATTR, rule)
        return handler

    return mark


def before_body(check: Callable[[web.Request], None]) -> Callable[[HandlerT], HandlerT]:
    """Run ``check`` after authentication and before the body is read or validated: a refusal
    that does not depend on the body (a full queue) costs the server nothing to give."""

    def mark(handler: HandlerT) -> HandlerT:
        setattr(handler, _BEFORE_BODY_ATTR, check)
        return handler

    return mark


def requires_auth(scope: str | None = SCOPE_ADMIN, *, query_token: bool = False) -> Callable[[HandlerT], HandlerT]:
    """A project key (X-Project-ID + Bearer) with ``scope`` (None: any live key, or the admin).

    Routes should name their scope; one that does not needs the most powerful one
    (project:admin), so a route added without thought is never opened to a narrower key.
    """
    return _mark(AuthRule(scope=scope, query_token=query_token))


def requires_project_admin(scope: str = SCOPE_ADMIN) -> Callable[[HandlerT], HandlerT]:
    """The project in the path, managed by its own key with ``scope``, or by the admin token."""
    return _mark(AuthRule(scope=scope, project_in_path=True))


def requires_admin() -> Callable[[HandlerT], HandlerT]:
    return _mark(AuthRule(admin_only=True))


def registration(action: str) -> Callable[[HandlerT], HandlerT]:
    """Creating (``create``) or listing (``list``) projects, as ``auth.registration`` allows."""
    return _mark(AuthRule(registration=action))


def auth_rule(request: web.Request) -> AuthRule | None:
    handler = getattr(request.match_info, "handler", None)
    return getattr(handler, _AUTH_ATTR, None)


def current_project(request: web.Request) -> ProjectRecord:
    return request[AUTH_PROJECT]


def current_principal(request: web.Request) -> Principal | None:
    return request.get(AUTH_PRINCIPAL)


def actor(request: web.Request) -> str:
    principal = current_principal(request)
    return principal.actor if principal is not None else ANONYMOUS


def client_address(request: web.Request) -> str:
    if request.app[SETTINGS].server.trust_forwarded_for:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.remote or "unknown"


async def audit(request: web.Request, action: str, *, project_id: str | None = None, target: str | None = None,
                details: dict[str, Any] | None = None) -> None:
    """Record a security-relevant action with the request's actor, id and client address."""
    await request.app[AUDIT].record(
        action, actor=actor(request), project_id=project_id, target=target,
        request_id=request.get(REQUEST_ID), client=client_address(request), details=details,
    )


def _credentials(request: web.Request, rule: AuthRule) -> tuple[str | None, str | None]:
    """(X-Project-ID, bearer token) from headers, or from the query where the route allows."""
    project_id = request.headers.get("X-Project-ID")
    authorization = request.headers.get("Authorization")
    token: str | None = None
    if authorization is not None:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            token = value.strip()
    elif rule.query_token and project_id is None:
        project_id = request.query.get("project_id")
        token = request.query.get("token")
    if token is not None and len(token) > _MAX_TOKEN:
        token = None
    return project_id, token


async def _identify(request: web.Request, rule: AuthRule) -> tuple[Principal, ProjectRecord | None]:
    """The caller, and the project it acts on; ApiError(401) when the credentials do not hold."""
    project_id, token = _credentials(request, rule)
    access = request.app[ACCESS]
    if token is None:
        raise unauthorized()
    if project_id is None:
        if not access.is_admin_token(token):
            raise unauthorized()
        return Principal(None), None
    if not token.startswith(KEY_PREFIX):
        raise unauthorized()
    key = await access.lookup(project_id, token)
    project = await _project(request, project_id) if key is not None else None
    if key is None or project is None:
        raise unauthorized()
    return Principal(key), project


async def _authorize(request: web.Request, rule: AuthRule, principal: Principal, project: ProjectRecord | None) -> ProjectRecord | None:
    """403/404 for a caller who is who they say but may not do this; the project acted on."""
    if rule.admin_only:
        if not principal.is_admin:
            raise ApiError(403, "This endpoint needs the admin token (Authorization: Bearer, no X-Project-ID)")
        return None
    if rule.project_in_path:
        path_project = request.match_info.get("project_id", "")
        if principal.is_admin:
            project = await _project(request, path_project)
            if project is None:
                raise not_found("Project")
            return project
        assert project is not None
        if path_project != project.project_id:
            raise ApiError(403, "This key belongs to another project")
    elif principal.is_admin:
        if rule.scope is not None:
            raise ApiError(403, "The admin token manages projects; use a project key (with X-Project-ID) here")
        return None
    if rule.scope is not None and not principal.can(rule.scope):
        raise ApiError(403, f"This API key lacks the '{rule.scope}' scope this request needs",
                       extra={"missing_scope": rule.scope})
    return project


async def _project(request: web.Request, project_id: str) -> ProjectRecord | None:
    """A dict probe; a shared backend asks its database when this replica has not seen the id."""
    projects = request.app[PROJECTS]
    return projects.get(project_id) or await projects.fetch(project_id)


async def rate_limit(request: web.Request, project: ProjectRecord) -> None:
    """Spend one token of the project's bucket; 429 with Retry-After when empty."""
    state = await request.app[PROJECT_LIMITER].take(project.project_id)
    headers = state.headers()
    request[RATE_HEADERS] = headers
    if not state.allowed:
        request.app[METRICS].rate_limited.labels(scope="project").inc()
        raise too_many_requests("Rate limit exceeded.", state.retry_after)


async def admit(request: web.Request) -> None:
    """For routes with an auth rule: refuse blocked addresses, identify, authorize, limit."""
    rule = auth_rule(request)
    if rule is None:
        return
    if rule.registration is not None:
        await _admit_registration(request, rule.registration)
        return
    address = client_address(request)
    failures = request.app[AUTH_FAILURES]
    blocked = failures.blocked(address)
    if blocked:
        raise too_many_requests("Too many failed authentications from this address.", blocked)
    try:
        principal, project = await _identify(request, rule)
    except ApiError:
        await _count_failure(request, address)
        raise
    request[AUTH_PRINCIPAL] = principal
    project = await _authorize(request, rule, principal, project)
    if project is not None:
        request[AUTH_PROJECT] = project
        if not principal.is_admin:
            await rate_limit(request, project)
    check = getattr(getattr(request.match_info, "handler", None), _BEFORE_BODY_ATTR, None)
    if check is not None:
        check(request)


async def _admit_registration(request: web.Request, action: str) -> None:
    mode = request.app[SETTINGS].auth.registration
    if mode == "open":
        return
    address = client_address(request)
    blocked = request.app[AUTH_FAILURES].blocked(address)
    if blocked:
        raise too_many_requests("Too many failed authentications from this address.", blocked)
    if mode == "closed" and action == "create":
        await _count_failure(request, address)
        await audit(request, "registration.refused", details={"mode": mode})
        raise ApiError(403, "Registration is closed on this server")
    _, token = _credentials(request, AuthRule())
    if token is not None and request.headers.get("X-Project-ID") is None and request.app[ACCESS].is_admin_token(token):
        request[AUTH_PRINCIPAL] = Principal(None)
        return
    await _count_failure(request, address)
    if action == "create":
        await audit(request, "registration.refused", details={"mode": mode})
    raise ApiError(401, "This server's projects are managed by its operator: send Authorization: Bearer <admin token>")


async def _count_failure(request: web.Request, address: str) -> None:
    """Spend one of the address's failure tokens; the first time it runs out, audit it."""
    if request.app[AUTH_FAILURES].fail(address):
        request.app[METRICS].rate_limited.labels(scope="auth_failures").inc()
        await audit(request, "auth.failures_blocked", details={"address": address})

