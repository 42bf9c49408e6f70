"""Helpers for the operator tests: a real server process and small HTTP conveniences."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from tests.helpers import ServerProcess

ADMIN_TOKEN = "wfc_admin_test-operator-token-0123456789abcdef"

UNTHROTTLED = {
    "WFC_RATE_LIMIT_CAPACITY": "100000",
    "WFC_RATE_LIMIT_REFILL_RATE": "100000",
    "WFC_RATE_LIMIT_CREATE_CAPACITY": "100000",
    "WFC_RATE_LIMIT_CREATE_REFILL_RATE": "100000",
    "WFC_DRAIN_GRACE_SECONDS": "2",
    "WFC_AUTH_ADMIN_TOKEN": ADMIN_TOKEN,
}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@asynccontextmanager
async def server(data_dir: Path, env: Mapping[str, str] | None = None) -> AsyncIterator[ServerProcess]:
    """A ready ``python -m wfc_server`` process, killed on exit."""
    process = ServerProcess(data_dir, {**UNTHROTTLED, **(env or {})}).start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


def key_headers(project_id: str, api_key: str) -> dict[str, str]:
    return {"X-Project-ID": project_id, "Authorization": f"Bearer {api_key}"}


async def call(http: aiohttp.ClientSession, method: str, url: str, *, expect: int | None = None,
               **kwargs: Any) -> tuple[int, Any]:
    """(status, parsed JSON body or None); asserts ``expect`` when given."""
    async with http.request(method, url, **kwargs) as response:
        text = await response.text()
        body = json.loads(text) if text and response.content_type == "application/json" else None
        if expect is not None:
            assert response.status == expect, f"{method} {url}: {response.status} {text}"
        return response.status, body


T = TypeVar("T")


async def until(check: Callable[[], Awaitable[T | None]], timeout: float = 20.0, what: str = "condition") -> T:
    """Poll ``check`` until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await check()
        if value:
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
