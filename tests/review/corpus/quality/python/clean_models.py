"""Domain models for scheduled jobs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class State(str, Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class Job:
    name: str
    due: dt.datetime
    state: State = State.PENDING
    tags: list[str] = field(default_factory=list)
    attempts: int = 0

    def is_due(self, now: dt.datetime | None = None) -> bool:
        now = now or dt.datetime.now(dt.timezone.utc)
        return self.state is State.PENDING and self.due <= now

    def mark_failed(self, max_attempts: int = 3) -> None:
        self.attempts += 1
        self.state = State.FAILED if self.attempts >= max_attempts else State.PENDING


def next_jobs(jobs: list[Job], limit: int = 10) -> list[Job]:
    due = [job for job in jobs if job.is_due()]
    due.sort(key=lambda job: (job.due, job.name))
    return due[:limit]


def tag_index(jobs: list[Job]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for job in jobs:
        for tag in job.tags:
            index.setdefault(tag, []).append(job.name)
    return {tag: sorted(names) for tag, names in index.items()}
