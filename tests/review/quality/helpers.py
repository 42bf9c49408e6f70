"""Build AnalysisInputs from real files in tmp_path and run one reviewer on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

from wfc_server.review.languages import is_test_path, language_for_path
from wfc_server.review.model import AnalysisInput, RawFinding, ReviewerOutput, SourceFile
from wfc_server.review.reviewers import run_reviewer


def source(
    tmp_path: Path,
    rel: str,
    text: str,
    *,
    complete: bool = True,
    base: str | None = None,
    added: set[int] | None = None,
    raw: bool = False,
) -> SourceFile:
    """A SourceFile written to disk; ``raw`` keeps leading blank lines and indentation."""
    if not raw:
        text = textwrap.dedent(text).lstrip("\n")
    disk = tmp_path / rel
    disk.parent.mkdir(parents=True, exist_ok=True)
    disk.write_text(text, encoding="utf-8")
    count = text.count("\n") + 1
    return SourceFile(
        path=rel,
        language=language_for_path(rel),
        text=text,
        added_lines=frozenset(added if added is not None else range(1, count + 1)),
        base_text=textwrap.dedent(base).lstrip("\n") if base is not None else None,
        disk_path=str(disk),
        is_test=is_test_path(rel),
        complete=complete,
        mode="repo" if base is not None else "diff",
    )


def review(tmp_path: Path, role: str, rel: str, text: str, **kwargs: object) -> ReviewerOutput:
    src = source(tmp_path, rel, text, **kwargs)  # type: ignore[arg-type]
    return run_reviewer(role, AnalysisInput(files=[src], workdir=str(tmp_path)))


def rule_ids(findings: list[RawFinding]) -> set[str]:
    return {f.rule_id for f in findings}


def at(findings: list[RawFinding], line: int) -> list[RawFinding]:
    return [f for f in findings if f.line == line]


def assert_fires_on_defect_only(
    tmp_path: Path, role: str, rule: str, path: str, bad: str, good: str, family: str | None = None
) -> list[RawFinding]:
    """``rule`` reports ``bad`` (as ``role``, from ``family`` if given) and stays quiet on
    ``good``; the hits on ``bad`` are returned for further checks."""
    hits = [f for f in review(tmp_path, role, path, bad).findings if f.rule_id == rule]
    assert hits, f"{rule} missed"
    assert all(f.reviewer == role and f.suggestion for f in hits)
    assert family is None or all(f.family == family for f in hits)
    quiet = [f for f in review(tmp_path, role, path, good).findings if f.rule_id == rule]
    assert not quiet, f"{rule} false alarm: {quiet}"
    return hits
