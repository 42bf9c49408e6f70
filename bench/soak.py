"""Bounded soak: 200 clients over 20 projects mixing submits, polls, listings and WebSockets.

    .venv/bin/python bench/soak.py [--seconds 60] [--clients 200] [--projects 20] [--submit-rate 4]

Loopback only. Each client loops with a short think time (20-100 ms) over: poll one of its
project's reviews (50%), list its project's history (30%), watch a review over a WebSocket
until it closes or 5 s pass (10%), submit a diff (10%, but all clients together are held to
``--submit-rate`` submits/s so the queue can drain). Rate limits are raised: the soak is about
the service, not its throttles. At the end the clients stop, the bench waits for every accepted
review to become terminal (the drain), and reports: responses by status (must have no 5xx),
accepted vs terminal reviews (must be equal), transport errors, and the server's RSS at the
start, half-way, during (max) and at the end (half-way to end should be flat; use
``--seconds 150`` for a clear plateau: RSS rises for the first ~45 s while caches fill).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    SAMPLE_DIFF,
    Server,
    create_project,
    rss_mb,
    save_results,
    table,
)
from bench.scale import SQLI

TERMINAL = {"completed", "failed", "cancelled"}


class Soak:
    def __init__(self, server: Server, projects: list[dict[str, str]], submit_rate: float, seed: int) -> None:
        self.server = server
        self.projects = projects
        self.submit_interval = 1.0 / submit_rate
        self.next_submit = 0.0
        self.accepted: dict[str, dict[str, str]] = {}
        self.by_project: dict[str, list[str]] = {p["X-Project-ID"]: [] for p in projects}
        self.statuses: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.ws_events = 0
        self.rss_samples: list[float] = []
        self.rng = random.Random(seed)

    def record(self, kind: str, status: int) -> None:
        self.statuses[f"{kind} {status}"] += 1

    async def client(self, session: aiohttp.ClientSession, headers: dict[str, str], stop_at: float) -> None:
        base = self.server.url
        mine = self.by_project[headers["X-Project-ID"]]
        while time.monotonic() < stop_at:
            roll = self.rng.random()
            try:
                if roll < 0.10 and time.monotonic() >= self.next_submit:
                    self.next_submit = time.monotonic() + self.submit_interval
                    diff = SQLI if self.rng.random() < 0.5 else SAMPLE_DIFF
                    async with session.post(f"{base}/v1/reviews/", json={"diff_content": diff},
                                            headers=headers) as response:
                        self.record("submit", response.status)
                        if response.status == 202:
                            review_id = (await response.json())["review_id"]
                            self.accepted[review_id] = headers
                            mine.append(review_id)
                elif roll < 0.20 and mine:
                    await self.watch(session, headers, self.rng.choice(mine[-5:]))
                elif roll < 0.70 and mine:
                    async with session.get(f"{base}/v1/reviews/{self.rng.choice(mine)}", headers=headers) as response:
                        await response.read()
                        self.record("poll", response.status)
                else:
                    async with session.get(f"{base}/v1/reviews/?limit=20", headers=headers) as response:
                        await response.read()
                        self.record("list", response.status)
            except (TimeoutError, aiohttp.ClientError) as exc:
                self.errors[type(exc).__name__] += 1
            await asyncio.sleep(self.rng.uniform(0.02, 0.1))

    async def watch(self, session: aiohttp.ClientSession, headers: dict[str, str], review_id: str) -> None:
        url = f"{self.server.url}/v1/reviews/{review_id}/ws"
        try:
            async with session.ws_connect(url, headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                self.record("ws", 101)
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline:
                    message = await ws.receive(timeout=max(deadline - time.monotonic(), 0.01))
                    if message.type != aiohttp.WSMsgType.TEXT:
                        break
                    self.ws_events += 1
        except aiohttp.WSServerHandshakeError as exc:
            self.record("ws", exc.status)
        except TimeoutError:
            pass  # still pending after 5 s: fine, the client moves on

    async def sample_rss(self, stop_at: float) -> None:
        while time.monotonic() < stop_at:
            self.rss_samples.append(rss_mb(self.server.pid))
            await asyncio.sleep(1)

    async def drain(self, session: aiohttp.ClientSession, timeout: float) -> dict[str, int]:
        """Wait until every accepted review is terminal; returns the final status counts."""
        final: dict[str, str] = {}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for review_id, headers in self.accepted.items():
                if review_id in final:
                    continue
                async with session.get(f"{self.server.url}/v1/reviews/{review_id}", headers=headers) as response:
                    self.record("drain-poll", response.status)
                    body = await response.json()
                if body.get("status") in TERMINAL:
                    final[review_id] = body["status"]
            if len(final) == len(self.accepted):
                break
            await asyncio.sleep(1)
        return dict(Counter(final.values()))


async def run(server: Server, args: argparse.Namespace) -> dict[str, Any]:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30)) as session:
        projects = [await create_project(session, server.url, f"soak-{i}") for i in range(args.projects)]
        soak = Soak(server, projects, args.submit_rate, args.seed)
        rss_start = rss_mb(server.pid)
        stop_at = time.monotonic() + args.seconds
        started = time.monotonic()
        await asyncio.gather(soak.sample_rss(stop_at),
                             *(soak.client(session, projects[i % len(projects)], stop_at) for i in range(args.clients)))
        ran = time.monotonic() - started
        drain_started = time.monotonic()
        outcomes = await soak.drain(session, args.drain_timeout)
        drain_seconds = time.monotonic() - drain_started
        rss_end = rss_mb(server.pid)
    requests = sum(soak.statuses.values())
    server_errors = sum(n for key, n in soak.statuses.items() if key.split()[-1].startswith("5"))
    return {
        "seconds": round(ran, 1), "clients": args.clients, "projects": args.projects, "requests": requests,
        "rps": round(requests / ran, 1), "responses": dict(sorted(soak.statuses.items())),
        "server_errors_5xx": server_errors, "transport_errors": dict(soak.errors), "ws_events": soak.ws_events,
        "accepted": len(soak.accepted), "terminal": sum(outcomes.values()), "outcomes": outcomes,
        "drain_seconds": round(drain_seconds, 1), "rss_start_mb": round(rss_start, 1),
        "rss_max_mb": round(max(soak.rss_samples, default=rss_start), 1), "rss_end_mb": round(rss_end, 1),
        # Half-way: caches and the allocator's arenas have filled (a plateau ~45 s in on the
        # reference machine), so growth from here to the end would be a leak.
        "rss_warm_mb": round(soak.rss_samples[len(soak.rss_samples) // 2], 1) if soak.rss_samples else rss_start,
        "rss_timeline_mb": [round(x, 1) for x in soak.rss_samples],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--submit-rate", type=float, default=4.0, help="submits per second, all clients together")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = {"WFC_REVIEW_WORKERS": "2", "WFC_ENGINE_PROCESS_POOL_SIZE": "2", "WFC_DRAIN_GRACE_SECONDS": "5"}
    with tempfile.TemporaryDirectory(prefix="wfc-bench-soak-") as tmp, Server.service(Path(tmp) / "data", env) as server:
        asyncio.run(server.wait_ready())
        figures = asyncio.run(run(server, args))
        logged_errors = server.logs().count("http.unhandled_error")
    figures["unhandled_errors_logged"] = logged_errors
    print(table(["responses", "count"], list(figures["responses"].items())))
    print()
    print(table(["figure", "value"], [
        ("requests", figures["requests"]), ("req/s", figures["rps"]), ("5xx", figures["server_errors_5xx"]),
        ("transport errors", sum(figures["transport_errors"].values())),
        ("unhandled errors logged", figures["unhandled_errors_logged"]), ("ws events received", figures["ws_events"]),
        ("accepted reviews", figures["accepted"]), ("terminal after drain", figures["terminal"]),
        ("drain s", figures["drain_seconds"]), ("RSS start MiB", figures["rss_start_mb"]),
        ("RSS half-way MiB", figures["rss_warm_mb"]), ("RSS max MiB", figures["rss_max_mb"]),
        ("RSS end MiB", figures["rss_end_mb"]),
    ]))
    verdict = figures["server_errors_5xx"] == 0 and figures["accepted"] == figures["terminal"]
    print(f"\nzero 5xx and every accepted review terminal: {verdict}")
    print(f"saved {save_results('soak', figures)}")


if __name__ == "__main__":
    main()
