"""WebSocket fan-out: 1,000 subscribers on one review.

    .venv/bin/python bench/ws_fanout.py [--subscribers 1000] [--rounds 3] [--client-procs 4]

Per round: a slow "blocker" review holds the only worker while the subscribers connect to a
second, pending review; once all have their snapshot, the blocker is cancelled and the watched
review runs, emitting its started/stage/completed events. For each event: the time from its
``timestamp`` (stamped by the server at publish, millisecond precision) to its arrival at the
*last* subscriber; p50/p99 across events. Subscribers live in several client processes so the
client side is not the bottleneck. Memory per idle connection: the server's RSS with all
subscribers connected minus before, divided by the subscribers.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    SAMPLE_DIFF,
    Server,
    create_project,
    percentile,
    rss_mb,
    save_results,
    submit,
    table,
    wait_terminal,
)
from tests.helpers import slow_diff


def _stamp(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


async def _subscribers(url: str, headers: dict[str, str], count: int, ready: Any) -> dict[int, list[float]]:
    """Connect ``count`` subscribers, report ready, then collect (event time, arrival) per seq."""
    arrivals: dict[int, list[float]] = {}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        sockets = []
        for start in range(0, count, 50):
            sockets += await asyncio.gather(*(session.ws_connect(url, headers=headers, heartbeat=None)
                                              for _ in range(start, min(start + 50, count))))
        for ws in sockets:
            await ws.receive_json(timeout=60)  # the snapshot
        ready.put(count)

        async def consume(ws: aiohttp.ClientWebSocketResponse) -> None:
            async for message in ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                now = time.time()
                event = message.json()
                arrivals.setdefault(event["seq"], [_stamp(event["timestamp"])]).append(now)

        await asyncio.gather(*(consume(ws) for ws in sockets))
    return arrivals


async def collect(workers: list[Any], results: Any) -> dict[int, list[float]]:
    """The client processes' arrivals merged: seq -> [event time, arrival, arrival ...]."""
    merged: dict[int, list[float]] = {}
    for _ in workers:
        part = await asyncio.to_thread(results.get, True, 120)
        for seq, times in part.items():
            merged.setdefault(seq, [times[0]]).extend(times[1:])
    for worker in workers:
        worker.join(30)
    return merged


def _client_process(url: str, headers: dict[str, str], count: int, ready: Any, results: Any) -> None:
    results.put(asyncio.run(_subscribers(url, headers, count, ready)))


async def _round(server: Server, headers: dict[str, str], subscribers: int, procs: int,
                 ctx: Any) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        blocker = await submit(session, server.url, headers, slow_diff(300))
        watched = await submit(session, server.url, headers, SAMPLE_DIFF)
        rss_before = rss_mb(server.pid)
        ready, results = ctx.Queue(), ctx.Queue()
        url = f"{server.url}/v1/reviews/{watched}/ws"
        share = [subscribers // procs + (1 if i < subscribers % procs else 0) for i in range(procs)]
        workers = [ctx.Process(target=_client_process, args=(url, headers, n, ready, results)) for n in share if n]
        connect_started = time.perf_counter()
        for worker in workers:
            worker.start()
        connected = 0
        while connected < subscribers:
            connected += await asyncio.to_thread(ready.get, True, 300)
        connect_seconds = time.perf_counter() - connect_started
        await asyncio.sleep(1.0)
        rss_connected = rss_mb(server.pid)
        async with session.delete(f"{server.url}/v1/reviews/{blocker}", headers=headers) as response:
            if response.status != 200:
                raise RuntimeError(f"blocker not cancellable ({response.status}): raise its size")
        await wait_terminal(session, server.url, headers, watched)
        merged = await collect(workers, results)
    latencies = {seq: (max(times[1:]) - times[0]) * 1000 for seq, times in merged.items()}
    delivered = {seq: len(times) - 1 for seq, times in merged.items()}
    return {"latency_ms_by_seq": latencies, "delivered_by_seq": delivered, "rss_before_mb": rss_before,
            "rss_connected_mb": rss_connected, "connect_seconds": connect_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--client-procs", type=int, default=4)
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    env = {"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1", "WFC_DRAIN_GRACE_SECONDS": "1",
           "WFC_WEBSOCKET_HEARTBEAT_SECONDS": "300", "WFC_MAX_BODY_BYTES": str(8 << 20)}
    rounds: list[dict[str, Any]] = []

    async def run_all(server: Server) -> None:
        async with aiohttp.ClientSession() as session:
            headers = await create_project(session, server.url, "fanout")
        for _ in range(args.rounds):
            rounds.append(await _round(server, headers, args.subscribers, args.client_procs, ctx))

    with tempfile.TemporaryDirectory(prefix="wfc-bench-ws-") as tmp, Server.service(Path(tmp) / "data", env) as server:
        asyncio.run(server.wait_ready())
        asyncio.run(run_all(server))
    latencies = [ms for r in rounds for ms in r["latency_ms_by_seq"].values()]
    delivered = [n for r in rounds for n in r["delivered_by_seq"].values()]
    per_conn_kib = [(r["rss_connected_mb"] - r["rss_before_mb"]) * 1024 / args.subscribers for r in rounds]
    figures = {
        "subscribers": args.subscribers,
        "rounds": args.rounds,
        "events": len(latencies),
        "last_delivery_p50_ms": round(percentile(latencies, 50), 2),
        "last_delivery_p99_ms": round(percentile(latencies, 99), 2),
        "last_delivery_max_ms": round(max(latencies, default=0), 2),
        "min_subscribers_reached": min(delivered, default=0),
        "rss_per_idle_connection_kib": [round(k, 1) for k in per_conn_kib],
        "connect_seconds": [round(r["connect_seconds"], 2) for r in rounds],
        "rounds_detail": [{k: v for k, v in r.items()} for r in rounds],
    }
    # Later rounds reuse memory the first round's connections left in the allocator, so the
    # first round (a fresh process) is the honest per-connection cost.
    print(table(["subscribers", "events", "p50 ms to last", "p99 ms to last", "max ms", "min reached",
                 "RSS KiB/idle conn (1st round)", "connect s"],
                [(args.subscribers, len(latencies), figures["last_delivery_p50_ms"], figures["last_delivery_p99_ms"],
                  figures["last_delivery_max_ms"], figures["min_subscribers_reached"],
                  round(per_conn_kib[0], 1), round(rounds[0]["connect_seconds"], 2))]))
    print(f"saved {save_results('ws_fanout', figures)}")


if __name__ == "__main__":
    main()
