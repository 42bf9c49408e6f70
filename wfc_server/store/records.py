"""The stored shapes of projects and reviews, and their JSON (de)serialisation."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
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
    # Files the completed review covered, for history summaries: {"files_total", "file_names"}.
    file_summary: dict[str, Any] | None = None
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


Checker = typing.Callable[[Any], bool]


def _any(_: Any) -> bool:
    return True


def _checker(hint: Any) -> Checker:
    """A predicate: whether a decoded JSON value fits a field's type hint (JSON true is never a
    number). Built once per hint: start-up checks every field of every stored record, and
    inspecting the hint for each value made that most of a 100,000-review start."""
    if hint is Any:
        return _any
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = tuple(_checker(arm) for arm in typing.get_args(hint))
        return lambda value: any(arm(value) for arm in arms)
    if hint is type(None):
        return lambda value: value is None
    if origin is list:
        (item_hint,) = typing.get_args(hint) or (Any,)
        item = _checker(item_hint)
        if item is _any:
            return lambda value: isinstance(value, list)
        return lambda value: isinstance(value, list) and all(item(v) for v in value)
    if origin is dict:
        key_hint, item_hint = typing.get_args(hint) or (Any, Any)
        key, item = _checker(key_hint), _checker(item_hint)
        return lambda value: isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
    if hint is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    return lambda value: isinstance(value, hint)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What loading a record of one class needs, worked out once per class."""

    names: frozenset[str]
    required: frozenset[str]
    checks: tuple[tuple[str, Checker, str], ...]  # (field, predicate, type named in errors)


@functools.cache
def _shape(cls: type) -> _Shape:
    fields = dataclasses.fields(cls)
    hints = typing.get_type_hints(cls)
    checks = tuple(
        (name, _checker(hint), hint.__name__ if isinstance(hint, type) else str(hint).replace("typing.", ""))
        for name, hint in sorted(hints.items())
    )
    required = frozenset(
        f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    return _Shape(frozenset(f.name for f in fields), required, checks)


def _check_types(shape: _Shape, data: dict[str, Any]) -> None:
    """A record that parses but holds another type would break whatever reads it later (a
    listing, the scheduler, start-up), so it is refused at load and quarantined like a
    corrupt file."""
    for name, fits, wanted in shape.checks:
        if name in data and not fits(data[name]):
            raise RecordError(f"field {name!r} holds {type(data[name]).__name__}, not {wanted}")


def _build(cls: Any, data: Any) -> Any:
    if not isinstance(data, dict):
        raise RecordError("record is not a JSON object")
    shape = _shape(cls)
    missing = shape.required - data.keys()
    if missing:
        raise RecordError(f"missing fields: {', '.join(sorted(missing))}")
    _check_types(shape, data)
    names = shape.names
    return cls(**{k: v for k, v in data.items() if k in names})
