"""Stopping background tasks within a bound: a close must never hang the app's teardown.

A task cancelled while psycopg waits on a database that stopped answering may take long to
finish (or, on a half-open socket, never): waiting for it is bounded, and what is still running
then is logged and left to die with the process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from wfc_server.logs import get_logger

log = get_logger("wfc.postgres")

#: Seconds a close waits for the tasks it cancelled.
CLOSE_TIMEOUT = 5.0


async def cancel_bounded(tasks: Iterable[asyncio.Task[object] | None], what: str,
                         timeout: float = CLOSE_TIMEOUT) -> None:
    """Cancel ``tasks`` and wait at most ``timeout`` seconds for them to end."""
    pending = [task for task in tasks if task is not None and not task.done()]
    for task in pending:
        task.cancel()
    if not pending:
        return
    done, stuck = await asyncio.wait(pending, timeout=timeout)
    for task in done:
        if not task.cancelled() and task.exception() is not None:
            log.debug("postgres.task_ended_with_error", what=what, error=str(task.exception())[:200])
    if stuck:
        log.warning("postgres.close_timed_out", what=what, tasks=len(stuck), timeout=timeout)
