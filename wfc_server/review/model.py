"""The review engine's data model: the one small interface between the service and the engine.

The service builds a :class:`ReviewRequest`, calls ``ReviewEngine.review(request, progress)``
and persists the returned :class:`ReviewResult` (``to_dict()``). Reviewers receive an
:class:`AnalysisInput` inside a worker process and return :class:`RawFinding` objects; the engine
filters them to added lines, merges, fingerprints and scores them. Everything here is plain data
so it pickles cheaply across the process pool.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from collections.abc import Awaitable, Callable

from wfc_server.review.rules.spec import Role as RuleRole
from wfc_server.review.rules.spec import Severity as RuleSeverity

Severity = Literal["critical", "high", "medium", "low", "info"]
Role = Literal["security", "correctness", "performance", "maintainability", "reliability"]

SEVERITIES: tuple[str, ...] = tuple(s.value for s in RuleSeverity)  # most severe first
ROLES: tuple[str, ...] = tuple(r.value for r in RuleRole)


class ReviewFailed(Exception):
    """A review could not produce a trustworthy result (analyzer crash, timeout, ...).

    The service records ``str(exc)`` as the review's ``error``; it must be a short,
    user-readable reason with no secrets and no traceback.
    """


class DiffValidationError(ValueError):
    """Submitted content is not a unified diff; ``str(exc)`` names what is wrong (422 detail)."""


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    review_id: str
    project_id: str
    diff_content: str
    files: tuple[str, ...] = ()
    repo_path: str | None = None
    base_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """One progress step; the service turns each into a WebSocket event.

    ``stage`` is one of ``parse``, ``workspace``, ``reviewer``, ``score``; ``state`` is
    ``started`` or ``finished``. For ``reviewer`` stages ``reviewer`` names the role and, when
    finished, ``findings`` holds that reviewer's finding count. ``progress`` is 0-100 overall.
    """

    stage: str
    state: str
    progress: int
    reviewer: str | None = None
    findings: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


ProgressCallback = Callable[[Progress], Awaitable[None]]


@dataclass(slots=True)
class SourceFile:
    """One changed file as the reviewers see it.

    ``text`` is the post-image: the whole file in repo mode; in diff-only mode a sparse image
    with the hunk lines at their real line numbers and blank lines elsewhere. ``base_text`` is
    the pre-image when known (repo mode), else ``None``. ``disk_path`` is where ``text`` was
    written inside the review's workspace, for analyzers that want a file name.
    """

    path: str
    language: str  # python, javascript, typescript, go, java, sql, ... or "other"
    text: str
    added_lines: frozenset[int]
    base_text: str | None = None
    disk_path: str | None = None
    is_test: bool = False  # tests, fixtures, docs, examples: heuristic findings drop to info
    mode: Literal["repo", "diff"] = "diff"
    # True when ``text`` is the whole file (repo mode, or a file the diff adds whole): rules whose
    # truth depends on unseen code (undefined/unused names) may run only then.
    complete: bool = False


@dataclass(slots=True)
class AnalysisInput:
    files: list[SourceFile]
    workdir: str
    mode: Literal["repo", "diff"] = "diff"


@dataclass(slots=True)
class RawFinding:
    """What a rule reports, before the engine filters, merges and scores.

    ``scope`` says how the added-line filter treats it: ``statement`` findings count when
    ``line..end_line`` touches an added line; ``function`` findings count when any line of the
    function (``line..end_line`` spanning the function) was added; ``file`` findings always
    count when the file changed. ``concept`` is a short stable key for the defect kind
    (``sql-injection``, ``bare-except``...): findings of different tools with the same concept on
    the same line merge, and the fingerprint hashes it. ``family`` names the independent rule
    family (``ruff``, ``bandit``, ``wfc-taint``...) so agreement can raise confidence.
    ``heuristic`` marks pattern guesses (secrets, metrics) that drop to ``info`` in test paths.
    """

    rule_id: str
    reviewer: str
    severity: str
    title: str
    description: str
    suggestion: str
    file: str
    line: int | None
    concept: str
    family: str
    confidence: int = 80
    end_line: int | None = None
    column: int | None = None
    cwe: str | None = None
    scope: Literal["statement", "function", "file"] = "statement"
    heuristic: bool = False


@dataclass(slots=True)
class Finding:
    """A finding as the API returns it (contract fields plus the engine's extras)."""

    severity: str
    category: str
    title: str
    description: str
    file: str
    line: int | None
    end_line: int | None
    column: int | None
    suggestion: str
    confidence: int
    reviewer: str
    reviewers: list[str]
    rule_id: str
    cwe: str | None
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ReviewerReport:
    score: float
    findings: int
    status: Literal["ok", "partial", "failed", "skipped"]  # partial: some file not analysed
    duration_ms: int


@dataclass(slots=True)
class ReviewResult:
    consensus_score: float
    passed: bool
    risk: float
    tier: str
    minority_protection_applied: bool
    findings: list[Finding]
    reviewers: dict[str, ReviewerReport]
    coverage: dict[str, Any]
    engine_version: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ReviewerOutput:
    """What one reviewer returns: its raw findings, and the files it could not analyse.

    ``skipped`` holds ``(path, reason)`` pairs (e.g. a file ruff could not parse); the engine
    lists them in the result's coverage so nothing is skipped silently.
    """

    findings: list[RawFinding] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


class AnalyzerError(ReviewFailed):
    """An analyzer crashed or timed out: the review must fail, never look clean."""
