"""API throughput and latency vs a bare aiohttp app, measured in the same run.

    .venv/bin/python bench/api.py [--seconds 5] [--connections 32]

Rows: authenticated status poll (GET /v1/reviews/{id} of a small completed review), history
listing (GET /v1/reviews/, a page of 20), submit (POST /v1/reviews/, durable: fsync'd before the
202). Each is divided by a bare aiohttp JSON endpoint (``web.json_response``) answering the very
same document (the polled review's body, the listing's body; bench/bare_app.py --body), so the
ratio is the cost of the service's own work (auth, rate limit, store, logging, metrics), not of
payload size. The status poll is also divided by the bare app answering a small JSON document
(bench/bare_app.py's default body, issue 9's reference: what a client pays the service per
request over aiohttp's own floor). Submits are divided by the bare app's POST, which also parses
the JSON body. Service and baseline runs alternate ``--repeat`` times and each one's fastest run
is reported (a shared machine only ever slows a run down); every submit run leaves thousands of
reviews queued for the one review worker, so the bare POST runs alternate with them under the
same background load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    SAMPLE_DIFF,
    LoadResult,
    Server,
    best_of_interleaved,
    best_of_rotation,
    create_project,
    save_results,
    submit,
    table,
    wait_terminal,
)


async def fetch(url: str, headers: dict[str, str]) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        assert response.status == 200, response.status
        return await response.read()


async def prepare(base: str, stored: int) -> tuple[dict[str, str], str]:
    """A project with ``stored`` finished reviews; returns its headers and one review id."""
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, base, "bench")
        ids = [await submit(session, base, headers) for _ in range(stored)]
        for review_id in ids:
            await wait_terminal(session, base, headers, review_id)
    return headers, ids[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each measurement")
    parser.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections")
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the fastest is reported")
    args = parser.parse_args()
    body = json.dumps({"diff_content": SAMPLE_DIFF}).encode()
    load = {"connections": args.connections, "seconds": args.seconds}
    with tempfile.TemporaryDirectory(prefix="wfc-bench-api-") as tmp:
        # Info: every request writes its JSON access line, as in production (to /dev/null here).
        env = {"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1", "WFC_DRAIN_GRACE_SECONDS": "1",
               "WFC_LOG_LEVEL": "info"}
        with Server.service(Path(tmp) / "data", env) as service:
            asyncio.run(service.wait_ready())
            headers, review_id = asyncio.run(prepare(service.url, 20))
            poll_url = f"{service.url}/v1/reviews/{review_id}"
            list_url = f"{service.url}/v1/reviews/"
            # The baselines answer the very document the service answers, so the ratio measures
            # the service's own work (auth, rate limit, store, logging, metrics), not payload size.
            status_file = Path(tmp) / "status.json"
            status_file.write_bytes(asyncio.run(fetch(poll_url, headers)))
            status_bytes = status_file.stat().st_size
            list_file = Path(tmp) / "list.json"
            list_file.write_bytes(asyncio.run(fetch(list_url, headers)))
            with Server.bare(status_file) as bare, Server.bare() as small:
                asyncio.run(bare.wait_ready())
                asyncio.run(small.wait_ready())
                bare_get, poll, bare_small = best_of_rotation(
                    args.repeat, {"url": f"{bare.url}/status", **load}, {"url": poll_url, "headers": headers, **load},
                    {"url": f"{small.url}/status", **load},
                )
            with Server.bare(list_file) as bare:
                asyncio.run(bare.wait_ready())
                bare_list, listing = best_of_interleaved(
                    args.repeat, {"url": f"{bare.url}/status", **load}, {"url": list_url, "headers": headers, **load}
                )
            # Last: every accepted submit queues a review that then competes for the CPU.
            with Server.bare(status_file) as bare:
                asyncio.run(bare.wait_ready())
                bare_post, submits = best_of_interleaved(
                    args.repeat, {"url": f"{bare.url}/status", "method": "POST", "body": body, **load},
                    {"url": f"{service.url}/v1/reviews/", "headers": headers, "method": "POST", "body": body, **load},
                )

    rows: list[tuple[str, LoadResult, LoadResult]] = [
        ("status poll", poll, bare_get),
        ("status poll vs small JSON", poll, bare_small),
        ("history listing", listing, bare_list),
        ("submit (fsync)", submits, bare_post),
    ]
    figures = {
        "connections": args.connections,
        "seconds": args.seconds,
        "bare_get": bare_get.as_dict(),
        "bare_post": bare_post.as_dict(),
        "bare_list": bare_list.as_dict(),
        "bare_small": bare_small.as_dict(),
        "status_bytes": status_bytes,
    }
    printed = []
    for name, result, baseline in rows:
        ratio = result.rps / baseline.rps if baseline.rps else 0.0
        figures[name] = {**result.as_dict(), "ratio_to_bare": round(ratio, 3)}
        printed.append((name, result.rps, result.p50_ms, result.p99_ms, result.errors, baseline.rps, ratio))
    printed.append(("bare GET (list body)", bare_list.rps, bare_list.p50_ms, bare_list.p99_ms, bare_list.errors,
                    bare_list.rps, 1.0))
    printed.append(("bare GET", bare_get.rps, bare_get.p50_ms, bare_get.p99_ms, bare_get.errors, bare_get.rps, 1.0))
    printed.append(("bare GET (small JSON)", bare_small.rps, bare_small.p50_ms, bare_small.p99_ms, bare_small.errors,
                    bare_small.rps, 1.0))
    printed.append(("bare POST", bare_post.rps, bare_post.p50_ms, bare_post.p99_ms, bare_post.errors,
                    bare_post.rps, 1.0))
    print(table(["endpoint", "req/s", "p50 ms", "p99 ms", "errors", "bare req/s", "ratio"], printed))
    print(f"\nstatus poll ({figures['status_bytes']} bytes) vs small JSON "
          f"{figures['status poll vs small JSON']['ratio_to_bare']} (bar: >= 0.5), vs the same document "
          f"{figures['status poll']['ratio_to_bare']}; submit {figures['submit (fsync)']['ratio_to_bare']} "
          "(bar: >= 0.15)")
    print(f"saved {save_results('api', figures)}")


if __name__ == "__main__":
    main()
