"""One decorator that documents a route and every error it can answer, so /openapi.json is
complete (schemathesis checks error responses against it too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp_apigami import docs, response_schema

from wfc_server.api.schemas import ErrorSchema

HandlerT = TypeVar("HandlerT", bound=Callable[..., Any])

ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "Malformed request (e.g. a body that is not valid JSON)",
    401: "Missing or invalid credentials",
    403: "Another project's resource, or the key lacks the route's scope (detail names it)",
    404: "No such resource",
    409: "Conflict with the resource's current state",
    413: "Request body exceeds the size limit",
    422: "Validation failed; detail names the field and the problem",
    429: "Rate limit exceeded; see retry_after and Retry-After",
    500: "Unexpected server error (logged; no internals are returned)",
    503: "Starting up, draining, or the review queue is full; see Retry-After",
    507: "The server's disk is full; nothing was stored; see Retry-After",
}


def documented(
    summary: str,
    *,
    tags: list[str],
    errors: tuple[int, ...] = (),
    description: str | None = None,
    authenticated: bool = False,
    admin: bool = False,
) -> Callable[[HandlerT], HandlerT]:
    """``admin``: the admin token is accepted too (``admin`` without ``authenticated``: only it)."""
    codes = sorted({*errors, 500} | ({401, 429, 503} if authenticated or admin else set()))

    def decorate(handler: HandlerT) -> HandlerT:
        for code in codes:
            handler = response_schema(ErrorSchema, code, description=ERROR_DESCRIPTIONS[code])(handler)
        extra: dict[str, Any] = {}
        if authenticated or admin:
            extra["security"] = ([{"ProjectId": [], "ApiKey": []}] if authenticated else []) + (
                [{"AdminToken": []}] if admin else [])
        return docs(tags=tags, summary=summary, description=description or summary, **extra)(handler)

    return decorate
