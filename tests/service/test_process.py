"""The real server process: kill -9 recovery, SIGTERM drain, and what its logs contain."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, ServerProcess

pytestmark = pytest.mark.slow


async def _create(session: aiohttp.ClientSession, server: ServerProcess, project_id: str) -> dict[str, str]:
    async with session.post(f"{server.url}/v1/projects/", json={
        "project_id": project_id, "developer_id": "dev", "repo_path": "/nonexistent"}) as response:
        assert response.status == 201
        key = (await response.json())["api_key"]
    return {"X-Project-ID": project_id, "Authorization": f"Bearer {key}"}


async def _submit_many(session: aiohttp.ClientSession, server: ServerProcess, headers: dict[str, str], n: int) -> list[str]:
    ids = []
    for i in range(n):
        async with session.post(f"{server.url}/v1/reviews/", headers=headers,
                                json={"diff_content": SQLI_DIFF if i % 2 else CLEAN_DIFF}) as response:
            assert response.status == 202
            ids.append((await response.json())["review_id"])
    return ids


async def _wait_all_terminal(session: aiohttp.ClientSession, server: ServerProcess, headers: dict[str, str],
                             ids: list[str], timeout: float = 90) -> dict[str, dict[str, Any]]:
    deadline = asyncio.get_running_loop().time() + timeout
    states: dict[str, dict[str, Any]] = {}
    while asyncio.get_running_loop().time() < deadline:
        for rid in ids:
            async with session.get(f"{server.url}/v1/reviews/{rid}", headers=headers) as response:
                assert response.status == 200, f"review {rid} lost: {response.status}"
                states[rid] = await response.json()
        if all(s["status"] in ("completed", "failed", "cancelled") for s in states.values()):
            return states
        await asyncio.sleep(0.2)
    raise AssertionError({rid: s["status"] for rid, s in states.items()})


async def test_kill9_loses_no_acknowledged_review(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"WFC_RATE_LIMIT_CAPACITY": "1000", "WFC_RATE_LIMIT_REFILL_RATE": "1000"}
    server = ServerProcess(data, env).start()
    try:
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await _create(session, server, "crashy")
            ids = await _submit_many(session, server, headers, 12)
            server.kill9()  # with one worker, most of these are still pending or running
            server.start()
            await server.wait_ready()
            states = await _wait_all_terminal(session, server, headers, ids)
        assert all(s["status"] == "completed" for s in states.values()), states
        assert not list((data / "reviews").rglob("*.tmp"))
    finally:
        server.stop()


async def test_sigterm_drains_closes_websockets_and_exits_zero(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"WFC_RATE_LIMIT_CAPACITY": "1000", "WFC_RATE_LIMIT_REFILL_RATE": "1000",
           "WFC_DRAIN_GRACE_SECONDS": "20"}
    server = ServerProcess(data, env).start()
    try:
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await _create(session, server, "drainy")
            ids = await _submit_many(session, server, headers, 8)
            ws = await session.ws_connect(f"{server.url}/v1/reviews/{ids[-1]}/ws", headers=headers)
            first = await ws.receive_json()
            assert first["type"] == "snapshot"

            async def read_until_closed() -> None:
                async for _ in ws:  # a real client keeps reading, so it sees the close frame
                    pass

            reader = asyncio.create_task(read_until_closed())
            code = await asyncio.to_thread(server.terminate, 60)
            assert code == 0, server.logs()[-3000:]
            await asyncio.wait_for(reader, 10)
            assert ws.close_code == 1001  # the watched review was still queued: going away
            server.start()
            await server.wait_ready()
            states = await _wait_all_terminal(session, server, headers, ids)
        assert all(s["status"] == "completed" for s in states.values())
        lines = server.log_lines()
        assert any(line.get("event") == "server.stopped" for line in lines)
    finally:
        server.stop()


async def test_logs_are_json_with_access_lines_and_never_a_key(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data").start()
    try:
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await _create(session, server, "loggy")
            key = headers["Authorization"].split()[1]
            rid = (await _submit_many(session, server, headers, 1))[0]
            url = f"{server.url}/v1/reviews/{rid}/ws?project_id=loggy&token={key}"
            async with session.ws_connect(url) as ws:
                async for _ in ws:
                    pass
            async with session.get(f"{server.url}/v1/reviews/", headers={**headers, "X-Request-ID": "req-42"}):
                pass
            bad = {"X-Project-ID": "loggy", "Authorization": f"Bearer {key}x"}
            async with session.get(f"{server.url}/v1/reviews/", headers=bad) as response:
                assert response.status == 401
    finally:
        server.terminate()
    text = server.logs()
    assert key not in text and "wfc_sk_" not in text
    # Every line is JSON but the one start-up line for a person (on stderr).
    lines = [json.loads(line) for line in text.splitlines() if not line.startswith("wfc-server ")]
    assert sum(line.startswith("wfc-server ") for line in text.splitlines()) == 1
    access = [line for line in lines if line.get("event") == "http.request"]
    assert access and all(
        {"request_id", "method", "route", "status", "duration_ms", "project_id"} <= line.keys() for line in access
    )
    tagged = [line for line in access if line["request_id"] == "req-42"]
    assert tagged and tagged[0]["project_id"] == "loggy" and tagged[0]["route"] == "/v1/reviews/"
    ws_line = next(line for line in access if line["route"] == "/v1/reviews/{review_id}/ws")
    assert "token=%5BREDACTED%5D" in ws_line["query"] or "token=[REDACTED]" in ws_line["query"]
    lifecycle = {line["event"] for line in lines if line.get("review_id") == rid}
    assert {"review.submitted", "review.started", "review.completed"} <= lifecycle


async def test_protocol_level_errors_are_json_envelopes(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data").start()
    try:
        await server.wait_ready()
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 10)
        writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.") and b" 400 " in head.split(b"\r\n")[0]
        envelope = json.loads(body)
        assert envelope["error"] == "BadRequest" and envelope["request_id"]
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"NOT HTTP AT ALL\r\n\r\n")
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 10)
        writer.close()
        assert json.loads(raw.partition(b"\r\n\r\n")[2])["detail"] == "Malformed HTTP request"
    finally:
        server.stop()
