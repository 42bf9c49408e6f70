"""One decorator that documents a route and every error it can answer, so /openapi.json is
complete (schemathesis checks error responses against it too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp_apigami import docs, response_schema

from wfc_server.api.errors import ERROR_TYPES
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


#: One realistic ``detail`` per status for the documented examples (each with its own type).
EXAMPLE_DETAILS: dict[int, str] = {
    400: "Request body is not valid JSON",
    401: "Missing or invalid credentials: send X-Project-ID and Authorization: Bearer <api_key>",
    403: "This review belongs to another project",
    404: "Review not found",
    409: "Review is already completed; only pending or in_progress reviews can be cancelled",
    413: "Request body exceeds the 1048576-byte limit",
    422: "diff_content: Missing data for required field.",
    429: "Rate limit exceeded for this project. Retry after 1 seconds.",
    500: "Internal server error",
    503: "The review queue is full; retry later",
    507: "The server's disk is full; nothing was stored",
}
_EXAMPLE_REQUEST_ID = "5f0c8a8e-3b1d-4c52-9a57-0d6b2f1e9c3a"


def documented(
    summary: str,
    *,
    tags: list[str],
    errors: tuple[int, ...] = (),
    description: str | None = None,
    authenticated: bool = False,
    admin: bool = False,
    text_body: str | None = None,
) -> Callable[[HandlerT], HandlerT]:
    """``admin``: the admin token is accepted too (``admin`` without ``authenticated``: only it).

    ``text_body``: the 200 response is not JSON but this media type (e.g. text/x-diff).
    """
    codes = sorted({*errors, 500} | ({401, 429, 503} if authenticated or admin else set()))

    def decorate(handler: HandlerT) -> HandlerT:
        for code in codes:
            handler = response_schema(ErrorSchema, code, description=ERROR_DESCRIPTIONS[code])(handler)
        extra: dict[str, Any] = {}
        if authenticated or admin:
            extra["security"] = ([{"ProjectId": [], "ApiKey": []}] if authenticated else []) + (
                [{"AdminToken": []}] if admin else [])
        if text_body:
            extra["responses"] = {
                200: {"description": summary, "content": {text_body: {"schema": {"type": "string"}}}}
            }
        return docs(tags=tags, summary=summary, description=description or summary, **extra)(handler)

    return decorate


def error_example(code: int) -> dict[str, Any]:
    """The envelope a client really gets for ``code`` (the type matches the status)."""
    example: dict[str, Any] = {
        "error": ERROR_TYPES[code],
        "detail": EXAMPLE_DETAILS[code],
        "request_id": _EXAMPLE_REQUEST_ID,
    }
    if code == 429:
        example["retry_after"] = 1
    return example


def finish_spec(spec: dict[str, Any]) -> None:
    """Final touches on the generated OpenAPI document, in place.

    aiohttp adds a HEAD route beside every GET; those work but documenting each twice only
    doubles the page. Error responses share one schema whose example would say
    ``ValidationError`` for every status; each gets its own example instead.
    """
    for operations in spec.get("paths", {}).values():
        operations.pop("head", None)
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for code, response in operation.get("responses", {}).items():
                media = response.get("content", {}).get("application/json")
                if str(code).isdigit() and int(code) in ERROR_TYPES and int(code) >= 400 and media:
                    media["example"] = error_example(int(code))
