"""The error envelope: every error is ``{error, detail, request_id}`` with the contract's types."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from aiohttp import web

ERROR_TYPES: dict[int, str] = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    408: "RequestTimeout",
    409: "Conflict",
    411: "LengthRequired",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    422: "ValidationError",
    429: "TooManyRequests",
    431: "RequestHeaderFieldsTooLarge",
    500: "InternalServerError",
    503: "ServiceUnavailable",
    507: "InsufficientStorage",
}


class ApiError(Exception):
    """Raised anywhere below the error middleware; rendered as the JSON envelope."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.error = ERROR_TYPES.get(status, "Error")
        self.detail = detail
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


def unauthorized() -> ApiError:
    # One answer for missing, malformed, wrong and mismatched credentials: nothing to probe.
    return ApiError(401, "Missing or invalid credentials: send X-Project-ID and Authorization: Bearer <api_key>")


def too_many_requests(detail: str, retry_after: int) -> ApiError:
    """429 with ``retry_after`` in the body and a ``Retry-After`` header, as the contract says."""
    return ApiError(
        429,
        f"{detail} Retry after {retry_after} seconds.",
        headers={"Retry-After": str(retry_after)},
        extra={"retry_after": retry_after},
    )


def not_found(what: str = "Resource") -> ApiError:
    return ApiError(404, f"{what} not found")


def error_response(
    status: int,
    detail: str,
    request_id: str | None,
    *,
    error: str | None = None,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> web.Response:
    body: dict[str, Any] = {
        "error": error or ERROR_TYPES.get(status, "Error"),
        "detail": detail,
        "request_id": request_id,
    }
    body.update(extra or {})
    return web.Response(
        status=status,
        body=orjson.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def flatten_messages(messages: Any, prefix: str = "") -> list[str]:
    """marshmallow's nested error dict as ``field: message`` strings."""
    if isinstance(messages, Mapping):
        out: list[str] = []
        for key, value in messages.items():
            name = "body" if key == "_schema" else (f"{prefix}.{key}" if prefix else str(key))
            out.extend(flatten_messages(value, name))
        return out
    if isinstance(messages, (list, tuple)):
        if all(isinstance(m, str) for m in messages):
            return [f"{prefix}: {m}" if prefix else m for m in messages]
        out = []
        for item in messages:
            out.extend(flatten_messages(item, prefix))
        return out
    return [f"{prefix}: {messages}" if prefix else str(messages)]
