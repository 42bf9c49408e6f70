"""A database outage in the middle of a review on the postgres backend: the review waits it out.

The engine's work is done on the replica itself; ending the review needs the database (the gate
reads the project's policy and suppressions, the final state is committed). An outage shorter
than the lease must not turn an acknowledged review into a failed one.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tests.helpers import CLEAN_DIFF, Credentials, submit, wait_ready, wait_status, wait_terminal
from tests.support.postgres import PostgresServer
from wfc_server.review import ReviewEngine


class HeldEngine:
    """The real engine, whose result is held back until the test lets it go."""

    def __init__(self, engine: ReviewEngine) -> None:
        self._engine = engine
        self.reviewed = asyncio.Event()
        self.release = asyncio.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    async def review(self, request: Any, progress: Any) -> Any:
        result = await self._engine.review(request, progress)
        self.reviewed.set()
        await self.release.wait()
        return result


async def test_a_review_finishing_while_the_database_is_down_completes_once_it_is_back(
    pg_dsn: str, postgres_server: PostgresServer, make_client: Any, make_settings: Any
) -> None:
    settings = make_settings(store={"backend": "postgres", "dsn": pg_dsn, "lease_seconds": 10.0})
    engine = HeldEngine(ReviewEngine(settings.engine, settings.pool, settings.repos, settings.data_path))
    client = await make_client(settings, engine=engine)
    creds = await Credentials.create(client, "alpha")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await wait_status(client, creds, rid, "in_progress")
    await asyncio.wait_for(engine.reviewed.wait(), 30)
    await asyncio.to_thread(postgres_server.stop, "fast")
    try:
        engine.release.set()  # the gate and the final commit now meet a database that is down
        await asyncio.sleep(0.7)  # the gate's first read fails, and its retry
    finally:
        await asyncio.to_thread(postgres_server.start)
    await wait_ready(client)
    done = await wait_terminal(client, creds, rid, timeout=20)
    assert done["status"] == "completed", done.get("error")
