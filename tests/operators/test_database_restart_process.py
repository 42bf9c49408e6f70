"""PostgreSQL restarts under load on two real replica processes: no 500, nothing acknowledged lost.

Clients keep submitting and polling through both replicas while the database is stopped
(``pg_ctl stop -m fast``: every connection is cut) and started again. Every answer must be a
success, a 503 with ``Retry-After``, or a client error of the contract; every review answered
``202`` must end terminal afterwards; both replicas must report ready again without help.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.helpers import CLEAN_DIFF, ServerProcess, free_port
from tests.operators.support import UNTHROTTLED
from tests.support.postgres import PostgresServer

pytestmark = pytest.mark.slow

TERMINAL = {"completed", "failed", "cancelled"}


def _replica(tmp_path: Path, name: str, dsn: str) -> ServerProcess:
    port = free_port()
    data_dir = tmp_path / name
    data_dir.mkdir(mode=0o700)
    env = {**UNTHROTTLED, "WFC_STORE_BACKEND": "postgres", "WFC_STORE_DSN": dsn,
           "WFC_STORE_LEASE_SECONDS": "3", "WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1"}
    argv = [sys.executable, "-m", "wfc_server", "--host", "127.0.0.1", "--port", str(port),
            "--data-dir", str(data_dir)]
    return ServerProcess(data_dir, env, log_path=tmp_path / f"{name}.log", port=port, argv=argv)


class Load:
    """Clients submitting and polling through the replicas, round robin, until told to stop."""

    def __init__(self, http: aiohttp.ClientSession, urls: list[str], headers: dict[str, str]) -> None:
        self.http, self.urls, self.headers = http, urls, headers
        self.accepted: list[str] = []
        self.answers: Counter[int] = Counter()
        self.bad: list[str] = []  # answers the contract forbids
        self.running = True

    async def _call(self, method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
        async with self.http.request(method, url, headers=self.headers, timeout=aiohttp.ClientTimeout(total=10),
                                     **kwargs) as response:
            body = await response.json(content_type=None)
            self.answers[response.status] += 1
            if response.status >= 500 and not (response.status == 503 and response.headers.get("Retry-After")):
                self.bad.append(f"{method} {url}: {response.status} {body}")
            elif response.status not in (200, 202, 503):
                self.bad.append(f"{method} {url}: {response.status} {body}")
            return response.status, body

    async def client(self, n: int) -> None:
        turn = n
        while self.running:
            base = self.urls[turn % len(self.urls)]
            turn += 1
            try:
                status, body = await self._call("POST", f"{base}/v1/reviews/", json={"diff_content": CLEAN_DIFF})
                if status == 202:
                    self.accepted.append(body["review_id"])
                if self.accepted:
                    await self._call("GET", f"{base}/v1/reviews/{self.accepted[-1]}")
            except (aiohttp.ClientError, TimeoutError) as exc:  # a hang or a dropped connection
                self.bad.append(f"{base}: {type(exc).__name__} {exc}")
            await asyncio.sleep(0.05)


async def _ready(http: aiohttp.ClientSession, replica: ServerProcess) -> bool:
    async with http.get(f"{replica.url}/health/ready") as response:
        return response.status == 200


async def test_a_database_restart_mid_load_gives_503s_never_500s_and_loses_no_acknowledged_review(
    tmp_path: Path, pg_dsn: str, postgres_server: PostgresServer
) -> None:
    replicas = [_replica(tmp_path, name, pg_dsn) for name in ("a", "b")]
    try:
        for replica in replicas:
            replica.start()
        for replica in replicas:
            await replica.wait_ready()
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{replicas[0].url}/v1/projects/", json={
                    "project_id": "alpha", "developer_id": "dev", "repo_path": "/nonexistent"}) as response:
                assert response.status == 201, await response.text()
                key = (await response.json())["api_key"]
            load = Load(http, [r.url for r in replicas], {"X-Project-ID": "alpha", "Authorization": f"Bearer {key}"})
            clients = [asyncio.create_task(load.client(n)) for n in range(3)]
            await asyncio.sleep(1.0)
            before = len(load.accepted)
            await asyncio.to_thread(postgres_server.stop, "fast")
            try:
                down_seen = time.monotonic() + 5
                while await _ready(http, replicas[0]) or await _ready(http, replicas[1]):
                    assert time.monotonic() < down_seen, "a replica still says ready with the database down"
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.5)  # the load keeps hitting both replicas meanwhile
            finally:
                await asyncio.to_thread(postgres_server.start)
            restarted = time.monotonic()
            for replica in replicas:
                while not await _ready(http, replica):
                    assert time.monotonic() - restarted < 10, f"{replica.url} did not recover by itself"
                    await asyncio.sleep(0.05)
            recovered_at = len(load.accepted)
            while len(load.accepted) < recovered_at + 4:  # submits succeed again, on both replicas
                assert time.monotonic() - restarted < 10, "no submit accepted after the restart"
                await asyncio.sleep(0.05)
            load.running = False
            await asyncio.gather(*clients)
            assert before > 0 and load.answers[503] > 0, load.answers  # the load did span the outage
            assert not load.bad, load.bad[:5]
            assert len(set(load.accepted)) == len(load.accepted)
            deadline = time.monotonic() + 20
            for review_id in load.accepted:
                while True:
                    async with http.get(f"{replicas[1].url}/v1/reviews/{review_id}", headers=load.headers) as response:
                        assert response.status == 200, await response.text()
                        body = await response.json()
                    if body["status"] in TERMINAL:
                        break
                    assert time.monotonic() < deadline, f"{review_id} acknowledged, still {body['status']}"
                    await asyncio.sleep(0.05)
                assert body["status"] == "completed", body
    finally:
        for replica in replicas:
            replica.stop()
