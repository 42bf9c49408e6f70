"""Newer Python syntax is reviewed fully on the host interpreter; what cannot be read is named."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.analysis.python_syntax import downlevel, parse_module
from wfc_server.review.cli import render_text
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.settings import EngineSettings
from wfc_server.review.stages import finalize, run_reviewer_task

PY312 = '''from flask import request


type Rows[T] = list[tuple[T, ...]]


class Repository[T]:
    def __init__(self, db):
        self.db = db

    def find[K: str](self, key: K) -> Rows[T]:
        label = f"{request.args["label"]}"
        cursor = self.db.cursor()
        cursor.execute("SELECT * FROM items WHERE label = '" + request.args["name"] + "'")
        return cursor.fetchall()


def load(path):
    try:
        return open(path).read()
    except OSError, ValueError:
        return ""
'''


def test_downlevel_keeps_every_line_and_parses_on_this_interpreter() -> None:
    lowered = downlevel(PY312)
    assert lowered.count("\n") == PY312.count("\n")
    for before, after in zip(PY312.splitlines(), lowered.splitlines(), strict=True):
        if "execute" in before:
            assert before == after  # the flagged line is untouched, columns included
    parsed = parse_module(PY312)
    assert parsed is not None
    if sys.version_info < (3, 14):
        assert parsed[1] == lowered


def test_sql_injection_in_312_syntax_is_found_by_every_python_rule_family(tmp_path: Path) -> None:
    inp = whole_file_input({"app/repo.py": PY312}, tmp_path)
    out = run_reviewer("security", inp)
    assert not out.skipped
    sqli = [f for f in out.findings if f.rule_id == "WFC-SEC-SQLI" and f.line == 14]
    assert sqli and {f.family for f in sqli} >= {"bandit"}
    correctness = run_reviewer("correctness", inp)
    assert not correctness.skipped
    assert not [f for f in correctness.findings if f.rule_id == "WFC-COR-UNDEFINED-NAME"]  # type params


def test_unparseable_file_makes_the_reviewer_partial_with_the_reason(tmp_path: Path) -> None:
    inp = whole_file_input({"app/broken.py": "def f(:\n    return 1\n", "app/fine.py": "X = 1\n"}, tmp_path)
    outcome = run_reviewer_task(run_reviewer, "security", inp, 5)
    result = finalize([outcome], {"security": "ok"}, {"skipped": []}, EngineSettings())
    assert result.reviewers["security"].status == "partial"
    (skipped,) = result.coverage["skipped"]
    assert skipped["path"] == "app/broken.py" and "could not parse" in skipped["reason"]
    assert skipped["reason"].startswith("security:")
    text = render_text(result)
    assert "partial review: security" in text and "app/broken.py" in text
