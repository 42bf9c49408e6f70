"""Closing never hangs: a task that does not end when cancelled is waited for a bounded time."""

from __future__ import annotations

import asyncio
import time

from wfc_server.store.postgres.tasks import cancel_bounded


async def test_a_task_that_ignores_its_cancellation_is_left_after_the_timeout() -> None:
    release = asyncio.Event()

    async def stubborn() -> None:  # as psycopg waiting on a socket that never answers
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    async def polite() -> None:
        await asyncio.sleep(3600)

    tasks = [asyncio.create_task(stubborn()), asyncio.create_task(polite())]
    await asyncio.sleep(0)
    started = time.monotonic()
    await cancel_bounded([*tasks, None], "test tasks", timeout=0.2)
    assert time.monotonic() - started < 1.0
    assert tasks[1].cancelled() and not tasks[0].done()
    release.set()
    await asyncio.wait_for(tasks[0], 1.0)
