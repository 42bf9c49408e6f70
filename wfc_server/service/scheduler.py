"""Which review runs next: fair between projects, with per-project caps.

One FIFO queue for everyone let one tenant's backlog hold every worker while another tenant's
one-line review waited minutes. Here each project has its own FIFO; a free worker takes the next
review of the project with the fewest reviews running (ties: the one served longest ago), and a
project already at its running cap is passed over. So a tenant's first review starts as soon as
any worker frees, however long another tenant's backlog is.

:class:`JobQueue` is the small protocol the service uses, so a database-backed queue (a later
backend) can replace the in-memory :class:`FairQueue` without the service changing.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass
from typing import Protocol


class QueueFull(Exception):
    """The whole queue is at capacity (503 with Retry-After)."""


class ProjectQueueFull(Exception):
    """This project has as many reviews waiting as it may (429)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


@dataclass(frozen=True, slots=True)
class QueueLimits:
    total: int  # reviews waiting, all projects together
    per_project_queued: int  # reviews one project may have waiting
    per_project_running: int  # reviews of one project running at once


class JobQueue(Protocol):
    """What the review service needs of a queue."""

    def check(self, project_id: str) -> None:
        """Raise QueueFull/ProjectQueueFull if a review of ``project_id`` would be refused now."""

    def reserve(self, project_id: str) -> None:
        """Hold a place for a review about to be stored; raise QueueFull/ProjectQueueFull."""

    def release(self, project_id: str) -> None:
        """Give back a reserved place that was not used (the store write failed)."""

    def push(self, project_id: str, review_id: str, *, reserved: bool = True) -> None:
        """Queue a stored review (``reserved=False``: recovery, no caps apply)."""

    def remove(self, project_id: str, review_id: str) -> None:
        """Drop a waiting review (cancelled before it started)."""

    async def next(self) -> tuple[str, str]:
        """Wait for the next review to run: ``(project_id, review_id)``; it counts as running."""

    def finished(self, project_id: str) -> None:
        """A review taken with :meth:`next` is over; its project may run another."""

    def waiting(self, project_id: str | None = None) -> int:
        """Reviews waiting (reserved places included), overall or for one project."""


class FairQueue:
    """In-memory :class:`JobQueue`: per-project FIFOs served fewest-running-first."""

    def __init__(self, limits: QueueLimits) -> None:
        self._limits = limits
        self._pending: dict[str, deque[str]] = {}
        self._reserved: dict[str, int] = {}
        self._running: dict[str, int] = {}
        self._served_at: dict[str, int] = {}
        self._ticks = itertools.count(1)
        self._total = 0
        self._wakeup = asyncio.Event()

    # -- admission --------------------------------------------------------------------------

    def check(self, project_id: str) -> None:
        """Raise QueueFull/ProjectQueueFull if a review of ``project_id`` would not be admitted
        now (cheap: callers refuse before reading the request body)."""
        if self._total >= self._limits.total:
            raise QueueFull()
        if self.waiting(project_id) >= self._limits.per_project_queued:
            raise ProjectQueueFull(self._limits.per_project_queued)

    def reserve(self, project_id: str) -> None:
        self.check(project_id)
        self._reserved[project_id] = self._reserved.get(project_id, 0) + 1
        self._total += 1

    def release(self, project_id: str) -> None:
        left = self._reserved.get(project_id, 0) - 1
        if left > 0:
            self._reserved[project_id] = left
        else:
            self._reserved.pop(project_id, None)
        self._total -= 1

    def push(self, project_id: str, review_id: str, *, reserved: bool = True) -> None:
        if reserved:
            self.release(project_id)
        self._pending.setdefault(project_id, deque()).append(review_id)
        self._total += 1
        self._wakeup.set()

    def remove(self, project_id: str, review_id: str) -> None:
        queue = self._pending.get(project_id)
        if queue is None:
            return
        try:
            queue.remove(review_id)
        except ValueError:
            return
        self._total -= 1
        if not queue:
            del self._pending[project_id]

    # -- dispatch ---------------------------------------------------------------------------

    async def next(self) -> tuple[str, str]:
        while True:
            picked = self._pick()
            if picked is not None:
                return picked
            self._wakeup.clear()
            await self._wakeup.wait()

    def _pick(self) -> tuple[str, str] | None:
        cap = self._limits.per_project_running
        best: str | None = None
        best_key: tuple[int, int] = (0, 0)
        for project_id in self._pending:
            running = self._running.get(project_id, 0)
            if running >= cap:
                continue
            key = (running, self._served_at.get(project_id, 0))
            if best is None or key < best_key:
                best, best_key = project_id, key
        if best is None:
            return None
        queue = self._pending[best]
        review_id = queue.popleft()
        if not queue:
            del self._pending[best]
        self._total -= 1
        self._running[best] = self._running.get(best, 0) + 1
        self._served_at[best] = next(self._ticks)
        if self._pending:
            self._wakeup.set()  # another idle worker may serve another project
        return best, review_id

    def finished(self, project_id: str) -> None:
        left = self._running.get(project_id, 0) - 1
        if left > 0:
            self._running[project_id] = left
        else:
            self._running.pop(project_id, None)
            if project_id not in self._pending:
                self._served_at.pop(project_id, None)  # forget idle projects: bounded state
        self._wakeup.set()

    # -- introspection ----------------------------------------------------------------------

    def waiting(self, project_id: str | None = None) -> int:
        if project_id is None:
            return self._total
        queue = self._pending.get(project_id)
        return (len(queue) if queue else 0) + self._reserved.get(project_id, 0)

    def running(self, project_id: str) -> int:
        return self._running.get(project_id, 0)
