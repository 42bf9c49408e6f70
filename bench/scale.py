"""Do status polls, listings, start-up time and memory stay flat as the store grows?

    .venv/bin/python bench/scale.py [--counts 1000,100000] [--seconds 3] [--connections 32]

The stored reviews are written straight to disk in the store's own format (one
``reviews/<shard>/<id>.json`` record plus its ``.diff``, as ``wfc_server/store/reviews.py`` lays
them out), each a completed review carrying a real engine result copied from a review the
service ran, all in one project (the worst case for that project's listing). For each count the
server is restarted on the same data dir and measured:

* start-up: process start to ``/health/ready`` answering 200, twice: first after the reviews
  were written behind the service's back (every new record file is parsed), then a restart of
  the service that stopped cleanly (its index snapshot is checked against the record files and
  used; see wfc_server/store/snapshot.py);
* RSS of the server process after start-up and after the load (MiB, from /proc);
* status poll of one review (its result cached) and of random stored reviews (results mostly
  read back from their files), and the first page of the listing (20 reviews).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (
    Server,
    best_of,
    create_project,
    rss_mb,
    save_results,
    submit,
    table,
    wait_terminal,
)
from wfc_server.store.records import COMPLETED, ReviewRecord

SQLI = """diff --git a/app/users.py b/app/users.py
new file mode 100644
--- /dev/null
+++ b/app/users.py
@@ -0,0 +1,5 @@
+import sqlite3
+
+def find_user(conn: sqlite3.Connection, name: str):
+    cursor = conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
+    return cursor.fetchall()
"""


async def seed(base: str) -> tuple[dict[str, str], dict[str, Any]]:
    """A project with one real completed review; returns its headers and that review's record."""
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, base, "bench")
        review_id = await submit(session, base, headers, SQLI)
        await wait_terminal(session, base, headers, review_id)
    return headers, {"review_id": review_id}


def template(data: Path, review_id: str) -> dict[str, Any]:
    path = data / "reviews" / review_id[:2] / f"{review_id}.json"
    record = json.loads(path.read_bytes())
    if record.get("result") is None:
        raise RuntimeError("the seeded review has no stored result")
    return dict(record)


def write_reviews(data: Path, model: dict[str, Any], start_seq: int, count: int) -> list[str]:
    """Write ``count`` completed reviews like ``model`` (the store's exact file layout)."""
    ids = []
    diff = SQLI.encode()
    for offset in range(count):
        review_id = str(uuid.uuid4())
        record = ReviewRecord.from_json({**model, "review_id": review_id, "seq": start_seq + offset,
                                         "status": COMPLETED})
        shard = data / "reviews" / review_id[:2]
        shard.mkdir(exist_ok=True)
        (shard / f"{review_id}.diff").write_bytes(diff)
        (shard / f"{review_id}.json").write_bytes(json.dumps(record.to_json(), separators=(",", ":")).encode())
        ids.append(review_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", default="1000,100000", help="stored review counts, ascending")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the fastest is reported")
    args = parser.parse_args()
    counts = sorted(int(c) for c in args.counts.split(","))
    env = {"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1", "WFC_DRAIN_GRACE_SECONDS": "1"}
    load = {"connections": args.connections, "seconds": args.seconds}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="wfc-bench-scale-") as tmp:
        data = Path(tmp) / "data"
        with Server.service(data, env) as server:
            asyncio.run(server.wait_ready())
            headers, seeded = asyncio.run(seed(server.url))
        model = template(data, seeded["review_id"])
        ids = [seeded["review_id"]]
        for count in counts:
            missing = count - len(ids)
            if missing > 0:
                ids += write_reviews(data, model, len(ids) + 1, missing)
            os.sync()
            server = Server.service(data, env).start()
            try:
                startup = asyncio.run(server.wait_ready())
                rss_ready = rss_mb(server.pid)
                sample = random.Random(count).sample(ids, min(len(ids), 2000))
                one = best_of(args.repeat, f"{server.url}/v1/reviews/{ids[0]}", headers=headers, **load)
                spread = best_of(args.repeat, server.url + "/", headers=headers,
                                 paths=[f"/v1/reviews/{i}" for i in sample], **load)
                listing = best_of(args.repeat, f"{server.url}/v1/reviews/?limit=20", headers=headers, **load)
                rss_after = rss_mb(server.pid)
            finally:
                server.stop()
            restarts, restart_rss = [], []
            for _ in range(max(args.repeat, 1)):  # a clean stop wrote the snapshot; best of a few
                server = Server.service(data, env).start()
                try:
                    restarts.append(asyncio.run(server.wait_ready()))
                    restart_rss.append(rss_mb(server.pid))
                finally:
                    server.stop()
            restart = min(restarts)
            rows.append({"stored": len(ids), "startup_s": round(startup, 3), "restart_s": round(restart, 3),
                         "restarts_s": [round(r, 3) for r in restarts], "rss_ready_mb": round(rss_ready, 1),
                         "rss_restart_mb": round(min(restart_rss), 1),
                         "rss_after_load_mb": round(rss_after, 1), "poll_one": one.as_dict(),
                         "poll_random": spread.as_dict(), "listing": listing.as_dict()})
    print(table(
        ["stored", "start s", "restart s", "RSS MiB", "RSS restart", "RSS after", "poll req/s", "poll p99", "random req/s", "random p99",
         "list req/s", "list p99", "errors"],
        [(r["stored"], r["startup_s"], r["restart_s"], r["rss_ready_mb"], r["rss_restart_mb"], r["rss_after_load_mb"], r["poll_one"]["rps"],
          r["poll_one"]["p99_ms"], r["poll_random"]["rps"], r["poll_random"]["p99_ms"], r["listing"]["rps"],
          r["listing"]["p99_ms"], r["poll_one"]["errors"] + r["poll_random"]["errors"] + r["listing"]["errors"])
         for r in rows]))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"\n{last['stored']:,} vs {first['stored']:,} stored: poll x{last['poll_one']['rps'] / first['poll_one']['rps']:.2f}, "
              f"random poll x{last['poll_random']['rps'] / first['poll_random']['rps']:.2f}, "
              f"listing x{last['listing']['rps'] / first['listing']['rps']:.2f} (1.00 = flat); "
              f"RSS {first['rss_ready_mb']} -> {last['rss_ready_mb']} MiB, start-up {first['startup_s']} -> "
              f"{last['startup_s']} s; restart (snapshot) {first['restart_s']} -> {last['restart_s']} s")
    print(f"saved {save_results('scale', {'connections': args.connections, 'seconds': args.seconds, 'rows': rows})}")


if __name__ == "__main__":
    main()
