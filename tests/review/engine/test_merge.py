"""Added-line filter, per-rule caps, cross-family merge and fingerprint stability."""

from __future__ import annotations

from wfc_server.review.merge import (
    cap_per_rule,
    fingerprint,
    keep_on_added_lines,
    merge_findings,
)
from wfc_server.review.model import RawFinding, SourceFile


def raw(line: int | None, *, reviewer: str = "security", family: str = "ruff",
        concept: str = "sql-injection", severity: str = "high", confidence: int = 80,
        end_line: int | None = None, scope: str = "statement", rule_id: str = "R1",
        heuristic: bool = False, file: str = "app.py") -> RawFinding:
    return RawFinding(
        rule_id=rule_id, reviewer=reviewer, severity=severity, title="t", description="d",
        suggestion="s", file=file, line=line, concept=concept, family=family,
        confidence=confidence, end_line=end_line, scope=scope,  # type: ignore[arg-type]
        heuristic=heuristic,
    )


def source(path: str = "app.py", added: set[int] | None = None, lines: int = 30,
           is_test: bool = False) -> SourceFile:
    text = "\n".join(f"line_{n} = {n}" for n in range(1, lines + 1)) + "\n"
    return SourceFile(path=path, language="python", text=text,
                      added_lines=frozenset(added or {10, 11}), is_test=is_test)


def test_statement_findings_count_only_on_added_lines() -> None:
    kept = keep_on_added_lines(
        [raw(10), raw(12), raw(8, end_line=10), raw(5, end_line=7)], [source()]
    )
    assert [(k.raw.line, k.raw.end_line) for k in kept] == [(10, None), (8, 10)]
    assert kept[0].line_text == "line_10 = 10"


def test_function_scope_counts_when_any_line_of_the_function_was_added() -> None:
    kept = keep_on_added_lines(
        [raw(2, end_line=20, scope="function"), raw(15, end_line=25, scope="function")],
        [source()],
    )
    assert [k.raw.line for k in kept] == [2]


def test_file_scope_always_counts_and_unknown_files_are_dropped() -> None:
    kept = keep_on_added_lines(
        [raw(1, scope="file"), raw(None), raw(10, file="other.py")], [source()]
    )
    assert [k.raw.line for k in kept] == [1, None]


def test_findings_reported_on_the_workspace_path_map_back() -> None:
    src = source()
    src.disk_path = "/data/worktrees/p-r/src/app.py"
    (kept,) = keep_on_added_lines([raw(10, file="/data/worktrees/p-r/src/app.py")], [src])
    assert kept.raw.file == "app.py"


def test_heuristic_findings_drop_to_info_in_test_paths() -> None:
    files = [source("tests/test_app.py", is_test=True), source("app.py")]
    kept = keep_on_added_lines(
        [raw(10, file="tests/test_app.py", heuristic=True),
         raw(10, file="tests/test_app.py"),
         raw(10, heuristic=True)],
        files,
    )
    assert [k.raw.severity for k in kept] == ["info", "high", "high"]


def test_invalid_values_are_coerced_not_dropped() -> None:
    bad = raw(10, severity="BLOCKER", confidence=150)
    bad.title = " "
    (kept,) = keep_on_added_lines([bad], [source()])
    assert kept.raw.severity == "medium"
    assert kept.raw.confidence == 100
    assert kept.raw.title


def test_cap_per_rule_adds_one_summary_finding() -> None:
    findings = [raw(n, severity="low") for n in range(1, 9)]
    findings[6].severity = "medium"
    files = [source(added=set(range(1, 9)))]
    capped = cap_per_rule(keep_on_added_lines(findings, files), 3)
    assert len(capped) == 4
    summary = capped[-1].raw
    assert summary.title.endswith("(and 5 more)")
    assert summary.rule_id == "R1"
    assert capped[0].raw.severity == "medium"  # the worst ones are kept first
    assert "lines" in summary.description
    merged = merge_findings(capped)
    assert len(merged) == 4  # the summary does not merge into a kept finding


def test_more_counts_lines_not_shown_when_two_tools_report_each_line() -> None:
    files = [source(added=set(range(1, 11)))]
    findings = [raw(n, family=family) for n in range(1, 11) for family in ("bandit", "wfc-taint")]
    capped = cap_per_rule(keep_on_added_lines(findings, files), 3)
    merged = merge_findings(capped)
    shown = [f for f in merged if "more)" not in f.title]
    (summary,) = [f for f in merged if "more)" in f.title]
    assert len(shown) == 3
    assert summary.title.endswith("(and 7 more)")
    assert summary.description.startswith("7 more findings")


def test_different_families_same_concept_same_line_merge() -> None:
    files = [source()]
    kept = keep_on_added_lines([
        raw(10, reviewer="security", family="bandit", confidence=70, severity="high"),
        raw(10, reviewer="correctness", family="wfc-taint", confidence=60, severity="critical"),
        raw(10, reviewer="security", family="bandit", confidence=50, severity="medium"),
        raw(11, reviewer="reliability", family="ruff", concept="bare-except", severity="low"),
    ], files)
    merged = merge_findings(kept)
    assert len(merged) == 2
    top = merged[0]
    assert top.severity == "critical"
    assert top.reviewer == "correctness"
    assert top.category == "correctness"
    assert top.reviewers == ["correctness", "security"]
    assert top.confidence == 88  # 1 - (1 - .7)(1 - .6)
    assert merged[1].reviewers == ["reliability"]


def test_same_family_agreement_does_not_raise_confidence() -> None:
    kept = keep_on_added_lines([raw(10, confidence=70), raw(10, confidence=60)], [source()])
    (only,) = merge_findings(kept)
    assert only.confidence == 70


def test_confidence_is_capped_at_99() -> None:
    kept = keep_on_added_lines(
        [raw(10, family="a", confidence=99), raw(10, family="b", confidence=99),
         raw(10, family="c", confidence=99)], [source()])
    (only,) = merge_findings(kept)
    assert only.confidence == 99


def test_primary_reviewer_ties_go_to_role_order() -> None:
    kept = keep_on_added_lines(
        [raw(10, reviewer="reliability", family="a"), raw(10, reviewer="security", family="b")],
        [source()])
    (only,) = merge_findings(kept)
    assert only.reviewer == "security"


def test_findings_are_sorted_by_severity_file_line() -> None:
    files = [source("a.py"), source("b.py")]
    kept = keep_on_added_lines([
        raw(11, file="b.py", severity="low", concept="x"),
        raw(10, file="b.py", severity="critical", concept="y"),
        raw(11, file="a.py", severity="low", concept="z"),
        raw(10, file="a.py", severity="low", concept="w"),
    ], files)
    merged = merge_findings(kept)
    assert [(f.severity, f.file, f.line) for f in merged] == [
        ("critical", "b.py", 10), ("low", "a.py", 10), ("low", "a.py", 11), ("low", "b.py", 11)]


def test_fingerprint_survives_a_line_shift_and_reindent() -> None:
    before = SourceFile(path="app.py", language="python", text="a = 1\nquery(x + y)\n",
                        added_lines=frozenset({2}))
    after = SourceFile(path="app.py", language="python",
                       text="import os\n\n\na = 1\nif True:\n    query(x  +  y)\n",
                       added_lines=frozenset({6}))
    (f1,) = merge_findings(keep_on_added_lines([raw(2)], [before]))
    (f2,) = merge_findings(keep_on_added_lines([raw(6)], [after]))
    assert f1.fingerprint == f2.fingerprint
    assert len(f1.fingerprint) >= 16
    assert fingerprint("app.py", "sql-injection", "query(x)") != fingerprint(
        "app.py", "code-injection", "query(x)")
    assert fingerprint("app.py", "c", "x") != fingerprint("lib.py", "c", "x")
