"""What both review services do alike, embedded (``reviews``) or shared by replicas
(``shared_reviews``): the request handed to the engine, stopping a run, draining, and the cache of
finished reviews' encoded status bodies."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import orjson

from wfc_server.logs import get_logger
from wfc_server.review.model import ReviewRequest
from wfc_server.store.cache import ByteLRU
from wfc_server.store.records import COMPLETED, FAILED, ReviewRecord

log = get_logger("wfc.reviews")

SHUTDOWN = "shutdown"  # why a run was stopped: the server is going down (requeue, not an attempt)
#: Bytes of encoded status bodies of finished reviews kept for polls.
BODY_CACHE_BYTES = 64 * 1024 * 1024


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


def render_summary(record: ReviewRecord, progress: int) -> bytes:
    """A history entry: the status object without findings, reviewer reports or coverage, with
    the finding counts per severity and a few file names instead (no result is read)."""
    body: dict[str, Any] = {
        "review_id": record.review_id,
        "status": record.status,
        "project_id": record.project_id,
        "developer_id": record.developer_id,
        "submitted_at": record.submitted_at,
        "started_at": record.started_at,
        "completed_at": record.completed_at,
        "consensus_score": record.consensus_score,
        "passed": record.passed,
        "findings_count": record.findings_count,
        "severity_counts": record.severity_counts,
        **(record.file_summary or {}),
        "files": record.files,
        "base_ref": record.base_ref,
        "progress": progress,
    }
    if record.status == FAILED:
        body["error"] = record.error
    return orjson.dumps(body)


class StatusBodies:
    """Encoded status bodies of finished reviews: they never change, and polls dominate.

    Bounded by bytes, not by count: one review with thousands of findings must not make the cache
    hold gigabytes."""

    def __init__(self, max_bytes: int = BODY_CACHE_BYTES) -> None:
        self._bodies: ByteLRU[bytes] = ByteLRU(max_bytes)

    async def encoded(self, record: ReviewRecord, render: Callable[[ReviewRecord], Awaitable[dict[str, Any]]]) -> bytes:
        body = self._bodies.get(record.review_id)
        if body is not None:
            return body
        rendered = await render(record)
        body = orjson.dumps(rendered)
        if record.terminal and not (record.status == COMPLETED and rendered.get("findings") is None):
            self._bodies.put(record.review_id, body, len(body))  # (an unreadable result may heal)
        return body

    def forget(self, review_ids: list[str]) -> None:
        for review_id in review_ids:
            self._bodies.discard(review_id)
