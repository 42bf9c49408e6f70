"""The WebSocket stream: auth before upgrade, event order, resume, late subscribers."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from tests.helpers import SQLI_DIFF, Credentials, submit, wait_terminal
from wfc_server.api.ws import text_frame


async def _collect(ws: aiohttp.ClientWebSocketResponse) -> list[dict[str, Any]]:
    events = []
    async for message in ws:
        if message.type == aiohttp.WSMsgType.TEXT:
            events.append(json.loads(message.data))
    return events


async def test_stream_from_snapshot_to_completed(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project, SQLI_DIFF))["review_id"]
    async with client.ws_connect(f"/v1/reviews/{rid}/ws", headers=project.headers) as ws:
        events = await _collect(ws)
        assert ws.close_code == 1000
    assert events[0]["type"] == "snapshot"
    assert events[0]["data"]["review_id"] == rid
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs)), seqs  # strictly increasing
    kinds = [e["type"] for e in events]
    assert kinds[-1] == "completed"
    for event in events:
        assert set(event) == {"seq", "type", "review_id", "status", "progress", "timestamp", "data"}
        assert 0 <= event["progress"] <= 100
    if "started" in kinds:  # the snapshot may already be past the start
        stages = [e for e in events if e["type"] == "stage"]
        finished = {e["data"]["reviewer"] for e in stages if e["data"]["state"] == "finished" and e["data"]["reviewer"]}
        assert finished == {"security", "correctness", "performance", "maintainability", "reliability"}
    final = events[-1]
    assert final["progress"] == 100 and final["status"] == "completed"
    assert isinstance(final["data"]["findings"], list) and final["data"]["passed"] is False


async def test_resume_after_seq_and_late_subscriber(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project))["review_id"]
    await wait_terminal(client, project, rid)
    async with client.ws_connect(f"/v1/reviews/{rid}/ws", headers=project.headers) as ws:
        late = await _collect(ws)
    assert [e["type"] for e in late] == ["snapshot"]
    assert late[0]["data"]["status"] == "completed" and ws.close_code == 1000
    last = late[0]["seq"]
    async with client.ws_connect(f"/v1/reviews/{rid}/ws?after=1", headers=project.headers) as ws:
        resumed = await _collect(ws)
    assert resumed[0]["type"] == "snapshot" and resumed[0]["seq"] == 1
    assert [e["seq"] for e in resumed[1:]] == list(range(2, last + 1))
    assert resumed[-1]["type"] == "completed"


async def test_query_string_auth_for_browsers(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project))["review_id"]
    url = f"/v1/reviews/{rid}/ws?project_id={project.project_id}&token={project.api_key}"
    async with client.ws_connect(url) as ws:
        events = await _collect(ws)
    assert events[0]["type"] == "snapshot" and events[-1]["type"] in ("completed", "snapshot")


@pytest.mark.parametrize("how", ["none", "wrong", "foreign"])
async def test_refused_before_upgrade(client: TestClient, project: Credentials, other_project: Credentials, how: str) -> None:
    rid = (await submit(client, project))["review_id"]
    headers = {"none": {}, "wrong": {"X-Project-ID": "alpha", "Authorization": "Bearer wfc_sk_nope"},
               "foreign": other_project.headers}[how]
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect(f"/v1/reviews/{rid}/ws", headers=headers)
    assert refused.value.status == (403 if how == "foreign" else 401)


async def test_plain_get_on_ws_route_is_400(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project))["review_id"]
    response = await client.get(f"/v1/reviews/{rid}/ws", headers=project.headers)
    assert response.status == 400 and (await response.json())["error"] == "BadRequest"


async def test_closed_sockets_are_released_at_once(client: TestClient, project: Credentials) -> None:
    """Connection churn must not pile up closed sockets (aiohttp re-arms heartbeat timers)."""
    import gc

    from aiohttp import web

    rid = (await submit(client, project))["review_id"]
    await wait_terminal(client, project, rid)
    for _ in range(30):
        async with client.ws_connect(f"/v1/reviews/{rid}/ws", headers=project.headers) as ws:
            await _collect(ws)
    await asyncio.sleep(0.05)
    gc.collect()
    alive = [o for o in gc.get_objects() if isinstance(o, web.WebSocketResponse)]
    assert len(alive) <= 2, f"{len(alive)} closed server sockets still referenced"


async def test_frames_written_directly_reach_a_client_whole_at_every_length_encoding(aiohttp_client: Any) -> None:
    sizes = (0, 125, 126, 65535, 65536, 200_000)  # 7-bit, 16-bit and 64-bit payload lengths

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        assert request.transport is not None
        for size in sizes:
            request.transport.write(text_frame("\u00e9" * (size // 2) + "x" * (size % 2)))
        await ws.close()
        return ws

    app = web.Application()
    app.router.add_get("/ws", handler)
    client = await aiohttp_client(app)
    async with client.ws_connect("/ws", max_msg_size=0) as ws:
        texts = [message.data async for message in ws if message.type == aiohttp.WSMsgType.TEXT]
    assert [len(text.encode()) for text in texts] == list(sizes)
