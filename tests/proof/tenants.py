"""Two-tenant scenarios on a real server process, shared by the fairness proof tests and
``bench/fairness.py``: an attacker with a backlog, a victim with one review to run or poll.

Both return ratios measured in one run, so a slow machine moves numerator and denominator alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import statistics
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import orjson

from tests.helpers import CLEAN_DIFF, ServerProcess, create_project, slow_diff, wait_review
from tests.proof.support import UNTHROTTLED

#: Submits per second of the attacker in the poll-latency scenario (its rate limit in the issue).
ATTACK_RATE = 3.0


@contextlib.asynccontextmanager
async def _server(data_dir: Path, env: dict[str, str]) -> AsyncIterator[ServerProcess]:
    server = ServerProcess(data_dir, {**UNTHROTTLED, **env}).start()
    try:
        await server.wait_ready()
        yield server
    finally:
        server.stop()


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


async def _submit(session: aiohttp.ClientSession, url: str, headers: dict[str, str], diff: str) -> dict[str, Any]:
    async with session.post(f"{url}/v1/reviews/", json={"diff_content": diff}, headers=headers) as response:
        body = await response.json()
        assert response.status == 202, body
        return body  # type: ignore[no-any-return]


@dataclass
class FirstReviewWait:
    victim_wait_seconds: float  # victim's started_at - submitted_at
    attacker_run_seconds: float  # median run time (started -> completed) of attacker reviews
    attacker_backlog: int

    @property
    def ratio(self) -> float:
        return self.victim_wait_seconds / self.attacker_run_seconds

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": round(self.ratio, 3)}


async def first_review_wait(data_dir: Path, *, backlog: int = 6, files: int = 12) -> FirstReviewWait:
    """The attacker queues ``backlog`` slow reviews; then the victim submits one small review."""
    env = {"WFC_REVIEW_WORKERS": "2", "WFC_ENGINE_PROCESS_POOL_SIZE": "2"}
    async with _server(data_dir, env) as server:
        url = server.url
        async with aiohttp.ClientSession() as session:
            attacker = await create_project(session, url, "attacker")
            victim = await create_project(session, url, "victim")
            ids = [(await _submit(session, url, attacker, slow_diff(files)))["review_id"] for _ in range(backlog)]
            await _wait_running(session, url, attacker, ids[0])
            mine = await _submit(session, url, victim, CLEAN_DIFF)
            final = await wait_review(session, url, victim, mine["review_id"], timeout=300)
            wait = _seconds(final["started_at"]) - _seconds(final["submitted_at"])
            runs = await _attacker_runs(session, url, attacker, ids)
            for review_id in ids:  # the rest of the backlog is not needed
                async with session.delete(f"{url}/v1/reviews/{review_id}", headers=attacker):
                    pass
    return FirstReviewWait(wait, statistics.median(runs), backlog)


async def _wait_running(session: aiohttp.ClientSession, url: str, headers: dict[str, str], review_id: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        async with session.get(f"{url}/v1/reviews/{review_id}", headers=headers) as response:
            if (await response.json())["status"] != "pending":
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the attacker's first review never started")


async def _attacker_runs(session: aiohttp.ClientSession, url: str, headers: dict[str, str],
                         ids: list[str]) -> list[float]:
    """Run times of the attacker's reviews that completed; waits for at least one."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        runs = []
        for review_id in ids:
            async with session.get(f"{url}/v1/reviews/{review_id}", headers=headers) as response:
                body = await response.json()
            if body["status"] == "completed":
                runs.append(_seconds(body["completed_at"]) - _seconds(body["started_at"]))
        if runs:
            return runs
        await asyncio.sleep(0.2)
    raise AssertionError("no attacker review completed")


def mib_diff(serial: int) -> str:
    """A valid diff of about 1 MiB in 100,000 short lines (validation cost grows with lines)."""
    body = "".join(f"+v{serial}.{i}\n" for i in range(100_000))
    return (f"diff --git a/docs/n{serial}.txt b/docs/n{serial}.txt\nnew file mode 100644\n--- /dev/null\n"
            f"+++ b/docs/n{serial}.txt\n@@ -0,0 +1,100000 @@\n{body}")


@dataclass
class PollLatency:
    baseline_p99_ms: float
    attacked_p99_ms: float
    baseline_p50_ms: float
    attacked_p50_ms: float
    attack_submits: int
    polls: int

    @property
    def ratio(self) -> float:
        return self.attacked_p99_ms / self.baseline_p99_ms

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": round(self.ratio, 3)}


async def poll_latency_under_submits(data_dir: Path, *, seconds: float = 8.0) -> PollLatency:
    """Victim poll latency (one GET every 10 ms) alone, then while the attacker submits 1 MiB
    diffs at :data:`ATTACK_RATE` per second."""
    env = {"WFC_REVIEW_MAX_QUEUED_PER_PROJECT": "1000", "WFC_MAX_BODY_BYTES": str(2 * 1024 * 1024)}
    async with _server(data_dir, env) as server:
        url = server.url
        async with aiohttp.ClientSession() as session:
            attacker = await create_project(session, url, "attacker")
            victim = await create_project(session, url, "victim")
            review_id = (await _submit(session, url, victim, CLEAN_DIFF))["review_id"]
            await wait_review(session, url, victim, review_id, timeout=120)
            await _poll(session, url, victim, review_id, 1.0)  # warm up
            baseline = await _poll(session, url, victim, review_id, seconds)
            context = multiprocessing.get_context("spawn")
            done = context.Queue()
            attacker_process = context.Process(
                target=attack, args=(url, attacker, int(seconds * ATTACK_RATE) + 2, done))
            attacker_process.start()
            try:
                await asyncio.sleep(1.5)  # the attacker's first bodies are on their way
                attacked = await _poll(session, url, victim, review_id, seconds)
                submitted = await asyncio.to_thread(done.get, True, 120)
            finally:
                attacker_process.kill()
                attacker_process.join(5)
    return PollLatency(_p(baseline, 99), _p(attacked, 99), _p(baseline, 50), _p(attacked, 50),
                       submitted, len(attacked))


def _p(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000, 3)


async def _poll(session: aiohttp.ClientSession, url: str, headers: dict[str, str], review_id: str,
                seconds: float) -> list[float]:
    latencies = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        async with session.get(f"{url}/v1/reviews/{review_id}", headers=headers) as response:
            await response.read()
            assert response.status == 200
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(max(0.0, 0.01 - (time.perf_counter() - started)))
    return latencies


def attack(url: str, headers: dict[str, str], count: int, done: Any) -> None:
    """In a process of its own (so its JSON encoding never delays the victim's client): submit
    ``count`` 1 MiB diffs, one every 1/ATTACK_RATE seconds, each without waiting for the last."""
    bodies = [orjson.dumps({"diff_content": mib_diff(i)}) for i in range(count)]
    sent = headers | {"Content-Type": "application/json"}

    async def one(session: aiohttp.ClientSession, body: bytes) -> int:
        async with session.post(f"{url}/v1/reviews/", data=body, headers=sent) as response:
            await response.read()
            return response.status

    async def run() -> int:
        async with aiohttp.ClientSession() as session:
            tasks = []
            for body in bodies:
                tasks.append(asyncio.create_task(one(session, body)))
                await asyncio.sleep(1.0 / ATTACK_RATE)
            statuses = await asyncio.gather(*tasks, return_exceptions=True)
        return sum(1 for status in statuses if status == 202)

    done.put(asyncio.run(run()))
