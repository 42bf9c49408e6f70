"""ruff: one run over all Python files, rule mapping by impact, parse failures reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.review.quality.helpers import at, review, rule_ids, source
from wfc_server.review.tools import ruff as ruff_analyzer
from wfc_server.review.model import AnalysisInput
from wfc_server.review.quality.ruff_rules import RUFF_RULES
from wfc_server.review.reviewers import run_reviewer

CODE = """
import requests

def add(item, bucket=[]):
    bucket.append(item)
    if item is "x":
        return None
    try:
        return requests.get("https://example.com/items")
    finally:
        return bucket
"""


def test_mapped_rules_get_reviewer_severity_and_concept(tmp_path: Path) -> None:
    out = review(tmp_path, "correctness", "app/items.py", CODE)
    by_id = {f.rule_id: f for f in out.findings}
    assert by_id["WFC-COR-MUTABLE-DEFAULT"].severity == "medium" and by_id["WFC-COR-MUTABLE-DEFAULT"].concept == "mutable-default"
    assert by_id["WFC-COR-IS-LITERAL"].severity == "medium" and by_id["WFC-COR-IS-LITERAL"].line == 5
    assert by_id["WFC-COR-JUMP-IN-FINALLY"].severity == "high" and by_id["WFC-COR-JUMP-IN-FINALLY"].cwe == "CWE-584"
    assert all(f.family == "ruff" for f in out.findings if f.rule_id in {c.rule_id for c in RUFF_RULES.values()})
    assert all(f.reviewer == "correctness" for f in out.findings)


def test_timeout_rule_goes_to_reliability(tmp_path: Path) -> None:
    out = review(tmp_path, "reliability", "app/items.py", CODE)
    hits = at(out.findings, 8)
    assert [f.concept for f in hits] == ["missing-timeout"]
    assert hits[0].severity == "medium" and hits[0].cwe == "CWE-400"


def test_unparsable_file_is_skipped_with_a_syntax_finding(tmp_path: Path) -> None:
    out = review(tmp_path, "correctness", "app/broken.py", "def run(:\n    return 1\n")
    assert out.skipped and out.skipped[0][0] == "app/broken.py"
    assert "line 1" in out.skipped[0][1]
    syntax = [f for f in out.findings if f.concept == "syntax-error"]
    assert len(syntax) == 1 and syntax[0].severity == "high" and syntax[0].line == 1
    # Other reviewers report the skip too, without a second syntax finding.
    rel = review(tmp_path, "reliability", "app/broken.py", "def run(:\n    return 1\n")
    assert rel.skipped and not rel.findings


def test_python_312_syntax_is_not_a_syntax_error(tmp_path: Path) -> None:
    out = review(
        tmp_path,
        "correctness",
        "app/generic.py",
        "type Pair[T] = tuple[T, T]\n\ndef first[T](p: Pair[T]) -> T:\n    return p[0]\n",
    )
    assert not [f for f in out.findings if f.concept == "syntax-error"]


def test_undefined_names_only_in_complete_files(tmp_path: Path) -> None:
    code = "def total(items):\n    return summ(items)\n"
    complete = review(tmp_path, "correctness", "a/full.py", code)
    assert "WFC-COR-UNDEFINED-NAME" in rule_ids(complete.findings)
    partial = review(tmp_path, "correctness", "a/part.py", code, complete=False)
    assert "WFC-COR-UNDEFINED-NAME" not in rule_ids(partial.findings)


def test_one_ruff_process_serves_all_files_and_reviewers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    real = ruff_analyzer.run_tool

    def counting(argv: list[str], **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(argv)
        return real(argv, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ruff_analyzer, "run_tool", counting)
    ruff_analyzer._cached_run.cache_clear()
    files = [source(tmp_path, f"pkg/m{i}.py", f"def f{i}(x=[]):\n    return x\n") for i in range(3)]
    inp = AnalysisInput(files=files, workdir=str(tmp_path))
    for role in ("correctness", "performance", "reliability", "maintainability"):
        run_reviewer(role, inp)
    assert len(calls) == 1
    argv = calls[0]
    assert "--isolated" in argv and "--target-version" in argv and "py314" in argv
    assert "--select" in argv


def test_selection_has_no_style_rules() -> None:
    style = re.compile(r"^(E5|W\d|N\d|D\d|I0|COM|Q\d)")
    assert not [code for code in RUFF_RULES if style.match(code)]
    assert all(check.description and check.rule.title and check.rule.suggestions for check in RUFF_RULES.values())


def test_undefined_name_is_high_only_for_a_likely_typo(tmp_path: Path) -> None:
    typo = "def total(items):\n    result = sum(items)\n    return reslut\n"
    out = review(tmp_path, "correctness", "a/typo.py", typo)
    hits = [f for f in out.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"]
    assert [(f.line, f.severity) for f in hits] == [(3, "high")]
    assert "`result`" in hits[0].description
    excerpt = "def save(order):\n    db.session.add(order)\n    db.session.commit()\n"
    out = review(tmp_path, "correctness", "a/excerpt.py", excerpt)
    assert {f.severity for f in out.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"} == {"low"}
    module = "import logging\n\ndef save(order):\n    db.session.add(order)\n"
    out = review(tmp_path, "correctness", "a/module.py", module)
    assert {f.severity for f in out.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"} == {"medium"}


def test_indented_excerpt_is_a_fragment_not_a_syntax_error(tmp_path: Path) -> None:
    excerpt = (
        "\n    def refresh(self):\n        try:\n            self.load()\n"
        "        except Exception:\n            pass\n"
    )
    out = review(tmp_path, "correctness", "a/excerpt.py", excerpt, raw=True)
    assert not out.findings and not out.skipped
    rel = review(tmp_path, "reliability", "a/excerpt.py", excerpt, raw=True)
    assert [f.concept for f in rel.findings] == ["swallowed-exception"]


def test_python2_compat_names_are_low_not_typos(tmp_path: Path) -> None:
    code = (
        "import marshal\n"
        "from ._compat import PY2\n\n"
        "if not PY2:\n"
        "    marshal_dump = marshal.dump\n"
        "else:\n"
        "    def marshal_dump(code, f):\n"
        "        if isinstance(f, fyle):\n"
        "            marshal.dump(code, f)\n\n"
        "def to_text(value):\n"
        "    if isinstance(value, basestring):\n"
        "        return value\n"
        "    try:\n"
        "        return unicod(value)\n"
        "    except NameError:\n"
        "        return str(value)\n"
    )
    out = review(tmp_path, "correctness", "a/compat.py", code)
    hits = {f.line: f.severity for f in out.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"}
    assert {8: "low", 12: "low"}.items() <= hits.items()
    assert set(hits.values()) == {"low"}  # ruff itself may skip the NameError probe
    typo = "import os\n\nif os.name == 'nt':\n    def f(file):\n        return fille\n"
    out = review(tmp_path, "correctness", "a/typo2.py", typo)
    assert {f.severity for f in out.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"} == {"high"}
