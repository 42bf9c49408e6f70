"""Fallback load generator (when ``wrk`` is not installed): N keep-alive aiohttp connections.

Runs as its own process so it never shares an event loop with the server; prints one JSON line
``{requests, seconds, p50_ms, p99_ms, errors}``. Errors are non-2xx answers and transport errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import percentile


async def drive(url: str, connections: int, seconds: float, method: str, headers: dict[str, str],
                body: bytes | None, paths: list[str]) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    if body is not None:
        headers = {**headers, "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=connector) as session:
        stop_at = time.perf_counter() + seconds

        async def one() -> None:
            nonlocal errors
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                target = urljoin(url, random.choice(paths)) if paths else url
                try:
                    async with session.request(method, target, headers=headers, data=body) as response:
                        await response.read()
                        if response.status >= 300:
                            errors += 1
                except aiohttp.ClientError:
                    errors += 1
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(connections)))
        elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "seconds": elapsed, "p50_ms": percentile(latencies, 50) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--headers", default="{}")
    parser.add_argument("--body-file")
    parser.add_argument("--paths-file", help="one path per line; each request picks one at random")
    args = parser.parse_args()
    body = Path(args.body_file).read_bytes() if args.body_file else None
    paths = Path(args.paths_file).read_text().split() if args.paths_file else []
    result = asyncio.run(drive(args.url, args.connections, args.seconds, args.method,
                               json.loads(args.headers), body, paths))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
