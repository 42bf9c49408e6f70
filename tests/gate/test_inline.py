"""Inline suppression comments in every supported language's comment syntax."""

from __future__ import annotations

import pytest

from wfc_server.gate.inline import scan_diff, scan_text
from tests.gate import scenario

RULE = "WFC-SEC-SQLI"


@pytest.mark.parametrize(
    ("path", "comment"),
    [
        ("a.py", f"# wfc: ignore[{RULE}] trusted"),
        ("a.js", f"// wfc: ignore[{RULE}] trusted"),
        ("a.ts", f"/* wfc: ignore[{RULE}] trusted */"),
        ("a.go", f"// wfc: ignore[{RULE}] trusted"),
        ("A.java", f"// wfc: ignore[{RULE}] trusted"),
        ("a.sql", f"-- wfc: ignore[{RULE}] trusted"),
        ("a.sql", f"/* wfc: ignore[{RULE}] trusted */"),
    ],
)
def test_each_language_comment_suppresses_its_line_and_the_next(path: str, comment: str) -> None:
    (above,) = scan_text(path, [(4, f"    {comment}")])
    assert above.rule_ids == (RULE,) and above.reason == "trusted" and above.lines == {4, 5}
    (trailing,) = scan_text(path, [(7, f"run(q)  {comment}")])
    assert trailing.lines == {7}  # on a code line it covers that line only


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("a.py", f"x = '# wfc: ignore[{RULE}] in a string'"),
        ("a.py", f"// wfc: ignore[{RULE}] not a Python comment"),
        ("a.go", f"# wfc: ignore[{RULE}] not a Go comment"),
        ("a.sql", f"# wfc: ignore[{RULE}] not a SQL comment"),
        ("a.js", f'const s = "// wfc: ignore[{RULE}]";'),
        ("a.py", f"# see wfc: ignore[{RULE}] docs"),
    ],
)
def test_text_that_is_not_a_comment_directive_suppresses_nothing(path: str, line: str) -> None:
    assert scan_text(path, [(1, line)]) == []


def test_bare_and_unknown_ids_are_problems_not_suppressions() -> None:
    bare, unknown, mixed = scan_text("a.py", [
        (1, "# wfc: ignore"), (2, "# wfc: ignore[WFC-SEC-SQL] typo"), (3, f"# wfc: ignore[{RULE}, WFC-NOPE] x")])
    assert bare.problem == "bare" and bare.rule_ids == ()
    assert unknown.problem == "unknown:WFC-SEC-SQL" and unknown.rule_ids == ()
    assert mixed.problem == "unknown:WFC-NOPE" and mixed.rule_ids == (RULE,)


def test_several_rules_and_a_missing_reason() -> None:
    (mark,) = scan_text("a.py", [(1, f"# wfc: ignore[{RULE},WFC-SEC-XSS]")])
    assert mark.rule_ids == (RULE, "WFC-SEC-XSS") and mark.reason == "(no reason given)"


def test_marks_are_read_from_the_post_image_of_a_diff() -> None:
    marks = scan_diff(scenario.diff(scenario.MAIN, scenario.FEATURE_SUPPRESSED))
    assert [(m.path, m.rule_ids, m.reason) for m in marks] == [(scenario.PATH, (RULE,), scenario.REASON)]
    removed_only = scan_diff(scenario.diff(scenario.FEATURE_SUPPRESSED, scenario.FEATURE))
    assert removed_only == []  # a deleted comment no longer suppresses
