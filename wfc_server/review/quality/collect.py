"""Run the quality rule families over an input and hand each reviewer its own role's findings.

Each role runs only the families that can produce its findings (lizard only for
maintainability, the Python AST rules of that role, ...), so a reviewer in its own process
pays only for itself. Results are memoised per file and role, and the parse trees and ruff run
are shared, so reviewers running in one worker process analyse each file once.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

from wfc_server.review.tools.lizard import supports as lizard_supports
from wfc_server.review.model import (
    AnalysisInput,
    AnalyzerError,
    RawFinding,
    ReviewerOutput,
    SourceFile,
)
from wfc_server.review.quality import (
    bug_facts,
    bug_shapes,
    flow_rules,
    metrics,
    null_summaries,
    py_correctness,
    py_performance,
    py_reliability,
    sg_go,
    sg_java,
    sg_javascript,
    sql_rules,
    text_rules,
)
from wfc_server.review.quality.common import dedupe
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.ruff_rules import ruff_findings
from wfc_server.review.quality.sparse import prepare

#: Rules whose verdict rests on something being absent (a close, a release); in a partial file
#: the missing piece may simply be outside the hunk, so they only run on complete files.
ABSENCE_RULES: frozenset[str] = frozenset(
    {
        "WFC-REL-RESOURCE-LEAK",
        "WFC-REL-LOCK-RELEASE",
        "WFC-REL-GO-BODY-CLOSE",
        "WFC-REL-GO-ROWS-CLOSE",
        "WFC-REL-GO-ERR-NOT-CHECKED",
        "WFC-REL-JAVA-RESOURCE-LEAK",
        "WFC-REL-JAVA-HTTP-TIMEOUT",
        "WFC-PERF-GROWING-GLOBAL",
    }
)
_SG_CHECKS: dict[str, Callable[[SourceFile], list[RawFinding]]] = {
    "javascript": sg_javascript.check,
    "typescript": sg_javascript.check,
    "go": sg_go.check,
    "java": sg_java.check,
}
_PY_CHECKS: dict[str, Callable[[SourceFile], list[RawFinding]]] = {
    "correctness": py_correctness.check,
    "performance": py_performance.check,
    "reliability": py_reliability.check,
}
PY_AST_UNPARSABLE = "the Python AST rules could not parse the file"
#: Roles whose rules the control-flow family produces (the others never pay for it).
FLOW_ROLES = frozenset({"correctness", "reliability"})

_Key = tuple[str, str, str, frozenset[int], str | None, bool, bool]


def review(inp: AnalysisInput, role: str) -> ReviewerOutput:
    """All findings of ``role`` for ``inp``, de-duplicated, with the files that were skipped."""
    findings, skipped = ruff_findings(inp, role)
    ruff_broken = {path for path, _ in skipped}
    for source in inp.files:
        per_file, reason = _role_findings(_key(source), role)
        if reason and source.path not in ruff_broken:
            skipped.append((source.path, reason))
        findings.extend(dataclasses.replace(f) for f in per_file)
    if role == "maintainability":
        findings.extend(text_rules.duplicate_findings(inp.files))
    if role == "correctness":  # summaries span the files of the review, so not memoised per file
        findings.extend(null_summaries.findings(inp.files))
    return ReviewerOutput(findings=dedupe(findings), skipped=skipped)


def _key(source: SourceFile) -> _Key:
    return (
        source.path,
        source.language,
        source.text,
        source.added_lines,
        source.base_text,
        source.is_test,
        source.complete,
    )


def _source(key: _Key) -> SourceFile:
    path, language, text, added, base_text, is_test, complete = key
    return SourceFile(
        path=path,
        language=language,
        text=text,
        added_lines=added,
        base_text=base_text,
        is_test=is_test,
        complete=complete,
    )


@functools.lru_cache(maxsize=1024)
def _role_findings(key: _Key, role: str) -> tuple[tuple[RawFinding, ...], str | None]:
    """One role's findings for one file, and why part of its analysis was skipped (if so)."""
    source = _source(key)
    out: list[RawFinding] = []
    reason: str | None = None
    if source.language == "python" and role in _PY_CHECKS:
        text, whole = prepare(source.text, source.complete)
        if parse(text) is None:
            reason = PY_AST_UNPARSABLE
        else:
            out.extend(_PY_CHECKS[role](dataclasses.replace(source, text=text, complete=whole)))
    elif source.language in _SG_CHECKS:
        out.extend(f for f in _sg_findings(key) if f.reviewer == role)
        if role in FLOW_ROLES:
            try:
                out.extend(f for f in _flow_findings(key) if f.reviewer == role)
            except Exception as exc:  # noqa: BLE001 - a parser/matcher failure is named, never hidden
                reason = f"the control-flow rules failed ({type(exc).__name__})"
    elif source.language == "sql":
        out.extend(f for f in sql_rules.check(source) if f.reviewer == role)
    if source.language == "python" and role in FLOW_ROLES:
        out.extend(f for f in _flow_findings(key) if f.reviewer == role)
    if role == "maintainability":
        if lizard_supports(source.path) or source.language == "python":
            try:
                out.extend(metrics.check(source))
            except AnalyzerError as exc:
                reason = str(exc)
        out.extend(text_rules.todo_findings(source))
    if not source.complete:
        out = [f for f in out if f.rule_id not in ABSENCE_RULES]
    return tuple(out), reason


@functools.lru_cache(maxsize=256)
def _sg_findings(key: _Key) -> tuple[RawFinding, ...]:
    """Every role's ast-grep findings for one file (one parse serves all four reviewers)."""
    source = _source(key)
    return tuple(_SG_CHECKS[source.language](source))


@functools.lru_cache(maxsize=256)
def _flow_findings(key: _Key) -> tuple[RawFinding, ...]:
    """Control-flow findings of one JS/TS/Go/Java file (correctness and reliability only)."""
    source = _source(key)
    return tuple(flow_rules.check(source)) + tuple(bug_facts.check(source)) + tuple(bug_shapes.check(source))
