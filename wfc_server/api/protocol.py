"""JSON envelopes for errors aiohttp answers before any middleware runs.

A malformed request line, oversized headers or garbage on the socket never reach the app's
middlewares: aiohttp's protocol handler answers them itself, in plain text. This runner makes
those answers the same ``{error, detail, request_id}`` envelope as every other error.
"""

from __future__ import annotations

import uuid

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage, HttpProcessingError, LineTooLong
from aiohttp.web_protocol import RequestHandler
from aiohttp.web_request import BaseRequest

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
    def __call__(self) -> RequestHandler:
        return JsonErrorRequestHandler(self, loop=self._loop, **self._kwargs)


class ServiceRunner(web.AppRunner):
    """``web.AppRunner`` whose low-level errors are JSON too."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        # Same object and state; only the handler factory changes (JsonErrorServer adds no slots).
        server.__class__ = JsonErrorServer
        return server
