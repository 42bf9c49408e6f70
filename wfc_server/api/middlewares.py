"""Cross-cutting request handling, in two middlewares (each layer costs every request, so
related steps share one). ``create_app`` installs them in this order (outermost first):

1. :func:`context_middleware`: request id; then every exception turned into the JSON envelope
   (no tracebacks out); then the access log line, HTTP metrics and the headers every response
   carries (X-Request-ID, rate-limit headers). Outermost, so it sees the final status of
   everything, errors included.
2. :func:`admission_middleware`, in order: readiness (/v1 answers 503 until recovery has
   finished); body limit (413 on a declared Content-Length over the limit before any read; the
   app's ``client_max_size`` enforces the bytes actually read, chunked too); authentication and
   the project's token bucket (api/auth.py), before the body is parsed; then validation of the
   body and query with the route's marshmallow schemas (aiohttp-apigami).
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

from aiohttp import web
from aiohttp_apigami import validation_middleware

from wfc_server.api.auth import admit
from wfc_server.api.bodies import OFFLOAD_ABOVE, offloaded_schema
from wfc_server.api.errors import ApiError, error_response
from wfc_server.logs import get_logger
from wfc_server.store.protocols import StoreUnavailable
from wfc_server.state import (
    AUTH_PROJECT,
    BODY_VALIDATOR,
    LIFECYCLE,
    METRICS,
    RATE_HEADERS,
    REQUEST_ID,
    SETTINGS,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

access_log = get_logger("wfc.access")
error_log = get_logger("wfc.errors")

#: Status recorded (logs, metrics) for a request whose client disconnected first (nginx's 499).
CLIENT_CLOSED_REQUEST = 499

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
_SECRET_PARAMS = frozenset({"token", "api_key", "key", "access_token"})


def new_request_id() -> str:
    """A random UUID4-shaped id (``str(uuid.uuid4())`` costs three times as much per request)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def redacted_query(request: web.Request) -> str:
    """The query string with credentials replaced, for logs."""
    if not request.query_string:
        return ""
    pairs = parse_qsl(request.query_string, keep_blank_values=True)
    return urlencode([(k, "[REDACTED]" if k.lower() in _SECRET_PARAMS else v) for k, v in pairs])


def route_name(request: web.Request) -> str:
    """The route template (bounded cardinality), never the raw path."""
    info = request.match_info.route.resource
    if info is None:
        return "unmatched"
    return info.canonical


@web.middleware
async def context_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    supplied = request.headers.get("X-Request-ID", "")
    request_id = supplied if supplied and _REQUEST_ID.match(supplied) else new_request_id()
    request[REQUEST_ID] = request_id
    started = time.perf_counter()
    response = await _enveloped(request, handler, request_id)
    if not response.prepared:
        response.headers["X-Request-ID"] = request_id
        rate_headers = request.get(RATE_HEADERS)
        if rate_headers:
            response.headers.update(rate_headers)
    elapsed = time.perf_counter() - started
    route = route_name(request)
    request.app[METRICS].observe_http(request.method, route, response.status, elapsed)
    project = request.get(AUTH_PROJECT)
    access_log.info(
        "http.request",
        request_id=request_id,
        method=request.method,
        path=request.path,
        query=redacted_query(request),
        route=route,
        status=response.status,
        duration_ms=round(elapsed * 1000, 2),
        project_id=project.project_id if project else None,
        remote=request.remote,
    )
    return response


async def _enveloped(request: web.Request, handler: Handler, request_id: str) -> web.StreamResponse:
    """The handler's response, or the JSON error envelope for whatever it raised."""
    try:
        return await handler(request)
    except ConnectionResetError:
        # The client went away (mid-body, typically): its problem, not a server error.
        access_log.info("http.client_disconnected", request_id=request_id, method=request.method,
                        route=route_name(request))
        return web.Response(status=CLIENT_CLOSED_REQUEST, reason="Client Closed Request")
    except ApiError as exc:
        return error_response(exc.status, exc.detail, request_id, error=exc.error,
                              headers=exc.headers, extra=exc.extra)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise  # redirects are responses, not errors
        return _from_http_exception(exc, request_id)
    except StoreUnavailable as exc:
        # The database (a shared backend) cannot be reached: retry later, never a 500.
        return error_response(503, f"Service temporarily unavailable: {exc.reason}", request_id,
                              headers={"Retry-After": str(exc.retry_after)})
    except RecursionError:
        # json.loads on '[[[[...' recurses past the interpreter's limit: the client's fault.
        return error_response(400, "Malformed request: the JSON body is nested too deeply", request_id)
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            error_log.exception("http.unhandled_error", request_id=request_id, method=request.method,
                                route=route_name(request))
            return error_response(500, "An unexpected error occurred; it has been logged.", request_id)
        error_log.error("store.out_of_space", request_id=request_id, route=route_name(request))
        return error_response(507, "The server is out of storage space; nothing was stored. Retry later.",
                              request_id, headers={"Retry-After": "30"})
    except Exception:
        error_log.exception("http.unhandled_error", request_id=request_id, method=request.method,
                            route=route_name(request))
        return error_response(500, "An unexpected error occurred; it has been logged.", request_id)


def _from_http_exception(exc: web.HTTPException, request_id: str | None) -> web.Response:
    status = exc.status
    headers = {}
    if status == 405:
        allow = exc.headers.get("Allow", "")
        headers["Allow"] = allow
        detail = f"Method not allowed; this resource accepts: {allow or 'nothing'}"
    elif status == 404:
        detail = "No such endpoint; see /openapi.json for the API"
    elif status == 413:
        detail = "Request body exceeds the size limit"
    elif status == 400:
        detail = "Malformed request: the body is not valid JSON" if "JSON" in (exc.text or "") else (
            "Malformed request")
    else:
        detail = exc.reason
    return error_response(status, detail, request_id, headers=headers)


async def _read_body(request: web.Request) -> bytes:
    """The whole body (cached for the validators), within ``server.body_timeout_seconds``: a
    client sending a few bytes a minute would otherwise hold its connection and buffers."""
    timeout = request.app[SETTINGS].server.body_timeout_seconds
    try:
        async with asyncio.timeout(timeout):
            return await request.read()
    except TimeoutError:
        raise ApiError(408, f"The request body did not arrive within {timeout:g} seconds",
                       headers={"Connection": "close"}) from None


@web.middleware
async def admission_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Readiness, then the body limit, then credentials and the rate limit: cheap refusals first."""
    if request.path.startswith("/v1/") and not request.app[LIFECYCLE].ready:
        raise ApiError(503, "Service is starting or shutting down; retry shortly",
                       headers={"Retry-After": "1"})
    declared = request.content_length
    if declared is not None:
        limit = request.app[SETTINGS].server.max_body_bytes
        if declared > limit:
            raise ApiError(413, f"Request body of {declared} bytes exceeds the {limit}-byte limit")
    await admit(request)
    if request.body_exists:
        body = await _read_body(request)
        schema = offloaded_schema(request.match_info.handler)
        if schema is not None and len(body) >= OFFLOAD_ABOVE:
            request["data"] = await request.app[BODY_VALIDATOR].load(schema, body)
            return await handler(request)
    # Last, the body and query: aiohttp-apigami's validation with the route's schemas. Routes
    # whose only schema is the path skip it: they check the id themselves (404 when malformed),
    # and webargs would cost every status poll a tenth of its time.
    schemas = getattr(request.match_info.handler, "__schemas__", None)
    if schemas and any(schema.location != "match_info" for schema in schemas):
        return await validation_middleware(request, handler)
    return await handler(request)
