"""Rule fixtures of the data-flow and control-flow rules, reviewed as new product files by every reviewer.

A ``bad*`` file must be flagged on each line marked ``expect: RULE-ID`` with that id, and nowhere
else with an id it expects; an ``ok*`` file (a safe look-alike) must get no medium+ finding and
none of the ids its folder's bad files expect. Files are reviewed under a neutral ``src/`` path
so the fixture folder never makes them test code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.review.corpus_eval import run_all_reviewers, whole_file_input
from wfc_server.review.languages import language_for_path

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"
#: The concept folders whose fixtures exercise the taint / control-flow analyses.
FLOW_CONCEPTS = ("security/sql_injection", "security/command_injection", "security/code_injection",
                 "security/archive_path_traversal", "security/template_injection",
                 "correctness/null_check_after_dereference", "correctness/unreachable_code",
                 "correctness/null_result_dereference", "correctness/replace_first_only",
                 "reliability/resource_leak", "security/weak_random", "security/weak_hash",
                 "security/xss", "correctness/nil_after_failed_call",
                 "security/unbounded_body", "security/open_redirect", "security/ssrf")
_EXPECT = re.compile(r"(?:#|//|--)\s*expect:\s*([A-Z0-9, -]+?)\s*$")
_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def _cases() -> list[Path]:
    out = []
    for concept in FLOW_CONCEPTS:
        folder = FIXTURES / concept
        out.extend(p for p in sorted(folder.glob("*")) if p.is_file() and language_for_path(p.name) != "text")
    return out


def expectations(text: str) -> set[tuple[int, str]]:
    found = set()
    for number, line in enumerate(text.splitlines(), start=1):
        m = _EXPECT.search(line)
        if m:
            found.update((number, rule.strip()) for rule in m.group(1).split(",") if rule.strip())
    return found


def _review(path: Path, tmp_path: Path) -> set[tuple[int, str, str]]:
    rel = f"src/{path.parent.name}/{path.name}"
    findings = run_all_reviewers(whole_file_input({rel: path.read_text()}, tmp_path))
    return {(f.line or 0, f.rule_id, f.severity) for f in findings}


def _folder_ids(folder: Path) -> set[str]:
    return {rule for bad in folder.glob("bad*") for _, rule in expectations(bad.read_text())}


@pytest.mark.parametrize("path", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path: Path, tmp_path: Path) -> None:
    found = _review(path, tmp_path)
    if path.name.startswith("bad"):
        expected = expectations(path.read_text())
        assert expected, f"{path.name} marks no expected finding"
        got = {(line, rule) for line, rule, _ in found if rule in {r for _, r in expected}}
        assert got == expected
    else:
        ids = _folder_ids(path.parent)
        unwanted = sorted(f for f in found if f[1] in ids or _RANK[f[2]] >= _RANK["medium"])
        assert unwanted == []


def test_every_flow_concept_has_bad_and_ok_files_per_language() -> None:
    for concept in FLOW_CONCEPTS:
        files = [p for p in _cases() if p.parent == FIXTURES / concept]
        bad = {language_for_path(p.name) for p in files if p.name.startswith("bad")}
        ok = {language_for_path(p.name) for p in files if p.name.startswith("ok")}
        assert bad and bad == ok, (concept, bad, ok)


def test_new_flow_rules_have_fixtures_in_every_language_they_claim() -> None:
    from wfc_server.review.rules import registry

    folders = {"WFC-COR-JS-REPLACE-FIRST": "correctness/replace_first_only",
               "WFC-COR-NULL-RESULT": "correctness/null_result_dereference",
               "WFC-COR-GO-NIL-AFTER-ERROR": "correctness/nil_after_failed_call",
               "WFC-SEC-UNBOUNDED-BODY": "security/unbounded_body"}
    for rule_id, folder in folders.items():
        rule = registry()[rule_id]
        files = list((FIXTURES / folder).glob("*"))
        for language in rule.languages:
            assert any(p.name.startswith("bad") and language_for_path(p.name) == language for p in files), \
                (rule_id, language)
            assert any(p.name.startswith("ok") and language_for_path(p.name) == language for p in files), \
                (rule_id, language)
