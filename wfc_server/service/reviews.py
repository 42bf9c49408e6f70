"""The review lifecycle: admit, persist, queue, run on the engine, stream, cancel, drain, recover.

pending -> in_progress -> completed | failed | cancelled; every change is persisted with its
timestamp before it is announced. The engine runs in a task per review so a cancel or the
timeout stops exactly that review; the worker that ran it goes on to the next one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from prometheus_async.aio import time as time_coroutine

from wfc_server.logs import get_logger
from wfc_server.metrics import Metrics
from wfc_server.review.model import Progress, ReviewFailed, ReviewRequest, ReviewResult
from wfc_server.service.events import EventHub, Subscriber
from wfc_server.service.review_runs import (
    SHUTDOWN,
    StatusBodies,
    drain_runs,
    engine_request,
    render_summary,
    settle,
)
from wfc_server.service.scheduler import FairQueue, JobQueue, QueueLimits
from wfc_server.store.records import (
    CANCELLED,
    COMPLETED,
    FAILED,
    IN_PROGRESS,
    PENDING,
    ProjectRecord,
    ReviewRecord,
    utc_now,
)
from wfc_server.store.reviews import ReviewStore

log = get_logger("wfc.reviews")


def _ids(record: ReviewRecord) -> dict[str, str | None]:
    """The fields every review lifecycle log line carries (the submitting request's id too)."""
    return {"review_id": record.review_id, "project_id": record.project_id, "request_id": record.request_id}


_RESULT_EXTRAS = ("risk", "tier", "minority_protection_applied", "reviewers", "coverage", "engine_version",
                  "gate", "baseline", "fixed")
_ACTIVE = {PENDING, IN_PROGRESS}
_USER = "user"


#: File names a history summary carries at most (the count is always exact).
SUMMARY_FILE_NAMES = 20


def _file_summary(result: dict[str, Any]) -> dict[str, Any]:
    """How many files a review covered and the first names (reviewed, with findings, or skipped)."""
    coverage = result.get("coverage") or {}
    names = {str(name) for name in coverage.get("reviewed_files") or []}
    names.update(str(f["file"]) for f in result.get("findings", []) if f.get("file"))
    names.update(str(s["path"]) for s in coverage.get("skipped", []) if s.get("path"))
    return {"files_total": coverage.get("files_total", len(names)),
            "file_names": sorted(names)[:SUMMARY_FILE_NAMES]}


class Engine(Protocol):
    """What the service needs of the review engine (``wfc_server.review.ReviewEngine``)."""

    async def start(self) -> None: ...
    async def close(self) -> None: ...
    async def review(self, request: ReviewRequest, progress: Any) -> ReviewResult: ...
    def pool_status(self, project_id: str) -> dict[str, Any]: ...
    def pool_size(self) -> int: ...


class NotAccepting(Exception):
    """The service is draining or not yet recovered (503)."""


class NotCancellable(Exception):
    """The review already reached a terminal state (409)."""


@dataclass(frozen=True, slots=True)
class ServiceLimits:
    workers: int
    timeout_seconds: float
    queue_size: int
    max_attempts: int
    max_queued_per_project: int = 100
    max_running_per_project: int = 0  # 0: one fewer than the workers (at least 1)

    def queue_limits(self) -> QueueLimits:
        running = self.max_running_per_project or max(1, self.workers - 1)
        return QueueLimits(self.queue_size, self.max_queued_per_project, running)


def render_status(record: ReviewRecord, progress: int, result: dict[str, Any] | None) -> dict[str, Any]:
    """The contract's status object, plus the engine's extras once completed (either backend)."""
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
        "findings": None,
        "findings_count": record.findings_count,
        "files": record.files,
        "base_ref": record.base_ref,
        "branch": (record.pipeline or {}).get("branch"),
        "progress": progress,
    }
    if record.status == FAILED:
        body["error"] = record.error
    if record.status == COMPLETED:
        if result is None:  # damaged or missing in the store: say so, never pass it off as clean
            body["error"] = "The stored result of this review could not be read"
            result = {"findings": None}
        body["findings"] = result.get("findings", [])
        for key in _RESULT_EXTRAS:
            body[key] = result.get(key)
    return body


class ReviewService:
    def __init__(
        self,
        store: ReviewStore,
        engine: Engine,
        hub: EventHub,
        metrics: Metrics,
        limits: ServiceLimits,
        repo_path_of: Any,
        judge: Any = None,
    ) -> None:
        self._store = store
        self._engine = engine
        self._hub = hub
        self._metrics = metrics
        self._limits = limits
        self._repo_path_of = repo_path_of  # project_id -> repo_path (or None)
        # (record, result dict) -> judged result dict: the project's quality gate, if any.
        self._judge = judge
        self._queue: JobQueue = FairQueue(limits.queue_limits())
        self._late_writes: set[asyncio.Task[None]] = set()
        self._unsaved: dict[str, ReviewRecord] = {}  # terminal states the disk refused, by id
        self._workers: list[asyncio.Task[None]] = []
        self._running: dict[str, asyncio.Task[ReviewResult]] = {}
        self._runs: set[asyncio.Task[None]] = set()
        self._cancel_reason: dict[str, str] = {}
        self._accepting = False
        # Encoded status bodies of finished reviews: they never change, and polls dominate.
        self._bodies = StatusBodies()  # finished reviews' encoded status objects

    def on_terminal(self, listener: Callable[[ReviewRecord, str], None]) -> None:
        """Call ``listener(record, kind)`` when a review ends (webhooks subscribe here)."""
        self._hub.on_terminal(listener)

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self, unfinished: list[ReviewRecord]) -> None:
        """Resume what a previous run left unfinished, then start the workers."""
        for record in sorted(unfinished, key=lambda r: r.seq):
            self._hub.open(record, resumed=True)
            if record.attempts >= self._limits.max_attempts:
                await self._finish_failed(
                    record,
                    f"Review was interrupted {record.attempts} times by server restarts; giving up",
                )
                continue
            if record.status != PENDING:
                await self._transition(record, _ACTIVE, status=PENDING, started_at=None)
            log.info("review.recovered", **_ids(record), attempts=record.attempts)
            self._queue.push(record.project_id, record.review_id, reserved=False)
        self._metrics.queue_depth.set(self._queue.waiting())
        self._workers = [
            asyncio.create_task(self._worker(), name=f"review-worker-{n}")
            for n in range(self._limits.workers)
        ]
        self._accepting = True

    @property
    def accepting(self) -> bool:
        return self._accepting

    @property
    def queue_depth(self) -> int:
        return self._queue.waiting()

    def check_admission(self, project_id: str) -> None:
        """Raise what :meth:`submit` would for the queue's caps, before the body is even read."""
        if not self._accepting:
            raise NotAccepting()
        self._queue.check(project_id)

    @property
    def running_count(self) -> int:
        return len(self._running)

    async def drain(self, grace_seconds: float) -> None:
        """Stop accepting, let running reviews finish within the grace period, requeue the rest."""
        self._accepting = False
        await drain_runs(self._workers, self._running, self._runs, self._cancel_reason, grace_seconds)
        self._workers = []
        for task in list(self._late_writes):  # the disk is still refusing: resumed on restart
            task.cancel()
        if self._late_writes:
            await asyncio.gather(*self._late_writes, return_exceptions=True)

    # -- requests ---------------------------------------------------------------------------

    async def submit(
        self, project: ProjectRecord, diff: str, files: list[str], base_ref: str | None,
        *, request_id: str | None = None, review_id: str | None = None,
        pipeline: dict[str, Any] | None = None,
    ) -> ReviewRecord:
        """Admit, persist durably, then queue. Raises QueueFull, ProjectQueueFull or NotAccepting.

        ``review_id`` is chosen by the caller when an idempotency key reserved it beforehand.
        """
        if not self._accepting:
            raise NotAccepting()
        self._queue.reserve(project.project_id)  # held across the awaits below
        try:
            record = ReviewRecord(
                review_id=review_id or str(uuid.uuid4()),
                project_id=project.project_id,
                developer_id=project.developer_id,
                seq=self._store.next_seq(),
                status=PENDING,
                submitted_at=utc_now(),
                files=files,
                base_ref=base_ref,
                request_id=request_id,
                pipeline=pipeline,
            )
            await self._store.create(record, diff)
        except BaseException:
            self._queue.release(project.project_id)
            raise
        self._metrics.count_review("submitted", project.project_id)
        self._queue.push(record.project_id, record.review_id)
        position = self._queue.waiting(record.project_id)
        self._hub.publish(record, "queued", 0, {"queue_position": position})
        log.info("review.submitted", **_ids(record),
                 diff_bytes=len(diff), files=len(files))
        self._metrics.queue_depth.set(self._queue.waiting())
        await self._save_unsaved()  # the disk accepts again: before this 202, what clients saw
        return record

    async def cancel(self, record: ReviewRecord) -> ReviewRecord:
        """Cancel a pending or running review; a running one is stopped and its worker freed."""
        if record.terminal:
            raise NotCancellable()
        task = self._running.get(record.review_id)
        if task is None:
            self._queue.remove(record.project_id, record.review_id)  # frees its place at once
            self._metrics.queue_depth.set(self._queue.waiting())
        self._store.set_status(record, CANCELLED)  # synchronous: no completion can slip in
        record.completed_at = utc_now()
        if task is not None:
            self._cancel_reason[record.review_id] = _USER
            task.cancel()
        await self._store.save(record)
        self._metrics.count_review(CANCELLED, record.project_id)
        self._hub.publish(record, "cancelled", self._hub.progress(record.review_id) or 0, {})
        log.info("review.cancelled", **_ids(record),
                 was_running=task is not None)
        return record

    # -- reads (the same coroutines as the shared backend's service, so handlers need not know) --

    async def record(self, review_id: str) -> ReviewRecord | None:
        return self._store.get(review_id)

    async def page(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]:
        return self._store.list(project_id, status, limit, offset)

    async def subscribe(self, record: ReviewRecord, after: int | None) -> tuple[Subscriber, int, list[str]]:
        return self._hub.subscribe(record, after)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self._hub.unsubscribe(subscriber)

    async def render(
        self, record: ReviewRecord, *, result: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The contract's status object, plus the engine's extras once completed."""
        progress = 100 if record.terminal else (self._hub.progress(record.review_id) or 0)
        if record.status == COMPLETED and result is None:
            result = await self._store.result(record)  # None: damaged or missing, and said so
        return render_status(record, progress, result)

    async def read_diff(self, record: ReviewRecord) -> str:
        """The diff as submitted (the dashboard shows findings beside its lines)."""
        return await self._store.read_diff(record.review_id)

    async def render_body(self, record: ReviewRecord) -> bytes:
        """The encoded status object; cached once the review is terminal (it never changes)."""
        return await self._bodies.encoded(record, self.render)

    def forget(self, review_ids: list[str]) -> None:
        """Drop cached bodies of deleted reviews."""
        self._bodies.forget(review_ids)
        for review_id in review_ids:
            self._unsaved.pop(review_id, None)  # a late write must not bring a deleted review back

    def render_summary(self, record: ReviewRecord) -> bytes:
        """A history entry (see :func:`render_summary`)."""
        return render_summary(record, 100 if record.terminal else (self._hub.progress(record.review_id) or 0))

    # -- workers ----------------------------------------------------------------------------

    async def _worker(self) -> None:
        while True:
            project_id, review_id = await self._queue.next()
            try:
                self._metrics.queue_depth.set(self._queue.waiting())
                record = self._store.get(review_id)
                if record is None or record.status != PENDING:
                    continue  # cancelled while it waited
                run = asyncio.create_task(self._run(record))
                self._runs.add(run)
                run.add_done_callback(self._runs.discard)
                try:
                    await asyncio.shield(run)  # a drain stops the loop, never a review half-way
                except asyncio.CancelledError:
                    raise
                except Exception:  # a worker must outlive any one review's failure
                    log.exception("review.worker_error", review_id=review_id)
            finally:
                self._queue.finished(project_id)

    async def _run(self, record: ReviewRecord) -> None:
        try:
            started_now = await self._transition(
                record, {PENDING}, status=IN_PROGRESS, started_at=utc_now(), attempts=record.attempts + 1
            )
        except OSError as exc:
            await self._finish_failed(record, f"Could not store the review's state: {exc.strerror or exc}")
            return
        if not started_now:
            return  # cancelled during the save
        self._hub.publish(record, "started", 1, {"attempt": record.attempts})
        log.info("review.started", **_ids(record),
                 attempt=record.attempts)
        task = asyncio.create_task(self._review(record), name=f"review-{record.review_id}")
        self._running[record.review_id] = task
        self._metrics.active_reviews.inc()
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._limits.timeout_seconds):
                result = await asyncio.shield(task)
        except TimeoutError:
            task.cancel()
            await settle(task)
            await self._finish_failed(
                record, f"Review execution timeout after {self._limits.timeout_seconds:g} seconds"
            )
        except asyncio.CancelledError:
            await settle(task)
            reason = self._cancel_reason.pop(record.review_id, None)
            if reason == SHUTDOWN:
                await self._requeue_for_restart(record)
            elif reason != _USER:
                await self._finish_failed(record, "Review was interrupted")
        except ReviewFailed as exc:
            await self._finish_failed(record, str(exc) or "Review failed")
        except Exception as exc:  # an engine bug must end the review, never hang it
            log.exception("review.crashed", **_ids(record))
            await self._finish_failed(record, f"Internal review error ({type(exc).__name__})")
        else:
            await self._finish_completed(record, result, time.monotonic() - started)
        finally:
            self._running.pop(record.review_id, None)
            self._cancel_reason.pop(record.review_id, None)
            self._metrics.active_reviews.dec()

    async def _review(self, record: ReviewRecord) -> ReviewResult:
        diff = await self._store.read_diff(record.review_id)
        request = engine_request(record, diff, self._repo_path_of(record.project_id))

        async def on_progress(step: Progress) -> None:
            if record.status == IN_PROGRESS:
                self._hub.publish(record, "stage", step.progress, step.to_dict())

        return await time_coroutine(self._metrics.review_duration, self._engine.review(request, on_progress))

    async def _transition(self, record: ReviewRecord, only_from: set[str], **changes: Any) -> bool:
        """Persist the record with ``changes``, then apply them in memory.

        Nothing is visible (to polls, listings or streams) before it is on disk. Returns False,
        applying nothing, when the record left ``only_from`` meanwhile (a cancel won the race).
        Raises OSError when the write fails; the in-memory record is then unchanged.
        """
        if record.status not in only_from:
            return False  # e.g. cancelled before this transition began: write nothing
        staged = dataclasses.replace(record, **changes)
        await self._store.save(staged)
        if record.status not in only_from:
            return False  # cancelled while writing: the cancel's own write lands after ours
        self._store.apply(record, staged)
        return True

    async def _finish_completed(self, record: ReviewRecord, result: ReviewResult, seconds: float) -> None:
        data = result.to_dict()
        if self._judge is not None:
            try:
                data = await self._judge(record, data)
            except Exception as exc:  # an unjudged review must never look like a pass
                await self._finish_failed(record, str(exc) or "The quality gate could not be applied")
                return
        try:
            done = await self._transition(
                record,
                {IN_PROGRESS},
                status=COMPLETED,
                completed_at=utc_now(),
                consensus_score=data["consensus_score"],
                passed=data["passed"],
                findings_count=len(data["findings"]),
                severity_counts=dict(Counter(f["severity"] for f in data["findings"])),
                file_summary=_file_summary(data),
                result=data,
            )
        except OSError as exc:
            await self._finish_failed(record, f"Could not store the review result: {exc.strerror or exc}")
            return
        if not done:
            return  # cancelled while the engine finished
        self._metrics.count_review(COMPLETED, record.project_id)
        coverage = data.get("coverage") or {}
        if coverage.get("mode") == "diff" and self._repo_path_of(record.project_id):
            # The project has a repository but this review could not read it: say why, loudly.
            log.warning("review.repository_mode_unavailable", **_ids(record),
                        reason=coverage.get("mode_reason"))
        self._hub.publish(record, "completed", 100, await self.render(record, result=data))
        log.info("review.completed", **_ids(record),
                 consensus_score=record.consensus_score, passed=record.passed,
                 findings=record.findings_count, duration_ms=round(seconds * 1000))

    async def _finish_failed(self, record: ReviewRecord, reason: str) -> None:
        if record.terminal:
            return
        changes: dict[str, Any] = {
            "status": FAILED, "completed_at": utc_now(), "passed": False, "consensus_score": None,
            "error": reason,
        }
        try:
            if not await self._transition(record, _ACTIVE, **changes):
                return
        except OSError as exc:
            # The disk refuses even this: end it in memory so clients and the worker move on; the
            # file still says unfinished, so a restart resumes it.
            log.error("review.persist_failed", **_ids(record),
                      error=exc.strerror or str(exc))
            self._store.apply(record, dataclasses.replace(record, **changes))
            self._persist_later(record)
        self._metrics.count_review(FAILED, record.project_id)
        self._hub.publish(record, "failed", self._hub.progress(record.review_id) or 0, {"error": reason})
        log.warning("review.failed", **_ids(record), error=reason)

    def _persist_later(self, record: ReviewRecord) -> None:
        """Keep trying to store a terminal state clients were already shown (the disk was full),
        so a restart after the disk recovers shows the same state, not a resumed review."""
        self._unsaved[record.review_id] = record
        task = asyncio.create_task(self._persist_retry(record), name=f"persist-{record.review_id}")
        self._late_writes.add(task)
        task.add_done_callback(self._late_writes.discard)

    async def _persist_retry(self, record: ReviewRecord) -> None:
        delay = 0.5
        while record.review_id in self._unsaved:
            await asyncio.sleep(delay)
            if not await self._save_late(record):
                delay = min(delay * 2, 30.0)

    async def _save_unsaved(self) -> None:
        """Store refused terminal states now, before a new review is acknowledged: a 202 after
        the disk recovers means they are durable too (a crash cannot resume them any more)."""
        for record in list(self._unsaved.values()):
            await self._save_late(record)

    async def _save_late(self, record: ReviewRecord) -> bool:
        if record.review_id not in self._unsaved:
            return True
        try:
            await self._store.save(record)
        except OSError:
            return False
        if self._unsaved.pop(record.review_id, None) is not None:
            log.info("review.persisted_late", review_id=record.review_id, project_id=record.project_id,
                     status=record.status)
        return True

    async def _requeue_for_restart(self, record: ReviewRecord) -> None:
        """A drain ran out of grace: the review goes back to pending and resumes on restart."""
        if record.terminal:
            return
        # A clean shutdown is not a failed attempt.
        await self._transition(record, {IN_PROGRESS}, status=PENDING, started_at=None,
                               attempts=max(record.attempts - 1, 0))
        log.info("review.requeued", **_ids(record))
