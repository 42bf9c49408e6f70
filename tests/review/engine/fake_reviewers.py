"""Small module-level reviewers for engine tests: they run in real worker processes."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from wfc_server.review.model import (
    AnalysisInput,
    AnalyzerError,
    RawFinding,
    ReviewerOutput,
)

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


def tool_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Security runs a long analyzer subprocess (its pid in data_dir/tool.pid) to be cancelled."""
    from wfc_server.review.tools.tool import run_tool

    if role == "security":
        marker = Path(inp.workdir).parent.parent.parent / "tool.pid"
        run_tool(["/bin/sh", "-c", f"echo $$ > {marker}; exec sleep 60"], timeout=120)
    return ReviewerOutput()


def snapshot_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Reports every reviewed file as a file-scope info finding carrying its text and flags."""
    findings = []
    for source in inp.files:
        findings.append(RawFinding(
            rule_id="SNAP", reviewer=role, severity="info", title=source.path,
            description=repr((source.text, source.base_text, source.complete, source.mode,
                              sorted(source.added_lines))),
            suggestion="none", file=source.path, line=None, concept=f"snap-{role}",
            family=role, scope="file",
        ))
    return ReviewerOutput(findings=findings if role == "security" else [])


def worker_pid() -> int:
    """A pool task: which worker ran me."""
    return os.getpid()


def unpicklable_result() -> object:
    """A pool task whose result cannot travel back to the parent."""
    return lambda: None


def hungry_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """The correctness reviewer asks for 4 GiB at once (a crafted input's worst case)."""
    if role == "correctness":
        hoard = bytearray(4 * 1024 * 1024 * 1024)
        del hoard
    return ReviewerOutput(findings=[])
