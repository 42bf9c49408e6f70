"""JSON responses via orjson: the encoder is a measurable share of every request's cost."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from aiohttp import web


def dumps(data: Any) -> bytes:
    return orjson.dumps(data)


def json_response(data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    return raw_json_response(orjson.dumps(data), status=status, headers=headers)


def raw_json_response(body: bytes, *, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    """A response from already-encoded JSON (cached bodies of finished reviews)."""
    return web.Response(body=body, status=status, headers=headers, content_type="application/json")
