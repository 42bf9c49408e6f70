"""The review engine: one diff in, one scored, merged, explained verdict out.

The engine only orchestrates. CPU work (parsing, post-images, reviewers, merge and score) runs in
the warm process pool; git runs as killable subprocesses; file I/O runs on threads; so the event
loop never blocks. Each review holds one workspace from the worktree pool for its whole life and
releases it however it ends. Cancelling the task that runs :meth:`ReviewEngine.review` kills the
worker processes and git commands doing its work before the CancelledError propagates; a reviewer
that crashes or overruns its budget fails the review (:class:`ReviewFailed`), never yields a
clean-looking result.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from wfc_server.logs import get_logger
from wfc_server.review.git import materialise, probe_repository
from wfc_server.review.model import (
    ROLES,
    AnalysisInput,
    Progress,
    ProgressCallback,
    ReviewFailed,
    ReviewRequest,
    ReviewResult,
    SourceFile,
)
from wfc_server.review.procpool import WarmPool, WorkerError
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.settings import EngineSettings, PoolSettings, RepoSettings
from wfc_server.review.stages import (
    Prepared,
    ReviewerOutcome,
    ReviewerRunner,
    assemble_repo,
    finalize,
    prepare,
    run_reviewer_task,
)
from wfc_server.review.workspace import Workspace, WorktreePool

T = TypeVar("T")
log = get_logger("wfc.engine")

# Progress milestones (percent): parse 0-10, workspace 10-20, reviewers 20-90, score 90-100.
_PARSED, _WORKSPACE_READY, _REVIEWERS_DONE = 10, 20, 90


class _Tracker:
    """Emits progress events in order, with a value that only rises."""

    def __init__(self, callback: ProgressCallback, reviewers: int) -> None:
        self._callback = callback
        self._value = 0
        self._lock = asyncio.Lock()
        self._reviewers = max(1, reviewers)
        self._finished = 0

    async def emit(self, stage: str, state: str, at_least: int, *, reviewer: str | None = None,
                   findings: int | None = None, detail: dict[str, Any] | None = None) -> None:
        async with self._lock:
            self._value = max(self._value, min(100, at_least))
            await self._callback(
                Progress(stage, state, self._value, reviewer, findings, detail or {})
            )

    async def reviewer_finished(self, role: str, findings: int) -> None:
        self._finished += 1
        share = (_REVIEWERS_DONE - _WORKSPACE_READY) * self._finished // self._reviewers
        await self.emit("reviewer", "finished", _WORKSPACE_READY + share, reviewer=role,
                        findings=findings)


async def _all_or_nothing(coros: list[Awaitable[T]]) -> list[T]:
    """Run concurrently; on the first failure or a cancel, cancel the rest and wait for them.

    Waiting matters: the cancelled tasks kill their worker processes, which must be done before
    the caller releases the workspace or reports the failure.
    """
    tasks = [asyncio.ensure_future(c) for c in coros]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    except asyncio.CancelledError:
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
        raise
    pending = [t for t in tasks if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
    failures = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
    if failures:
        first = next((e for e in failures if isinstance(e, ReviewFailed)), failures[0])
        raise first  # type: ignore[misc]
    return [t.result() for t in tasks]


def _write_sources(files: list[SourceFile], src: Path) -> list[tuple[str, str]]:
    """Write each file's text under ``src`` (never outside it); return files that failed."""
    failed: list[tuple[str, str]] = []
    root = os.path.realpath(src)
    for source in files:
        target = os.path.normpath(os.path.join(root, source.path))
        if os.path.commonpath([root, target]) != root:
            failed.append((source.path, "path escapes the workspace"))
            continue
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.realpath(os.path.dirname(target)) != os.path.dirname(target):
                raise OSError("parent directory is a symbolic link")
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as fh:
                fh.write(source.text)
        except OSError as exc:
            failed.append((source.path, f"could not be written to the workspace: {exc.strerror or exc}"))
            continue
        source.disk_path = target
    return failed


#: Reviewers whose analyzers overlap (ruff, the Python parse, ast-grep trees): run back to back
#: in one worker they share that work through the worker's caches.
_SHARED_ANALYSIS = ("correctness", "performance", "reliability", "maintainability")


def reviewer_chains(roles: tuple[str, ...], slots: int) -> list[tuple[str, ...]]:
    """Split the reviewers over the warm slots: security (the heaviest) apart, the reviewers
    that share analysis together; with one slot, everything in one chain."""
    if slots <= 1:
        return [roles]
    alone = tuple(r for r in roles if r not in _SHARED_ANALYSIS)
    shared = tuple(r for r in roles if r in _SHARED_ANALYSIS)
    chains = [(r,) for r in alone] + ([shared] if shared else [])
    return chains


def _log_repo_fallback(request: ReviewRequest, reason: str | None, detail: str | None) -> None:
    """What git or the file system said stays in the server log; the tenant sees ``reason``."""
    log.info("repo_mode.unavailable", review_id=request.review_id, project_id=request.project_id,
             reason=reason, detail=detail)


class ReviewEngine:
    """Runs reviews; one instance per service process, started once and closed on shutdown."""

    def __init__(
        self,
        engine: EngineSettings | None = None,
        pool: PoolSettings | None = None,
        repos: RepoSettings | None = None,
        data_dir: Path | None = None,
        *,
        reviewer_runner: ReviewerRunner = run_reviewer,
        roles: tuple[str, ...] = ROLES,
        recycle_after: int = 500,
    ) -> None:
        self.settings = engine or EngineSettings()
        self.pool_settings = pool or PoolSettings()
        self.repo_settings = repos or RepoSettings()
        self.data_dir = Path(data_dir) if data_dir is not None else Path.cwd() / ".wfc"
        self._runner = reviewer_runner
        self._roles = tuple(r for r in ROLES if r in roles)
        self._pool = WarmPool(self.settings.process_pool_size, recycle_after=recycle_after,
                              memory_limit_bytes=self.settings.worker_memory_mb * 1024 * 1024)
        self._worktrees = WorktreePool(self.data_dir / "worktrees", self.pool_settings)
        self._started = False

    async def start(self) -> None:
        """Warm the process pool, reap orphaned workspaces, start the periodic reaper."""
        if self._started:
            return
        await self._worktrees.start()
        await self._pool.start()
        self._started = True

    async def close(self) -> None:
        """Kill the workers and stop the reaper."""
        await self._worktrees.close()
        await self._pool.close()
        self._started = False

    def pool_status(self, project_id: str) -> dict[str, Any]:
        return self._worktrees.status(project_id)

    def pool_size(self) -> int:
        return self._worktrees.in_use()

    def worker_pids(self) -> list[int]:
        """Pids of the warm workers (diagnostics and tests)."""
        return self._pool.pids()

    async def review(self, request: ReviewRequest, progress: ProgressCallback) -> ReviewResult:
        if not self._started:
            raise RuntimeError("ReviewEngine.start() has not been awaited")
        tracker = _Tracker(progress, len(self._roles))
        await tracker.emit("parse", "started", 0)
        prepared = await self._prepare(request)
        await tracker.emit("parse", "finished", _PARSED,
                           detail={"files": len(prepared.files), "skipped": len(prepared.skipped)})
        await tracker.emit("workspace", "started", _PARSED)
        async with self._worktrees.acquire(request.project_id, request.review_id) as ws:
            files, skipped, mode, mode_reason = await self._materialise(request, prepared, ws)
            unwritten = await asyncio.to_thread(_write_sources, files, ws.src)
            skipped += unwritten
            failed = {p for p, _ in unwritten}
            files = [f for f in files if f.path not in failed]
            ws.touch()
            await tracker.emit("workspace", "finished", _WORKSPACE_READY,
                               detail={"mode": mode, "files": len(files)})
            inp = AnalysisInput(files=files, workdir=str(ws.src), mode=mode)
            outcomes, statuses = await self._run_reviewers(inp, tracker)
            ws.touch()
            await tracker.emit("score", "started", _REVIEWERS_DONE)
            coverage: dict[str, Any] = {
                "files_total": prepared.files_total,
                "reviewed": len(files),
                "reviewed_files": [f.path for f in files],
                "skipped": [{"path": p, "reason": r} for p, r in skipped],
                "mode": mode,
                "mode_reason": mode_reason,
                "repaired": [p for p in prepared.repaired if mode == "diff"],
            }
            result = await self._in_worker(
                "scoring", finalize, outcomes, statuses, coverage, self.settings
            )
        await tracker.emit("score", "finished", 100,
                           detail={"score": result.consensus_score, "passed": result.passed})
        return result

    async def _in_worker(self, what: str, fn: Callable[..., T], *args: Any) -> T:
        budget = self.settings.reviewer_timeout_seconds
        try:
            return await self._pool.run(fn, *args, timeout=budget)
        except TimeoutError:
            raise ReviewFailed(f"{what} timed out after {budget:g} seconds") from None
        except WorkerError as exc:
            raise ReviewFailed(f"{what} failed: {exc}") from None

    async def _prepare(self, request: ReviewRequest) -> Prepared:
        s = self.settings
        return await self._in_worker(
            "parsing the diff", prepare, request.diff_content, tuple(request.files),
            s.max_files, s.max_file_bytes, s.max_line_chars,
        )

    async def _materialise(
        self, request: ReviewRequest, prepared: Prepared, ws: Workspace
    ) -> tuple[list[SourceFile], list[tuple[str, str]], str, str | None]:
        """Repo mode when the repository allows it, else the diff-mode images, with the reason."""
        skipped = list(prepared.skipped)
        if not request.repo_path:
            return prepared.files, skipped, "diff", "diff-only project (no repo_path)"
        timeout = self.settings.git_timeout_seconds
        check = await probe_repository(request.repo_path, self.repo_settings.allowed_roots, timeout)
        if check.root is None:
            _log_repo_fallback(request, check.reason, check.detail)
            return prepared.files, skipped, "diff", f"repo mode unavailable: {check.reason}"
        if not prepared.files:
            return prepared.files, skipped, "repo", None
        paths = {f.path: prepared.diffs[f.path].old_path for f in prepared.files}
        images = await materialise(
            check, request.base_ref, request.diff_content, paths, ws.git_dir,
            timeout=timeout, max_file_bytes=self.settings.max_file_bytes,
        )
        if images.reason is not None:
            _log_repo_fallback(request, images.reason, images.detail)
            return prepared.files, skipped, "diff", f"repo mode unavailable: {images.reason}"
        refused = {p for p, _ in images.refused}
        keep = [f for f in prepared.files if f.path not in refused]
        files, more = await self._in_worker(
            "reading the repository", assemble_repo, keep, prepared.diffs, images.blobs,
            self.settings.max_file_bytes, self.settings.max_line_chars,
        )
        return files, skipped + images.refused + more, "repo", None

    async def _run_reviewers(
        self, inp: AnalysisInput, tracker: _Tracker
    ) -> tuple[list[ReviewerOutcome], dict[str, str]]:
        if not inp.files:
            for role in self._roles:
                await tracker.emit("reviewer", "started", _WORKSPACE_READY, reviewer=role)
                await tracker.reviewer_finished(role, 0)
            return [], {role: "skipped" for role in self._roles}
        budget = self.settings.reviewer_timeout_seconds
        cap = self.settings.max_findings_per_rule_per_file

        async def chain(roles: tuple[str, ...]) -> list[ReviewerOutcome]:
            # One slot runs the whole chain, so reviewers that share analyzer work (one ruff
            # run, one parse per file, cached in the worker) do it once per review.
            outcomes: list[ReviewerOutcome] = []
            async with self._pool.checkout() as slot:
                for role in roles:
                    await tracker.emit("reviewer", "started", _WORKSPACE_READY, reviewer=role)
                    try:
                        outcome: ReviewerOutcome = await slot.call(
                            run_reviewer_task, self._runner, role, inp, cap, timeout=budget
                        )
                    except TimeoutError:
                        raise ReviewFailed(
                            f"reviewer {role} timed out after {budget:g} seconds"
                        ) from None
                    except WorkerError as exc:
                        raise ReviewFailed(f"reviewer {role} failed: {exc}") from None
                    await tracker.reviewer_finished(role, len(outcome.findings))
                    outcomes.append(outcome)
            return outcomes

        chains = await _all_or_nothing([chain(c) for c in reviewer_chains(self._roles, self._pool.size)])
        outcomes = [outcome for outcomes_of_chain in chains for outcome in outcomes_of_chain]
        return outcomes, {role: "ok" for role in self._roles}
