"""The stored shapes of projects and reviews, and their JSON (de)serialisation."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

PENDING = "pending"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
FAILED = "failed"
CANCELLED = "cancelled"
STATUSES = (PENDING, IN_PROGRESS, COMPLETED, FAILED, CANCELLED)
TERMINAL = frozenset({COMPLETED, FAILED, CANCELLED})


def utc_now() -> str:
    """ISO 8601 UTC with a Z suffix and millisecond precision."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class RecordError(ValueError):
    """A stored file does not hold a valid record (it is quarantined)."""


@dataclass(slots=True)
class ProjectRecord:
    project_id: str
    developer_id: str
    repo_path: str | None  # None: a diff-only project
    created_at: str
    key_hash: str

    def public(self) -> dict[str, Any]:
        """What listings may show: never the key hash, never the repo path."""
        return {
            "project_id": self.project_id,
            "developer_id": self.developer_id,
            "created_at": self.created_at,
        }

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> ProjectRecord:
        return _build(cls, data)


@dataclass(slots=True)
class ReviewRecord:
    """A review's lifecycle state; its engine result lives beside it in ``result``."""

    review_id: str
    project_id: str
    developer_id: str
    seq: int
    status: str
    submitted_at: str
    files: list[str] = field(default_factory=list)
    base_ref: str | None = None
    started_at: str | None = None
    completed_at: str | None = None
    consensus_score: float | None = None
    passed: bool | None = None
    error: str | None = None
    attempts: int = 0
    event_seq: int = 0
    findings_count: int | None = None
    # Findings per severity once completed: history summaries show them without the result.
    severity_counts: dict[str, int] | None = None
    result: dict[str, Any] | None = None
    # The submitting request's id: every lifecycle log line of the review carries it.
    request_id: str | None = None
    # What the CI pipeline asked for: branch, baseline (as given and as resolved), idempotency.
    pipeline: dict[str, Any] | None = None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> ReviewRecord:
        record = _build(cls, data)
        if record.status not in STATUSES:
            raise RecordError(f"unknown status {record.status!r}")
        if record.seq < 1:
            raise RecordError("seq is not a positive integer")
        return record


#: JSON types each stored field may hold (None only where listed). A record that parses but
#: holds another type would break whatever reads it later (a listing, the scheduler, start-up),
#: so it is refused at load and quarantined like a corrupt file.
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "project_id": (str,), "developer_id": (str,), "repo_path": (str,), "created_at": (str,),
    "key_hash": (str,), "review_id": (str,), "seq": (int,), "status": (str,),
    "submitted_at": (str,), "files": (list,), "base_ref": (str, type(None)),
    "started_at": (str, type(None)), "completed_at": (str, type(None)),
    "consensus_score": (int, float, type(None)), "passed": (bool, type(None)),
    "error": (str, type(None)), "attempts": (int,), "event_seq": (int,),
    "findings_count": (int, type(None)), "result": (dict, type(None)),
    "severity_counts": (dict, type(None)),
}


def _check_types(data: dict[str, Any], names: set[str]) -> None:
    for name in sorted(names & data.keys()):
        value = data[name]
        allowed = _FIELD_TYPES.get(name)
        if allowed is None:
            continue
        wrong = not isinstance(value, allowed) or (
            isinstance(value, bool) and bool not in allowed  # JSON true is not a number here
        )
        if wrong:
            raise RecordError(f"field {name!r} holds {type(value).__name__}, not "
                              f"{' or '.join(t.__name__ for t in allowed)}")
    files = data.get("files")
    if isinstance(files, list) and not all(isinstance(item, str) for item in files):
        raise RecordError("field 'files' must be a list of strings")


def _build(cls: Any, data: Any) -> Any:
    if not isinstance(data, dict):
        raise RecordError("record is not a JSON object")
    names = {f.name for f in dataclasses.fields(cls)}
    required = {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    missing = required - data.keys()
    if missing:
        raise RecordError(f"missing fields: {', '.join(sorted(missing))}")
    _check_types(data, names)
    return cls(**{k: v for k, v in data.items() if k in names})
