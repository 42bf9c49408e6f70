"""The four reviewer entry points: own role only, standalone, de-duplicated, and fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.review import corpus_eval
from wfc_server.review.tools import lizard as lizard_analyzer
from wfc_server.review.tools import ruff as ruff_analyzer
from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.quality import collect, pyast
from wfc_server.review.reviewers import run_reviewer

ROLES = ("correctness", "performance", "maintainability", "reliability")


def corpus_input(tmp_path: Path, min_lines: int = 2700) -> AnalysisInput:
    """Real corpus files (all languages), repeated under new names until ~min_lines."""
    root = corpus_eval.CORPUS / "quality"
    cases = sorted(p for p in root.rglob("*") if p.is_file())
    files: dict[str, str] = {}
    total, round_ = 0, 0
    while total < min_lines:
        for case in cases:
            text = case.read_text(encoding="utf-8")
            files[f"r{round_}/{case.relative_to(root)}"] = text
            total += text.count("\n")
        round_ += 1
    return corpus_eval.whole_file_input(files, tmp_path)


def clear_caches() -> None:
    for cached in (
        collect._role_findings,
        collect._sg_findings,
        collect._flow_findings,
        pyast.parse,
        pyast.module_nodes,
        pyast.all_nodes,
        ruff_analyzer._cached_run,
        lizard_analyzer._analyse,
    ):
        cached.cache_clear()


@pytest.mark.parametrize("role", ROLES)
def test_reviewer_reports_only_its_role_and_runs_alone(tmp_path: Path, role: str) -> None:
    inp = corpus_input(tmp_path, min_lines=500)
    clear_caches()
    out = run_reviewer(role, inp)
    assert isinstance(out, ReviewerOutput)
    assert out.findings and {f.reviewer for f in out.findings} == {role}
    keys = [(f.file, f.line, f.concept) for f in out.findings]
    assert len(keys) == len(set(keys)), "duplicates survived de-duplication"
    for finding in out.findings:
        assert finding.rule_id and finding.concept and finding.family
        assert finding.title and finding.description and finding.suggestion
        assert finding.line is not None and finding.end_line is not None
        assert finding.end_line >= finding.line


def test_no_reviewer_is_pathologically_slow_on_2700_lines(tmp_path: Path) -> None:
    """A guard against super-linear work (seconds per file), not a speed claim: the speed of the
    reviewers is measured in bench/engine.py against running the tools directly."""
    inp = corpus_input(tmp_path)
    run_reviewer("correctness", inp)  # imports and tool start-up are not what we measure
    for role in ROLES:
        clear_caches()
        started = time.perf_counter()
        run_reviewer(role, inp)
        elapsed = time.perf_counter() - started
        # ~0.3 s on an idle machine; a quadratic pass would take minutes.
        assert elapsed < 20, f"{role} took {elapsed:.2f}s"


def test_empty_input_is_fine(tmp_path: Path) -> None:
    inp = AnalysisInput(files=[], workdir=str(tmp_path))
    for role in ROLES:
        out = run_reviewer(role, inp)
        assert out.findings == [] and out.skipped == []
