"""WebSocket subscribers in client processes, and the floor they measure against.

``watch`` (run in a client process) opens one socket per URL, reports how many are ready, then
records for every event ``(its timestamp, each arrival)`` keyed by ``review_id:seq``. Arrival is
read before the frame is parsed; the server stamps ``timestamp`` at publish with millisecond
precision, as the service does.

``python bench/subscribers.py --port P`` is the reference: a bare aiohttp process that accepts
the same sockets (``/ws/{review_id}``, a snapshot first), and on ``POST /broadcast`` sends each
review's events to its sockets, one ``send_str`` per socket, the way the simplest broadcast
would. Measured with the same client processes in the same run, it is the floor: what the
clients, the kernel and aiohttp cost without any of the service's work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from datetime import UTC, datetime
from typing import Any

import aiohttp
from aiohttp import web


def _stamp(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


async def _watch(urls: list[str], headers: dict[str, str], ready: Any) -> dict[str, list[float]]:
    arrivals: dict[str, list[float]] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        sockets = []
        for start in range(0, len(urls), 50):
            sockets += await asyncio.gather(*(session.ws_connect(url, headers=headers, heartbeat=None)
                                              for url in urls[start:start + 50]))
        for ws in sockets:
            await ws.receive_json(timeout=60)  # the snapshot
        ready.put(len(sockets))

        async def consume(ws: aiohttp.ClientWebSocketResponse) -> None:
            async for message in ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                now = time.time()
                event = message.json()
                key = f"{event['review_id']}:{event['seq']}"
                arrivals.setdefault(key, [_stamp(event["timestamp"])]).append(now)

        await asyncio.gather(*(consume(ws) for ws in sockets))
    return arrivals


def watch(urls: list[str], headers: dict[str, str], ready: Any, results: Any) -> None:
    """A client process's body (``multiprocessing`` target); a failure is reported on ``ready``."""
    try:
        results.put(asyncio.run(_watch(urls, headers, ready)))
    except Exception as exc:  # noqa: BLE001 - the bench must say why instead of waiting
        ready.put(f"{type(exc).__name__}: {exc}")


async def gather_arrivals(workers: list[Any], results: Any) -> dict[str, list[float]]:
    """The client processes' arrivals merged: event -> [timestamp, arrival, arrival ...]."""
    merged: dict[str, list[float]] = {}
    for _ in workers:
        part = await asyncio.to_thread(results.get, True, 300)
        for key, times in part.items():
            merged.setdefault(key, [times[0]]).extend(times[1:])
    for worker in workers:
        worker.join(30)
    return merged


def spread(urls: list[str], procs: int) -> list[list[str]]:
    """``urls`` dealt to ``procs`` client processes, each socket of one subscriber together."""
    return [urls[n::procs] for n in range(procs) if urls[n::procs]]


# -- the reference broadcaster ----------------------------------------------------------------

SOCKETS: web.AppKey[dict[str, list[web.WebSocketResponse]]] = web.AppKey("sockets", dict)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


async def _socket(request: web.Request) -> web.WebSocketResponse:
    review_id = request.match_info["review_id"]
    ws = web.WebSocketResponse(max_msg_size=4096)
    await ws.prepare(request)
    await ws.send_str(json.dumps({"seq": 0, "type": "snapshot", "review_id": review_id, "timestamp": _now()}))
    request.app[SOCKETS].setdefault(review_id, []).append(ws)
    async for _ in ws:
        pass
    return ws


async def _broadcast(request: web.Request) -> web.Response:
    """Each review in turn: ``events`` events ``gap_ms`` apart to all its sockets, the last one
    followed at once by the close, then a pause (the service's bench starts a replica between
    reviews)."""
    events = int(request.query.get("events", "18"))
    gap = float(request.query.get("gap_ms", "20")) / 1000
    pause = float(request.query.get("pause_ms", "500")) / 1000
    for review_id, sockets in request.app[SOCKETS].items():
        for seq in range(1, events + 1):
            text = json.dumps({"seq": seq, "type": "stage", "review_id": review_id, "status": "in_progress",
                               "progress": seq, "timestamp": _now(), "data": {"step": seq}})
            for ws in sockets:
                await ws.send_str(text)
            if seq < events:
                await asyncio.sleep(gap)
        await asyncio.gather(*(ws.close() for ws in sockets))  # at once, as the service closes after its last event
        await asyncio.sleep(pause)
    return web.json_response({"reviews": len(request.app[SOCKETS])})


async def _ready(request: web.Request) -> web.Response:
    return web.json_response({"status": "ready"})


def reference_app() -> web.Application:
    app = web.Application()
    app[SOCKETS] = {}
    app.router.add_get("/ws/{review_id}", _socket)
    app.router.add_post("/broadcast", _broadcast)
    app.router.add_get("/health/ready", _ready)
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the bare broadcast reference for bench/replicas.py")
    parser.add_argument("--port", type=int, required=True)
    web.run_app(reference_app(), host="127.0.0.1", port=parser.parse_args().port, print=None)
