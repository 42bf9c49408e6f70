"""Small module-level reviewers for engine tests: they run in real worker processes."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from wfc_server.review.model import AnalysisInput, AnalyzerError, RawFinding, ReviewerOutput

_EVAL = re.compile(r"\beval\(")


def pattern_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Flags eval( for security (high) and TODO for maintainability (low), on every line."""
    findings: list[RawFinding] = []
    for source in inp.files:
        for number, line in enumerate(source.text.split("\n"), 1):
            if role == "security" and _EVAL.search(line):
                findings.append(RawFinding(
                    rule_id="FAKE-EVAL", reviewer=role, severity="high", title="eval of input",
                    description="eval runs arbitrary code", suggestion="use ast.literal_eval",
                    file=source.path, line=number, concept="code-injection", family="fake-a",
                    confidence=90,
                ))
            if role == "maintainability" and "TODO" in line:
                findings.append(RawFinding(
                    rule_id="FAKE-TODO", reviewer=role, severity="low", title="TODO left",
                    description="unfinished work", suggestion="finish it",
                    file=source.path, line=number, concept="todo", family="fake-b",
                    confidence=60, heuristic=True,
                ))
        if source.disk_path is not None and Path(source.disk_path).read_text() != source.text:
            raise AssertionError("workspace file differs from the source text")
    return ReviewerOutput(findings=findings)


def pid_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Writes its pid to workdir/../<role>.pid, then sleeps for security (to be cancelled)."""
    marker = Path(inp.workdir).parent.parent.parent / f"{role}.pid"
    marker.write_text(str(os.getpid()))
    if role == "security":
        time.sleep(60)
    return ReviewerOutput()


def slow_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    if role == "performance":
        time.sleep(60)
    return ReviewerOutput()


def crashing_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    if role == "correctness":
        raise KeyError("boom")
    return ReviewerOutput()


def analyzer_error_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    if role == "reliability":
        raise AnalyzerError("analyzer fake failed: exit code 3")
    return ReviewerOutput()


def dying_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    if role == "security":
        os._exit(7)
    return ReviewerOutput()


def quiet_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    return ReviewerOutput()
