"""Is the event loop free while every review worker is busy? API latency, idle vs busy.

    .venv/bin/python bench/busy.py [--seconds 8] [--workers 2]

A light probe (one request every 10 ms, alternating GET /v1/reviews/{id} and GET /health/live,
from this process) measures latency first with the workers idle, then while ``--workers`` big
diffs are under review (and more queued behind them). The reviews run in the engine's worker
processes; if anything heavy ran on the event loop, the busy p99 would jump to the length of
that work (hundreds of ms). The busy phase is only counted if all workers stayed busy
throughout (checked from /health/ready).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    SAMPLE_DIFF,
    Server,
    create_project,
    percentile,
    save_results,
    submit,
    table,
    wait_terminal,
)
from bench.ws_fanout import slow_diff


async def probe(session: aiohttp.ClientSession, base: str, headers: dict[str, str], review_id: str,
                seconds: float) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"status": [], "live": []}
    stop_at = time.perf_counter() + seconds
    turn = 0
    while time.perf_counter() < stop_at:
        name, url, hdrs = (("status", f"{base}/v1/reviews/{review_id}", headers) if turn % 2 == 0
                           else ("live", f"{base}/health/live", {}))
        started = time.perf_counter()
        async with session.get(url, headers=hdrs) as response:
            await response.read()
            if response.status != 200:
                raise RuntimeError(f"{url}: {response.status}")
        samples[name].append((time.perf_counter() - started) * 1000)
        turn += 1
        await asyncio.sleep(0.01)
    return samples


async def running(session: aiohttp.ClientSession, base: str) -> int:
    async with session.get(f"{base}/health/ready") as response:
        return int((await response.json())["checks"].get("running", 0))


async def measure(server: Server, seconds: float, workers: int) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, server.url, "busy")
        review_id = await submit(session, server.url, headers, SAMPLE_DIFF)
        await wait_terminal(session, server.url, headers, review_id)
        idle = await probe(session, server.url, headers, review_id, seconds)
        big = slow_diff(300)
        heavy = [await submit(session, server.url, headers, big) for _ in range(workers * 2)]
        deadline = time.monotonic() + 60
        while await running(session, server.url) < workers:
            if time.monotonic() > deadline:
                raise RuntimeError("workers never all became busy")
            await asyncio.sleep(0.05)
        busy = await probe(session, server.url, headers, review_id, seconds)
        still = await running(session, server.url)
        for rid in heavy:
            async with session.delete(f"{server.url}/v1/reviews/{rid}", headers=headers):
                pass
    return {"idle": idle, "busy": busy, "workers_busy_at_end": still}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0, help="probe duration of each phase")
    parser.add_argument("--workers", type=int, default=2, help="review workers (and warm engine processes)")
    args = parser.parse_args()
    env = {"WFC_REVIEW_WORKERS": str(args.workers), "WFC_ENGINE_PROCESS_POOL_SIZE": str(args.workers),
           "WFC_DRAIN_GRACE_SECONDS": "1", "WFC_MAX_BODY_BYTES": str(8 << 20)}
    with tempfile.TemporaryDirectory(prefix="wfc-bench-busy-") as tmp, Server.service(Path(tmp) / "data", env) as server:
        asyncio.run(server.wait_ready())
        result = asyncio.run(measure(server, args.seconds, args.workers))
    rows, figures = [], {"workers": args.workers, "seconds": args.seconds,
                         "workers_busy_at_end": result["workers_busy_at_end"]}
    for name in ("status", "live"):
        idle, busy = result["idle"][name], result["busy"][name]
        entry = {
            "idle_p50_ms": round(percentile(idle, 50), 2), "idle_p99_ms": round(percentile(idle, 99), 2),
            "busy_p50_ms": round(percentile(busy, 50), 2), "busy_p99_ms": round(percentile(busy, 99), 2),
            "busy_max_ms": round(max(busy, default=0), 2), "samples": len(busy),
        }
        entry["p99_ratio_busy_to_idle"] = round(entry["busy_p99_ms"] / entry["idle_p99_ms"], 2) if entry["idle_p99_ms"] else 0
        figures[name] = entry
        rows.append((f"GET {'/v1/reviews/{id}' if name == 'status' else '/health/live'}", entry["idle_p50_ms"],
                     entry["idle_p99_ms"], entry["busy_p50_ms"], entry["busy_p99_ms"], entry["busy_max_ms"],
                     entry["p99_ratio_busy_to_idle"], entry["samples"]))
    print(table(["request", "idle p50", "idle p99", "busy p50", "busy p99", "busy max", "p99 busy/idle", "samples"],
                rows))
    print(f"\nall {args.workers} workers busy at the end of the busy phase: "
          f"{result['workers_busy_at_end'] >= args.workers} ({result['workers_busy_at_end']} running)")
    print(f"saved {save_results('busy', figures)}")


if __name__ == "__main__":
    main()
