"""The server runner: JSON envelopes for protocol-level errors, and connection caps.

A malformed request line, oversized headers or garbage on the socket never reach the app's
middlewares: aiohttp's protocol handler answers them itself, in plain text. This runner makes
those answers the same ``{error, detail, request_id}`` envelope as every other error, and puts
every connection past a :class:`~wfc_server.api.connections.ConnectionGuard`.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage, HttpProcessingError, LineTooLong
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

from wfc_server.api.connections import ConnectionGuard
from wfc_server.api.errors import ERROR_TYPES, error_response


class JsonErrorRequestHandler(RequestHandler):
    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        plain = super().handle_error(request, status, exc, message)  # logs; refuses if sent
        status = plain.status
        if isinstance(exc, LineTooLong):
            detail = "Request line or a header is too large"
        elif isinstance(exc, (BadHttpMessage, HttpProcessingError)):
            detail = "Malformed HTTP request"
        else:
            detail = "An unexpected error occurred; it has been logged."
        request_id = str(uuid.uuid4())
        response = error_response(
            status, detail, request_id, error=ERROR_TYPES.get(status, "BadRequest"),
            headers={"X-Request-ID": request_id},
        )
        response.force_close()
        return response


class JsonErrorServer(web.Server):
    guard: ConnectionGuard | None = None

    def __call__(self) -> RequestHandler:
        return JsonErrorRequestHandler(self, loop=self._loop, **self._kwargs)

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        super().connection_made(handler, transport)
        if self.guard is not None:
            self.guard.opened(handler, transport)  # a refused one is answered and closed

    def connection_lost(self, handler: RequestHandler, exc: BaseException | None = None) -> None:
        if self.guard is not None:
            self.guard.closed(handler)
        super().connection_lost(handler, exc)


class ServiceRunner(web.AppRunner):
    """``web.AppRunner`` whose low-level errors are JSON too, with optional connection caps."""

    def __init__(self, app: web.Application, *, guard: ConnectionGuard | None = None, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._guard = guard

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        # Same object and state; only the handler factory changes (JsonErrorServer adds no slots).
        server.__class__ = JsonErrorServer
        server.guard = self._guard  # type: ignore[attr-defined]
        return server
