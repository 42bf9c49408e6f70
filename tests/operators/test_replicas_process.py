"""Three real server processes on one PostgreSQL: one service, whichever replica a request reaches.

A key made on one replica works on the others; a review submitted on A runs on whichever claims
it and its events stream, in order, from C, and replay with ``?after=`` from A; a cancel on one
replica reaches the one running the review within a second; ``kill -9`` of the replica running a review leaves it to another,
which claims it again once the lease lapses and completes it: nothing acknowledged is lost.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.helpers import CLEAN_DIFF, ServerProcess, free_port
from tests.operators.paced import PAUSE
from tests.operators.support import UNTHROTTLED

pytestmark = pytest.mark.slow

PAUSED_DIFF = CLEAN_DIFF.replace("Small arithmetic helpers.", f"Small arithmetic helpers. {PAUSE}")
LEASE_SECONDS = 2.0


def _replica(tmp_path: Path, name: str, dsn: str) -> ServerProcess:
    port = free_port()
    data_dir = tmp_path / name
    data_dir.mkdir(mode=0o700)
    env = {**UNTHROTTLED, "WFC_STORE_BACKEND": "postgres", "WFC_STORE_DSN": dsn,
           "WFC_STORE_LEASE_SECONDS": str(LEASE_SECONDS), "WFC_REVIEW_MAX_ATTEMPTS": "3"}
    argv = [sys.executable, "-m", "tests.operators.paced_server", "--host", "127.0.0.1", "--port", str(port),
            "--data-dir", str(data_dir)]
    return ServerProcess(data_dir, env, log_path=tmp_path / f"{name}.log", port=port, argv=argv)


async def _json(response: aiohttp.ClientResponse, status: int = 200) -> Any:
    assert response.status == status, await response.text()
    return await response.json()


async def _until(predicate: Any, what: str, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.05)


def _marker(replica: ServerProcess) -> int | None:
    """The pid of the reviewer process pausing on this replica, if one is."""
    assert replica.data_dir is not None
    found = sorted((replica.data_dir / "markers").glob("*.*")) if (replica.data_dir / "markers").is_dir() else []
    return int(found[0].name.split(".")[1]) if found else None


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


async def test_three_replicas_share_keys_queue_events_cancel_and_recover_a_killed_ones_review(
    tmp_path: Path, pg_dsn: str
) -> None:
    first, second, third = (_replica(tmp_path, name, pg_dsn) for name in ("a", "b", "c"))
    assert first.data_dir is not None and second.data_dir is not None
    (first.data_dir / "pause").touch()
    try:
        async with aiohttp.ClientSession() as http:
            # A alone: a project, and a review that pauses while A runs it.
            first.start()
            await first.wait_ready()
            created = await _json(await http.post(f"{first.url}/v1/projects/", json={
                "project_id": "alpha", "developer_id": "dev", "repo_path": "/nonexistent"}), 201)
            headers = {"X-Project-ID": "alpha", "Authorization": f"Bearer {created['api_key']}"}
            doomed = (await _json(await http.post(f"{first.url}/v1/reviews/", headers=headers,
                                                  json={"diff_content": PAUSED_DIFF}), 202))["review_id"]
            await _until(lambda: _marker(first), "A runs the review")

            # kill -9 of the replica running it: B (started now) claims it once the lease lapses.
            first.kill9()
            second.start()
            await second.wait_ready()
            killed_at = time.monotonic()
            rescued = await _until(lambda: _terminal(http, second, headers, doomed), "B completes A's review",
                                   timeout=30)
            assert rescued["status"] == "completed", rescued
            assert time.monotonic() - killed_at < 15

            # All three up: a review submitted on A runs on any of them; C streams its events, in
            # order; A replays them after a reconnect with ?after=.
            for replica in (first, second, third):
                assert replica.data_dir is not None
                (replica.data_dir / "pause").touch()
            first.start()
            third.start()
            await first.wait_ready()
            await third.wait_ready()
            plain = (await _json(await http.post(f"{first.url}/v1/reviews/", headers=headers,
                                                 json={"diff_content": CLEAN_DIFF}), 202))["review_id"]
            query = f"project_id=alpha&token={created['api_key']}"
            async with http.ws_connect(f"{third.url}/v1/reviews/{plain}/ws?{query}&after=0") as ws:
                events = [message.json() async for message in ws]
            assert events[0]["type"] == "snapshot"
            assert [e["seq"] for e in events[1:]] == list(range(1, len(events)))  # gap-free, from 1
            assert events[1]["type"] == "queued" and events[-1]["type"] == "completed"
            async with http.ws_connect(f"{first.url}/v1/reviews/{plain}/ws?{query}&after=2") as ws:
                resumed = [message.json() async for message in ws]
            assert resumed[0]["type"] == "snapshot" and resumed[1:] == events[3:]  # the same events, from 3
            assert (await _json(await http.get(f"{third.url}/v1/reviews/{plain}", headers=headers)))[
                "status"] == "completed"

            # Cancel on a replica that is not running the review: the one that is stops it.
            paused = (await _json(await http.post(f"{third.url}/v1/reviews/", headers=headers,
                                                  json={"diff_content": PAUSED_DIFF}), 202))["review_id"]
            replicas = (first, second, third)
            runner = await _until(lambda: next((r for r in replicas if _marker(r)), None),
                                  "a replica runs the paused review")
            elsewhere = next(r for r in replicas if r is not runner)
            worker = _marker(runner)
            assert worker is not None
            cancelled_at = time.monotonic()
            body = await _json(await http.delete(f"{elsewhere.url}/v1/reviews/{paused}", headers=headers))
            assert body["status"] == "cancelled"
            await _until(lambda: not _alive(worker), "the running replica stopped the review", timeout=5)
            stopped_after = time.monotonic() - cancelled_at
            assert stopped_after < 1.5, f"the running replica took {stopped_after:.2f}s to stop"
            final = await _json(await http.get(f"{runner.url}/v1/reviews/{paused}", headers=headers))
            assert final["status"] == "cancelled"  # the late end of the run did not overwrite it

            listed = await _json(await http.get(f"{first.url}/v1/reviews/?limit=10", headers=headers))
            assert {r["review_id"] for r in listed["reviews"]} == {doomed, plain, paused}
    finally:
        for replica in (first, second, third):
            replica.stop()


async def _terminal(http: aiohttp.ClientSession, replica: ServerProcess, headers: dict[str, str],
                    review_id: str) -> dict[str, Any] | None:
    async with http.get(f"{replica.url}/v1/reviews/{review_id}", headers=headers) as response:
        body = await response.json()
    return body if body.get("status") in {"completed", "failed", "cancelled"} else None
