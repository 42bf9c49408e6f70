"""The review lifecycle when many replicas share one database (``store.backend = "postgres"``).

The same states, events and guarantees as :class:`~wfc_server.service.reviews.ReviewService`,
with the shared state in the database instead of this process: a review is claimed from the
shared queue under a lease the queue keeps renewing; every state change is one conditional
update that commits its event with it (so a cancel on any replica wins over a late completion);
a cancel or a lost lease reaches the running task through the queue's ``watch`` within a second.
A replica that dies mid-review leaves a lease that expires: another replica claims the review
again with ``attempts + 1``, or ends it ``failed`` past ``review.max_attempts``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from prometheus_async.aio import time as time_coroutine

from wfc_server.logs import get_logger
from wfc_server.metrics import Metrics
from wfc_server.review.model import Progress, ReviewFailed, ReviewResult
from wfc_server.service.review_runs import (
    SHUTDOWN,
    StatusBodies,
    drain_runs,
    engine_request,
    render_summary,
    settle,
)
from wfc_server.service.reviews import (
    Engine,
    NotAccepting,
    NotCancellable,
    ServiceLimits,
    render_status,
)
from wfc_server.service.reviews import _file_summary as file_summary  # the embedded service's, same rule
from wfc_server.service.scheduler import ProjectQueueFull, QueueFull
from wfc_server.store.events import StreamSubscriber
from wfc_server.store.protocols import (
    Announce,
    EventBus,
    JobQueue,
    ProjectQueueAtCapacity,
    QueueAtCapacity,
    ReviewRepository,
    StoreUnavailable,
)
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

log = get_logger("wfc.reviews")

_ACTIVE = (PENDING, IN_PROGRESS)
_IDLE_POLL_SECONDS = 1.0  # expired leases wake nobody: look for them this often
_LOST = "lost"  # cancelled elsewhere, or the lease went to another replica
_TIMEOUT = "timeout"
#: Finished reviews' records kept for polls (a few hundred bytes each).
FINISHED_RECORDS = 20_000

TerminalListener = Callable[[ReviewRecord, str], None]
T = TypeVar("T")


def _ids(record: ReviewRecord) -> dict[str, str | None]:
    return {"review_id": record.review_id, "project_id": record.project_id, "request_id": record.request_id}


class SharedReviewService:
    def __init__(
        self,
        reviews: ReviewRepository,
        queue: JobQueue,
        events: EventBus,
        engine: Engine,
        metrics: Metrics,
        limits: ServiceLimits,
        repo_path_of: Callable[[str], str | None],
        judge: Any = None,
        *,
        lease_owner: str,
        cache_session: Callable[[], int | None] = lambda: None,
    ) -> None:
        self._reviews = reviews
        self._queue = queue
        self._events = events
        self._engine = engine
        self._metrics = metrics
        self._limits = limits
        self._repo_path_of = repo_path_of
        self._judge = judge
        self._owner = lease_owner
        self._workers: list[asyncio.Task[None]] = []
        self._running: dict[str, asyncio.Task[ReviewResult]] = {}
        self._runs: set[asyncio.Task[None]] = set()
        self._stop_reason: dict[str, str] = {}
        self._accepting = False
        self._depth = 0  # the shared queue's depth as last seen (probes and metrics read it)
        self._bodies = StatusBodies()  # finished reviews' encoded status objects
        # Finished reviews' records: they never change again, only go with their project. Kept
        # only while ``cache_session`` (the notification session telling us of deletions) lasts.
        self._finished: OrderedDict[str, tuple[ReviewRecord, int]] = OrderedDict()
        self._cache_session = cache_session
        self._on_terminal: list[TerminalListener] = []

    def on_terminal(self, listener: TerminalListener) -> None:
        """Call ``listener(record, kind)`` when this replica ends a review (webhooks subscribe)."""
        self._on_terminal.append(listener)

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self, unfinished: list[ReviewRecord] | None = None) -> None:
        """Start the workers: nothing to resume here, expired leases are claimed like new work."""
        self._workers = [
            asyncio.create_task(self._worker(), name=f"review-worker-{n}") for n in range(self._limits.workers)
        ]
        self._accepting = True

    @property
    def accepting(self) -> bool:
        return self._accepting

    @property
    def queue_depth(self) -> int:
        return self._depth

    def check_admission(self, project_id: str) -> None:
        """Refuse before the body is read when this replica is not accepting; the shared queue's
        caps (all projects' and this project's) are checked at submit, under the database's
        admission lock, so concurrent submits on any replicas never exceed them."""
        if not self._accepting:
            raise NotAccepting()

    @property
    def running_count(self) -> int:
        return len(self._running)

    async def drain(self, grace_seconds: float) -> None:
        """Stop claiming; running reviews finish within the grace period or go back to the queue."""
        self._accepting = False
        await drain_runs(self._workers, self._running, self._runs, self._stop_reason, grace_seconds)
        self._workers = []

    # -- requests ---------------------------------------------------------------------------

    async def submit(
        self, project: ProjectRecord, diff: str, files: list[str], base_ref: str | None,
        *, request_id: str | None = None, review_id: str | None = None,
        pipeline: dict[str, Any] | None = None,
    ) -> ReviewRecord:
        """Commit the review, its diff and its ``queued`` event; any replica may then claim it."""
        if not self._accepting:
            raise NotAccepting()
        record = ReviewRecord(
            review_id=review_id or str(uuid.uuid4()),
            project_id=project.project_id,
            developer_id=project.developer_id,
            seq=0,  # the database numbers arrivals across replicas
            status=PENDING,
            submitted_at=utc_now(),
            files=files,
            base_ref=base_ref,
            request_id=request_id,
            pipeline=pipeline,
        )
        try:
            await self._reviews.create(record, diff, Announce("queued", 0), max_pending=self._limits.queue_size,
                                       max_pending_per_project=self._limits.max_queued_per_project)
        except ProjectQueueAtCapacity as exc:
            raise ProjectQueueFull(exc.limit) from None
        except QueueAtCapacity:
            raise QueueFull() from None
        self._depth += 1
        self._metrics.count_review("submitted", project.project_id)
        self._metrics.queue_depth.set(self._depth)
        log.info("review.submitted", **_ids(record), diff_bytes=len(diff), files=len(files))
        return record

    async def cancel(self, record: ReviewRecord) -> ReviewRecord:
        """Cancel wherever it runs: the state changes now; the running replica stops it (NOTIFY)."""
        if record.terminal:
            raise NotCancellable()
        cancelled = await self._queue.cancel(record.review_id)
        if cancelled is None:
            current = await self._reviews.get(record.review_id)
            if current is not None:
                _adopt(record, current)
            raise NotCancellable()
        was_running = record.review_id in self._running
        _adopt(record, cancelled)
        self._stop(record.review_id, _LOST)
        self._metrics.count_review(CANCELLED, record.project_id)
        self._announce_terminal(record, CANCELLED)
        log.info("review.cancelled", **_ids(record), was_running=was_running)
        return record

    # -- reads ------------------------------------------------------------------------------

    async def record(self, review_id: str) -> ReviewRecord | None:
        """The review as stored; a finished one from memory (it cannot change, only be deleted
        with its project, which :meth:`forget_project` hears of from every replica)."""
        session = self._cache_session()
        cached = self._finished.get(review_id)
        if cached is not None and session is not None and cached[1] == session:
            self._finished.move_to_end(review_id)
            return dataclasses.replace(cached[0])  # the caller's to change
        record = await self._reviews.get(review_id)
        if record is not None and record.terminal and session is not None:
            self._finished[review_id] = (dataclasses.replace(record), session)
            if len(self._finished) > FINISHED_RECORDS:
                self._finished.popitem(last=False)
        return record

    async def page(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]:
        return await self._reviews.list(project_id, status, limit, offset)

    async def subscribe(
        self, record: ReviewRecord, after: int | None
    ) -> tuple[StreamSubscriber, int, list[str]]:
        return await self._events.subscribe(record, after)

    def unsubscribe(self, subscriber: StreamSubscriber) -> None:
        self._events.unsubscribe(subscriber)

    async def render(self, record: ReviewRecord, *, result: dict[str, Any] | None = None) -> dict[str, Any]:
        progress = 100 if record.terminal else (await self._events.progress(record.review_id) or 0)
        if record.status == COMPLETED and result is None:
            result = await self._reviews.result(record)  # None: damaged or missing, and said so
        return render_status(record, progress, result)

    def render_summary(self, record: ReviewRecord) -> bytes:
        """A history entry, from the row alone (severity counts and file names are stored with
        the completion)."""
        return render_summary(record, 100 if record.terminal else 0)  # live progress: the review itself

    async def render_body(self, record: ReviewRecord) -> bytes:
        """The encoded status object; cached once the review is terminal (it never changes)."""
        return await self._bodies.encoded(record, self.render)

    async def read_diff(self, record: ReviewRecord) -> str:
        return await self._reviews.read_diff(record.review_id)

    def forget(self, review_ids: list[str]) -> None:
        self._bodies.forget(review_ids)
        for review_id in review_ids:
            self._finished.pop(review_id, None)

    def forget_project(self, project_id: str) -> None:
        """A project was created, deleted or changed on some replica: drop what this one keeps of
        its finished reviews (a project id can be taken again once its deletion completed)."""
        self.forget([rid for rid, (record, _) in self._finished.items() if record.project_id == project_id])

    # -- workers ----------------------------------------------------------------------------

    async def _worker(self) -> None:
        while True:
            try:
                record = await self._queue.claim()
                self._depth = await self._queue.depth()
                self._metrics.queue_depth.set(self._depth)
            except StoreUnavailable as exc:
                log.warning("review.claim_unavailable", error=exc.reason)
                await asyncio.sleep(exc.retry_after)
                continue
            if record is None:
                await self._queue.wait_for_work(_IDLE_POLL_SECONDS)
                continue
            run = asyncio.create_task(self._run(record))
            self._runs.add(run)
            run.add_done_callback(self._runs.discard)
            try:
                await asyncio.shield(run)  # a drain stops the loop, never a review half-way
            except asyncio.CancelledError:
                raise
            except Exception:  # a worker must outlive any one review's failure
                log.exception("review.worker_error", review_id=record.review_id)

    async def _run(self, record: ReviewRecord) -> None:
        log.info("review.started", **_ids(record), attempt=record.attempts, replica=self._owner)
        task = asyncio.create_task(self._review(record), name=f"review-{record.review_id}")
        self._running[record.review_id] = task
        self._queue.watch(record.review_id, lambda: self._stop(record.review_id, _LOST))
        self._metrics.active_reviews.inc()
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._limits.timeout_seconds):
                result = await asyncio.shield(task)
        except TimeoutError:
            await settle(task)
            await self._finish_failed(
                record, f"Review execution timeout after {self._limits.timeout_seconds:g} seconds"
            )
        except asyncio.CancelledError:
            await settle(task)
            reason = self._stop_reason.pop(record.review_id, None)
            if reason == SHUTDOWN:
                await self._release(record)
            elif reason != _LOST:
                await self._finish_failed(record, "Review was interrupted")
        except ReviewFailed as exc:
            await self._finish_failed(record, str(exc) or "Review failed")
        except StoreUnavailable as exc:  # its diff could not be read: an outage is no reason to fail it
            log.warning("review.run_unavailable", **_ids(record), error=exc.reason)
            await self._release(record)  # else its lease lapses and any replica runs it again
        except Exception as exc:  # an engine bug must end the review, never hang it
            log.exception("review.crashed", **_ids(record))
            await self._finish_failed(record, f"Internal review error ({type(exc).__name__})")
        else:
            await self._finish_completed(record, result, time.monotonic() - started)
        finally:
            self._queue.unwatch(record.review_id)
            self._running.pop(record.review_id, None)
            self._stop_reason.pop(record.review_id, None)
            self._metrics.active_reviews.dec()

    def _stop(self, review_id: str, reason: str) -> None:
        task = self._running.get(review_id)
        if task is not None and not task.done():
            self._stop_reason.setdefault(review_id, reason)
            task.cancel()

    async def _review(self, record: ReviewRecord) -> ReviewResult:
        diff = await self._reviews.read_diff(record.review_id)
        request = engine_request(record, diff, self._repo_path_of(record.project_id))

        async def on_progress(step: Progress) -> None:
            try:
                await self._reviews.transition(
                    record.review_id, (IN_PROGRESS,), {}, Announce("stage", step.progress, step.to_dict()),
                    lease_owner=self._owner,
                )
            except StoreUnavailable as exc:  # a lost progress event must not fail the review
                log.warning("review.progress_unavailable", **_ids(record), error=exc.reason)

        return await time_coroutine(self._metrics.review_duration, self._engine.review(request, on_progress))

    async def _finish_completed(self, record: ReviewRecord, result: ReviewResult, seconds: float) -> None:
        data = result.to_dict()
        if self._judge is not None:
            judge, found = self._judge, data
            try:  # the gate reads policies, suppressions and baselines from the database
                data = await self._while_unavailable(lambda: judge(record, found))
            except StoreUnavailable as exc:  # not judged, not failed: the lease lapses, it runs again
                log.error("review.finish_unavailable", **_ids(record), error=exc.reason)
                return
            except Exception as exc:  # an unjudged review must never look like a pass
                await self._finish_failed(record, str(exc) or "The quality gate could not be applied")
                return
        changes = {
            "status": COMPLETED, "completed_at": utc_now(), "consensus_score": data["consensus_score"],
            "passed": data["passed"], "findings_count": len(data["findings"]),
            "severity_counts": dict(Counter(f["severity"] for f in data["findings"])),
            "file_summary": file_summary(data),
        }
        body = await self.render(dataclasses.replace(record, **changes), result=data)
        done = await self._end(record, {**changes, "result": data}, Announce("completed", 100, body))
        if done is None:
            return
        self._metrics.count_review(COMPLETED, record.project_id)
        log.info("review.completed", **_ids(done), consensus_score=done.consensus_score, passed=done.passed,
                 findings=done.findings_count, duration_ms=round(seconds * 1000))

    async def _finish_failed(self, record: ReviewRecord, reason: str) -> None:
        changes = {"status": FAILED, "completed_at": utc_now(), "passed": False, "consensus_score": None,
                   "error": reason}
        progress = await self._progress(record.review_id)
        if await self._end(record, changes, Announce("failed", progress, {"error": reason})) is None:
            return
        self._metrics.count_review(FAILED, record.project_id)
        log.warning("review.failed", **_ids(record), error=reason)

    async def _end(self, record: ReviewRecord, changes: dict[str, Any], announce: Announce) -> ReviewRecord | None:
        """Commit the final state if the review is still ours; None when it is not (cancelled).

        While the database is unreachable the write is retried until the lease would lapse; past
        that another replica owns the review and runs it again, so nothing acknowledged is lost.
        """
        try:
            done = await self._while_unavailable(lambda: self._reviews.transition(
                record.review_id, (IN_PROGRESS,), changes, announce, lease_owner=self._owner
            ))
        except StoreUnavailable as exc:
            log.error("review.finish_unavailable", **_ids(record), error=exc.reason)
            return None
        if done is not None:
            _adopt(record, done)
            self._announce_terminal(done, str(changes["status"]))
        return done

    async def _while_unavailable(self, operation: Callable[[], Awaitable[T]]) -> T:
        """``operation()``, tried again every half second while the database is unreachable, for
        as long as this replica's lease could last; past that StoreUnavailable (another replica
        runs the review again, so giving up loses nothing)."""
        deadline = time.monotonic() + getattr(self._queue, "lease_seconds", 30.0)
        while True:
            try:
                return await operation()
            except StoreUnavailable:
                if time.monotonic() >= deadline:
                    raise
                await asyncio.sleep(0.5)

    async def _progress(self, review_id: str) -> int:
        try:
            return await self._events.progress(review_id) or 0
        except StoreUnavailable:
            return 0

    async def _release(self, record: ReviewRecord) -> None:
        """A drain ran out of grace: the review goes back to the queue for another replica."""
        try:
            if await self._queue.release(record.review_id):
                log.info("review.requeued", **_ids(record))
        except StoreUnavailable as exc:
            log.warning("review.release_unavailable", **_ids(record), error=exc.reason)  # its lease lapses

    def _announce_terminal(self, record: ReviewRecord, kind: str) -> None:
        for listener in self._on_terminal:
            try:
                listener(record, kind)
            except Exception:  # noqa: BLE001 - a listener's bug must not undo the review's end
                log.exception("review.terminal_listener_failed", **_ids(record))


def _adopt(record: ReviewRecord, current: ReviewRecord) -> None:
    """Make the caller's record what the database now holds (the handler renders it)."""
    for name in ("status", "started_at", "completed_at", "consensus_score", "passed", "error", "attempts",
                 "event_seq", "findings_count"):
        setattr(record, name, getattr(current, name))
