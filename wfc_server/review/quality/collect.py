"""Run every quality rule family over an input and hand each reviewer its own role's findings.

Per-file rule results are memoised (keyed by the file's content and flags), so the four reviewers
running in one worker process analyse each file once; each ``review()`` call still works alone.
"""

from __future__ import annotations

import dataclasses
import functools

from wfc_server.review.analyzers.lizard import supports as lizard_supports
from wfc_server.review.model import (
    AnalysisInput, AnalyzerError, RawFinding, ReviewerOutput, SourceFile,
)
from wfc_server.review.quality import (
    metrics, py_correctness, py_performance, py_reliability, sg_go, sg_java, sg_javascript,
    text_rules,
)
from wfc_server.review.quality.common import dedupe
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.ruff_rules import ruff_findings

#: Rules whose verdict rests on something being absent (a close, a release); in a partial file
#: the missing piece may simply be outside the hunk, so they only run on complete files.
ABSENCE_RULES: frozenset[str] = frozenset({
    "WFC-REL-RESOURCE-LEAK", "WFC-REL-LOCK-RELEASE", "WFC-REL-GO-BODY-CLOSE",
    "WFC-REL-JAVA-RESOURCE-LEAK", "WFC-REL-JAVA-HTTP-TIMEOUT", "WFC-PERF-GROWING-GLOBAL",
})
_SG_CHECKS = {"javascript": sg_javascript.check, "typescript": sg_javascript.check,
              "go": sg_go.check, "java": sg_java.check}
_PY_CHECKS = (py_correctness.check, py_performance.check, py_reliability.check)


def review(inp: AnalysisInput, role: str) -> ReviewerOutput:
    """All findings of ``role`` for ``inp``, de-duplicated, with the files that were skipped."""
    findings, skipped = ruff_findings(inp, role)
    ruff_broken = {path for path, _ in skipped}
    for source in inp.files:
        per_file, reason = _file_findings(_key(source))
        if reason and source.path not in ruff_broken:
            skipped.append((source.path, reason))
        findings.extend(dataclasses.replace(f) for f in per_file if f.reviewer == role)
    if role == "maintainability":
        findings.extend(text_rules.duplicate_findings(inp.files))
    return ReviewerOutput(findings=dedupe(findings), skipped=skipped)


_Key = tuple[str, str, str, frozenset[int], str | None, bool, bool]


def _key(source: SourceFile) -> _Key:
    return (source.path, source.language, source.text, source.added_lines, source.base_text,
            source.is_test, source.complete)


@functools.lru_cache(maxsize=256)
def _file_findings(key: _Key) -> tuple[tuple[RawFinding, ...], str | None]:
    """Every role's findings for one file, and why part of the analysis was skipped (if so)."""
    path, language, text, added, base_text, is_test, complete = key
    source = SourceFile(path=path, language=language, text=text, added_lines=added,
                        base_text=base_text, is_test=is_test, complete=complete)
    out: list[RawFinding] = []
    reason: str | None = None
    if language == "python":
        if parse(text) is None:
            reason = "the Python AST rules could not parse the file"
        else:
            for check in _PY_CHECKS:
                out.extend(check(source))
    elif language in _SG_CHECKS:
        out.extend(_SG_CHECKS[language](source))
    if lizard_supports(path):
        try:
            out.extend(metrics.check(source))
        except AnalyzerError as exc:
            reason = str(exc)
    out.extend(text_rules.todo_findings(source))
    if not complete:
        out = [f for f in out if f.rule_id not in ABSENCE_RULES]
    return tuple(out), reason
