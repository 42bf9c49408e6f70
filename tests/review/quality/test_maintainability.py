"""Maintainability: metrics that are new or got worse against the base, TODOs, duplicates."""

from __future__ import annotations

from pathlib import Path

from tests.review.quality.helpers import review, source
from wfc_server.review.model import AnalysisInput
from wfc_server.review.reviewers import run_reviewer


def branchy(name: str, branches: int) -> str:
    body = "".join(f"    if x == {i}:\n        y += {i}\n" for i in range(branches))
    return f"def {name}(x):\n    y = 0\n{body}    return y\n"


def test_new_function_flagged_only_when_clearly_excessive(tmp_path: Path) -> None:
    many = review(tmp_path, "maintainability", "svc/a.py", branchy("f", 18))
    hits = [f for f in many.findings if f.rule_id == "WFC-MAINT-COMPLEXITY"]
    assert len(hits) == 1
    assert hits[0].scope == "function" and hits[0].heuristic and hits[0].severity == "low"
    assert hits[0].line == 1 and hits[0].end_line and hits[0].end_line > 30
    few = review(tmp_path, "maintainability", "svc/b.py", branchy("f", 12))
    assert not [f for f in few.findings if f.rule_id == "WFC-MAINT-COMPLEXITY"]


def test_unchanged_complexity_against_base_is_not_reported(tmp_path: Path) -> None:
    code = branchy("f", 18)
    out = review(tmp_path, "maintainability", "svc/a.py", code, base=code)
    assert not [f for f in out.findings if f.rule_id == "WFC-MAINT-COMPLEXITY"]


def test_worse_than_base_is_reported_above_the_lower_threshold(tmp_path: Path) -> None:
    out = review(tmp_path, "maintainability", "svc/a.py", branchy("f", 12), base=branchy("f", 8))
    hits = [f for f in out.findings if f.rule_id == "WFC-MAINT-COMPLEXITY"]
    assert hits and "9 -> 13" in hits[0].description


def test_extreme_complexity_is_medium(tmp_path: Path) -> None:
    out = review(tmp_path, "maintainability", "svc/a.py", branchy("f", 55))
    assert [f.severity for f in out.findings if f.rule_id == "WFC-MAINT-COMPLEXITY"] == ["medium"]


def test_parameter_count(tmp_path: Path) -> None:
    code = "def f(a, b, c, d, e, g, h, i):\n    return a\n"
    out = review(tmp_path, "maintainability", "svc/a.py", code)
    assert [f.rule_id for f in out.findings] == ["WFC-MAINT-PARAMS"]


def test_nesting_reported_at_deepest_block_python_and_js(tmp_path: Path) -> None:
    py = (
        "def f(a):\n    if a:\n        for x in a:\n            while x:\n                with x:\n"
        "                    if x:\n                        return x\n"
    )
    out = review(tmp_path, "maintainability", "svc/a.py", py)
    assert [(f.rule_id, f.line) for f in out.findings] == [("WFC-MAINT-NESTING", 6)]
    js = (
        "function f(a) {\n  if (a) {\n    for (const x of a) {\n      while (x) {\n"
        "        try {\n          if (x) {\n            return x;\n          }\n        } "
        "finally {}\n      }\n    }\n  }\n}\n"
    )
    out = review(tmp_path, "maintainability", "web/a.js", js)
    assert [(f.rule_id, f.line) for f in out.findings] == [("WFC-MAINT-NESTING", 6)]


def test_elif_chain_is_not_nesting(tmp_path: Path) -> None:
    chain = "".join(f"    elif x == {i}:\n        return {i}\n" for i in range(8))
    code = f"def f(x):\n    if x is None:\n        return 0\n{chain}    return -1\n"
    out = review(tmp_path, "maintainability", "svc/a.py", code)
    assert not [f for f in out.findings if f.rule_id == "WFC-MAINT-NESTING"]


def test_todo_is_info_on_added_lines_only(tmp_path: Path) -> None:
    code = "def f():\n    # TODO: handle retries\n    return 1  # FIXME later\n"
    out = review(tmp_path, "maintainability", "svc/a.py", code, added={3})
    todos = [f for f in out.findings if f.rule_id == "WFC-MAINT-TODO"]
    assert [(f.line, f.severity) for f in todos] == [(3, "info")]


def test_duplicated_block_across_files(tmp_path: Path) -> None:
    block = "".join(f"    total = total + item.price_{i} * rate\n" for i in range(7))
    a = source(
        tmp_path, "svc/a.py", f"def a(item, rate):\n    total = 0\n{block}    return total\n"
    )
    b = source(
        tmp_path, "svc/b.py", f"def b(item, rate):\n    total = 1\n{block}    return total\n"
    )
    out = run_reviewer("maintainability", AnalysisInput(files=[a, b], workdir=str(tmp_path)))
    dups = [f for f in out.findings if f.rule_id == "WFC-MAINT-DUPLICATE"]
    assert len(dups) == 1 and dups[0].file == "svc/b.py" and "svc/a.py:3" in dups[0].description
