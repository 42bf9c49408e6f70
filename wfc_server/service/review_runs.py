"""What both review services do alike, embedded (``reviews``) or shared by replicas
(``shared_reviews``): the request handed to the engine, stopping a run, draining, and the cache of
finished reviews' encoded status bodies."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from wfc_server.logs import get_logger
from wfc_server.review.model import ReviewRequest
from wfc_server.store.records import ReviewRecord

log = get_logger("wfc.reviews")

SHUTDOWN = "shutdown"  # why a run was stopped: the server is going down (requeue, not an attempt)
_BODY_CACHE = 4096


def engine_request(record: ReviewRecord, diff: str, repo_path: str | None) -> ReviewRequest:
    return ReviewRequest(
        review_id=record.review_id,
        project_id=record.project_id,
        diff_content=diff,
        files=tuple(record.files),
        repo_path=repo_path,
        base_ref=record.base_ref,
    )


async def settle(task: asyncio.Task[Any]) -> None:
    """Wait (bounded) for a cancelled engine task to release its processes and workspace."""
    if not task.done():
        task.cancel()
    await asyncio.wait([task], timeout=30)
    if task.done() and not task.cancelled():
        task.exception()  # mark retrieved


async def drain_runs(
    workers: list[asyncio.Task[None]], running: dict[str, asyncio.Task[Any]], runs: set[asyncio.Task[None]],
    stop_reasons: dict[str, str], grace_seconds: float,
) -> None:
    """Stop the workers; running reviews finish within the grace period, the rest are stopped
    with reason :data:`SHUTDOWN` (their service requeues them)."""
    for worker in workers:
        worker.cancel()  # idle workers stop at once; busy ones finish their review first
    if running:
        log.info("drain.waiting", running=len(running), grace_seconds=grace_seconds)
        await asyncio.wait(list(running.values()), timeout=grace_seconds)
    for review_id, task in list(running.items()):
        stop_reasons[review_id] = SHUTDOWN
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    if runs:
        await asyncio.wait(list(runs), timeout=60)


class StatusBodies:
    """Encoded status bodies of finished reviews: they never change, and polls dominate."""

    def __init__(self, limit: int = _BODY_CACHE) -> None:
        self._limit = limit
        self._bodies: OrderedDict[str, bytes] = OrderedDict()

    async def encoded(self, record: ReviewRecord, render: Callable[[ReviewRecord], Awaitable[dict[str, Any]]]) -> bytes:
        body = self._bodies.get(record.review_id)
        if body is not None:
            self._bodies.move_to_end(record.review_id)
            return body
        body = orjson.dumps(await render(record))
        if record.terminal:
            self._bodies[record.review_id] = body
            if len(self._bodies) > self._limit:
                self._bodies.popitem(last=False)
        return body

    def forget(self, review_ids: list[str]) -> None:
        for review_id in review_ids:
            self._bodies.pop(review_id, None)
