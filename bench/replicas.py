"""The postgres backend against itself and against the embedded default, as ratios in one run.

    .venv/bin/python bench/replicas.py [--reviews 24] [--files 12] [--subscribers 100] [--rounds 6] [--repeat 2]

Starts a throw-away PostgreSQL (Debian's ``postgresql`` binaries, as the tests do), then:

1. Review throughput: ``--reviews`` reviews of a ``--files``-file diff submitted at once to one
   replica, time until all are terminal; then the same on a fresh database with two replicas.
   Each replica has ``review.workers = 1`` and ``engine.process_pool_size = 1``: one core each.
2. Status poll (``GET /v1/reviews/{id}``, authenticated, completed review) on a postgres replica
   vs an embedded server, the two loads alternated; best run of each.
3. Cross-replica events, ``--rounds`` times: ``--subscribers`` WebSockets on replica A watch a
   review, then replica B is started to run it (A's one worker is held by a slow review
   meanwhile), so p99 rests on ~18 x ``--rounds`` events; for each event, the time from its
   ``timestamp`` (stamped by B at publish) to its arrival at the *last* subscriber; p50/p99 (and
   at the first subscriber: commit, notification and wake-up without the fan-out). Then the
   floor, in the same run: the same client processes and sockets on a bare aiohttp process
   broadcasting as many events (``bench/subscribers.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (  # noqa: E402
    Server,
    best_of_interleaved,
    create_project,
    percentile,
    save_results,
    submit,
    table,
    wait_terminal,
)
from bench.subscribers import gather_arrivals, spread, watch  # noqa: E402
from tests.helpers import free_port, slow_diff  # noqa: E402
from tests.support.postgres import start_server  # noqa: E402

ONE_CORE = {"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1", "WFC_DRAIN_GRACE_SECONDS": "1",
            "WFC_WEBSOCKET_HEARTBEAT_SECONDS": "300", "WFC_MAX_BODY_BYTES": str(8 << 20),
            "WFC_MAX_CONNECTIONS_PER_ADDRESS": "10000",  # every subscriber connects from 127.0.0.1
            "WFC_AUTH_ADMIN_TOKEN": "wfc_admin_bench-replicas-token-0123456789"}


def fresh_dsn(admin_dsn: str) -> str:
    """A new schema on the bench's server: every scenario starts from an empty deployment."""
    schema = f"b_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{admin_dsn} options='-c search_path={schema}'"


def replica(tmp: Path, dsn: str, name: str) -> Server:
    return Server.service(tmp / name, {**ONE_CORE, "WFC_STORE_BACKEND": "postgres", "WFC_STORE_DSN": dsn,
                                       "WFC_STORE_LEASE_SECONDS": "10"})


async def throughput(servers: list[Server], reviews: int, diff: str) -> float:
    """Reviews per second, all submitted to the first replica (any replica's worker claims them)."""
    base = servers[0].url
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, base, f"tp-{uuid.uuid4().hex[:8]}")
        started = time.perf_counter()
        ids = [await submit(session, base, headers, diff) for _ in range(reviews)]
        for review_id in ids:
            body = await wait_terminal(session, base, headers, review_id)
            if body.get("status") != "completed":
                raise RuntimeError(f"review {review_id} ended {body.get('status')}: {body.get('error')}")
        return reviews / (time.perf_counter() - started)


def run_throughput(admin_dsn: str, tmp: Path, count: int, reviews: int, diff: str) -> float:
    dsn = fresh_dsn(admin_dsn)
    servers = [replica(tmp, dsn, f"tp-{count}-{i}-{uuid.uuid4().hex[:6]}") for i in range(count)]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready_sync()
        asyncio.run(throughput(servers, 2, diff))  # warm: engine pools started, code paths hot
        return asyncio.run(throughput(servers, reviews, diff))
    finally:
        for server in servers:
            server.stop()


async def prepare_poll(base: str) -> tuple[dict[str, str], str]:
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, base, "poll")
        review_id = await submit(session, base, headers)
        await wait_terminal(session, base, headers, review_id)
    return headers, review_id


def _latencies(merged: dict[str, list[float]]) -> dict[str, Any]:
    """Per event: its timestamp to the last (and the first) subscriber's arrival, in ms."""
    lasts = [(max(times[1:]) - times[0]) * 1000 for times in merged.values()]
    firsts = [(min(times[1:]) - times[0]) * 1000 for times in merged.values()]
    return {"events": len(lasts), "p50_ms": round(percentile(lasts, 50), 2), "p99_ms": round(percentile(lasts, 99), 2),
            "max_ms": round(max(lasts, default=0), 2), "first_p50_ms": round(percentile(firsts, 50), 2),
            "first_p99_ms": round(percentile(firsts, 99), 2),
            "min_subscribers_reached": min((len(t) - 1 for t in merged.values()), default=0),
            "by_event_ms": {key: [round((min(t[1:]) - t[0]) * 1000, 1), round((max(t[1:]) - t[0]) * 1000, 1)]
                            for key, t in sorted(merged.items(), key=lambda item: item[1][0])}}


async def _subscribe(urls: list[str], headers: dict[str, str], procs: int, ctx: Any) -> tuple[list[Any], Any]:
    """Client processes holding one socket per URL; returns once every socket has its snapshot."""
    ready, results = ctx.Queue(), ctx.Queue()
    workers = [ctx.Process(target=watch, args=(part, headers, ready, results)) for part in spread(urls, procs)]
    for worker in workers:
        worker.start()
    connected = 0
    while connected < len(urls):
        count = await asyncio.to_thread(ready.get, True, 300)
        if isinstance(count, str):
            raise RuntimeError(f"a client process failed: {count}")
        connected += count
    return workers, results


async def cross_replica_events(a: Server, b_factory: Any, subscribers: int, rounds: int, procs: int,
                               ctx: Any) -> dict[str, Any]:
    """Per round: a review submitted to A, ``subscribers`` sockets on A watching it, then B
    started to run it (A's one worker is held by a slow review meanwhile) and stopped after."""
    merged: dict[str, list[float]] = {}
    statuses = set()
    blockers: list[str] = []
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, a.url, "events")
        base = a.url.replace("http", "ws", 1)
        for _ in range(rounds):
            await _hold_worker(session, a.url, headers, blockers)
            watched = await submit(session, a.url, headers)
            workers, results = await _subscribe([f"{base}/v1/reviews/{watched}/ws"] * subscribers, headers,
                                                procs, ctx)
            b = b_factory()
            b.start()
            try:
                await b.wait_ready()
                statuses.add((await wait_terminal(session, a.url, headers, watched)).get("status"))
                merged.update(await gather_arrivals(workers, results))
            finally:
                b.stop()
        async with session.delete(f"{a.url}/v1/reviews/{blockers[-1]}", headers=headers):
            pass
    return {"statuses": sorted(statuses), **_latencies(merged)}


async def _hold_worker(session: aiohttp.ClientSession, base: str, headers: dict[str, str], blockers: list[str]) -> None:
    """A slow review running on A (its only worker), so what is submitted next waits for B."""
    if blockers:
        async with session.get(f"{base}/v1/reviews/{blockers[-1]}", headers=headers) as response:
            if (await response.json()).get("status") == "in_progress":
                return
    blockers.append(await submit(session, base, headers, slow_diff(600)))
    while True:
        async with session.get(f"{base}/v1/reviews/{blockers[-1]}", headers=headers) as response:
            if (await response.json()).get("status") == "in_progress":
                return
        await asyncio.sleep(0.05)


async def broadcast_floor(subscribers: int, watched: int, events: int, procs: int, ctx: Any) -> dict[str, Any]:
    """The same client processes and sockets on a bare aiohttp broadcaster (bench/subscribers.py)."""
    port = free_port()
    reference = Server(None, port=port, argv=[sys.executable, str(Path(__file__).with_name("subscribers.py")),
                                              "--port", str(port)], base_env={}, ready_timeout=60.0)
    with reference:
        await reference.wait_ready()
        ids = [uuid.uuid4().hex for _ in range(watched)]
        urls = [f"ws://127.0.0.1:{port}/ws/{review_id}" for _ in range(subscribers) for review_id in ids]
        workers, results = await _subscribe(urls, {}, procs, ctx)
        async with aiohttp.ClientSession() as session, \
                session.post(f"{reference.url}/broadcast?events={events}&gap_ms=20") as response:
            response.raise_for_status()
        merged = await gather_arrivals(workers, results)
    return _latencies(merged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=24)
    parser.add_argument("--files", type=int, default=12, help="files per reviewed diff (its CPU cost)")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=6, help="reviews watched, one per round (18 events each)")
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip", nargs="*", default=[], choices=["throughput", "poll", "events"])
    args = parser.parse_args()
    ctx = multiprocessing.get_context("spawn")
    diff = slow_diff(args.files)
    figures: dict[str, Any] = {"reviews": args.reviews, "files_per_review": args.files}
    rows: list[tuple[str, str, str]] = []
    pg = start_server()
    try:
        admin = pg.dsn()
        with tempfile.TemporaryDirectory(prefix="wfc-bench-replicas-") as tmp_name:
            tmp = Path(tmp_name)
            if "throughput" not in args.skip:
                one, two = [], []
                for _ in range(max(args.repeat, 1)):  # alternated: drift on a shared machine hits both
                    one.append(run_throughput(admin, tmp, 1, args.reviews, diff))
                    two.append(run_throughput(admin, tmp, 2, args.reviews, diff))
                ratio = max(two) / max(one)
                figures["throughput"] = {"one_replica_rps": one, "two_replicas_rps": two, "ratio": round(ratio, 2)}
                rows.append(("reviews/s, 2 replicas vs 1", f"{max(two):.2f} vs {max(one):.2f}", f"{ratio:.2f} x"))
            if "poll" not in args.skip:
                with Server.service(tmp / "embedded", ONE_CORE) as embedded, \
                        replica(tmp, fresh_dsn(admin), "poll-pg") as shared:
                    embedded.wait_ready_sync()
                    shared.wait_ready_sync()
                    e_headers, e_id = asyncio.run(prepare_poll(embedded.url))
                    p_headers, p_id = asyncio.run(prepare_poll(shared.url))
                    pg_load, emb_load = best_of_interleaved(
                        args.repeat,
                        {"url": f"{shared.url}/v1/reviews/{p_id}", "headers": p_headers,
                         "connections": args.connections, "seconds": args.seconds},
                        {"url": f"{embedded.url}/v1/reviews/{e_id}", "headers": e_headers,
                         "connections": args.connections, "seconds": args.seconds},
                    )
                ratio = pg_load.rps / emb_load.rps
                figures["status_poll"] = {"postgres": pg_load.as_dict(), "embedded": emb_load.as_dict(),
                                          "ratio": round(ratio, 2)}
                rows.append(("status poll req/s, postgres vs embedded",
                             f"{pg_load.rps:,.0f} vs {emb_load.rps:,.0f} (p99 {pg_load.p99_ms:.1f} vs "
                             f"{emb_load.p99_ms:.1f} ms)", f"{ratio:.2f} x"))
            if "events" not in args.skip:
                dsn = fresh_dsn(admin)
                with replica(tmp, dsn, "events-a") as a:
                    a.wait_ready_sync()
                    events = asyncio.run(cross_replica_events(
                        a, lambda: replica(tmp, dsn, "events-b"), args.subscribers, args.rounds, args.client_procs,
                        ctx))
                floor = asyncio.run(broadcast_floor(args.subscribers, args.rounds,
                                                    round(events["events"] / args.rounds), args.client_procs, ctx))
                figures["cross_replica_events"] = {"subscribers": args.subscribers, "rounds": args.rounds,
                                                   **events, "floor": floor, "load_average": os.getloadavg()}
                rows.append((f"event on B -> last of {args.subscribers} subscribers on A",
                             f"p50 {events['p50_ms']} ms, p99 {events['p99_ms']} ms over {events['events']} events"
                             f" (first subscriber p50 {events['first_p50_ms']}, p99 {events['first_p99_ms']} ms)",
                             f"min reached {events['min_subscribers_reached']}"))
                rows.append((f"floor: bare aiohttp broadcast to {args.subscribers}, same clients",
                             f"p50 {floor['p50_ms']} ms, p99 {floor['p99_ms']} ms over {floor['events']} events"
                             f" (first p50 {floor['first_p50_ms']}, p99 {floor['first_p99_ms']} ms)",
                             f"load average {os.getloadavg()[0]:.1f}"))
    finally:
        pg.destroy()
    print(table(["what", "measured", "ratio"], rows))
    print(f"saved {save_results('replicas', figures)}")


if __name__ == "__main__":
    main()
