"""Connection hygiene through the real runner on a real socket: idle and half-sent connections
time out, the per-address cap closes the oldest idle connection or answers 503, and a client that
disconnects mid-body is logged as such (499), never as a server error."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web
from structlog.testing import capture_logs

from tests.helpers import free_port
from wfc_server.api.connections import ConnectionGuard
from wfc_server.api.protocol import ServiceRunner
from wfc_server.app import create_app

KEEPALIVE = 1.0
PER_ADDRESS = 2


@pytest.fixture
async def served(make_settings: Callable[..., Any]) -> AsyncIterator[int]:
    """The app behind the production runner: keep-alive timeout and a small per-address cap."""
    app = create_app(make_settings(server={"keepalive_timeout_seconds": KEEPALIVE}))
    runner = ServiceRunner(app, guard=ConnectionGuard(100, PER_ADDRESS), access_log=None,
                           keepalive_timeout=KEEPALIVE)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await _wait_ready(f"http://127.0.0.1:{port}")
        yield port
    finally:
        await runner.cleanup()


async def _wait_ready(url: str) -> None:
    deadline = time.monotonic() + 60
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as session:
        while time.monotonic() < deadline:
            async with session.get(f"{url}/health/ready") as response:
                if response.status == 200:
                    return
            await asyncio.sleep(0.05)
    raise AssertionError("service did not become ready")


def _connect(port: int, send: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if send:
        sock.sendall(send)
    time.sleep(0.2)  # the server has accepted it (and read what was sent) before the next one
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bytes:
    """What the server sent before closing the socket (raises if it stays open longer)."""
    sock.settimeout(seconds)
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


LIVE = b"GET /health/live HTTP/1.1\r\nHost: t\r\n\r\n"
HALF_HEADERS = b"GET /health/live HTTP/1.1\r\nHost: t\r\n"
SLOW_BODY = (b"POST /v1/projects/ HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             b"Content-Length: 1000\r\n\r\n{\"project_id\": ")


async def test_idle_silent_and_half_sent_connections_close_after_the_keepalive_timeout(served: int) -> None:
    def scenario() -> list[float]:
        socks = [_connect(served), _connect(served, HALF_HEADERS), _connect(served, LIVE)]
        started = time.monotonic()
        assert b"200 OK" in socks[2].recv(65536)  # answered, then kept alive (idle)
        waited = []
        for sock in socks:
            with sock:
                _closed_within(sock, KEEPALIVE * 5)
                waited.append(time.monotonic() - started)
        return waited

    waited = await asyncio.to_thread(scenario)
    assert all(seconds < KEEPALIVE * 4 for seconds in waited), waited


async def test_past_the_per_address_cap_the_oldest_idle_connection_is_closed(served: int) -> None:
    def scenario() -> tuple[bytes, bytes]:
        idle = _connect(served)
        busy = _connect(served, SLOW_BODY)  # a request in flight: never evicted
        with idle, busy, _connect(served, LIVE) as newcomer:
            evicted = _closed_within(idle, 5)
            answer = newcomer.recv(65536)
        return evicted, answer

    evicted, answer = await asyncio.to_thread(scenario)
    assert evicted == b"" and answer.startswith(b"HTTP/1.1 200")


async def test_past_the_per_address_cap_with_every_connection_busy_the_new_one_gets_503(served: int) -> None:
    def scenario() -> bytes:
        with _connect(served, SLOW_BODY), _connect(served, SLOW_BODY), _connect(served) as refused:
            return _closed_within(refused, 5)

    with capture_logs() as logs:
        answer = await asyncio.to_thread(scenario)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503") and b"Retry-After: 1" in head
    assert orjson.loads(body)["error"] == "ServiceUnavailable"
    reached = [line for line in logs if line["event"] == "connections.limit_reached"]
    assert len(reached) == 1 and reached[0]["cap"] == "per_address" and reached[0]["action"] == "refused"


async def test_a_client_that_disconnects_mid_body_is_logged_as_such_not_as_a_server_error(served: int) -> None:
    def scenario() -> None:
        sock = _connect(served, SLOW_BODY)
        sock.close()

    with capture_logs() as logs:
        await asyncio.to_thread(scenario)
        for _ in range(50):
            if any(line["event"] == "http.request" for line in logs):
                break
            await asyncio.sleep(0.05)
    events = [(line["event"], line.get("status")) for line in logs]
    assert ("http.client_disconnected", None) in events and ("http.request", 499) in events, events
    assert not [line for line in logs if line.get("log_level") == "error"], logs
