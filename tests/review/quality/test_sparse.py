"""Partial files in diff-only mode: the sparse image is repaired so Python rules still run."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.review.quality.helpers import review
from wfc_server.review.quality.sparse import repair

HUNK = "\n" * 6 + (
    "        for item in items:\n"
    "            resp = requests.get(item.url)\n"
    "            try:\n"
    "                process(resp)\n"
    "            except Exception:\n"
    "                pass\n"
    "    return result\n"
    "\n\n\n"
    "    def other(self):\n"
    "        if ready:\n"
    "\n\n"
    "class Next:\n"
    "    pass\n"
)


def test_repair_keeps_line_numbers_and_parses() -> None:
    fixed = repair(HUNK)
    assert fixed is not None
    ast.parse(fixed)
    original, repaired = HUNK.split("\n"), fixed.split("\n")
    assert len(original) == len(repaired)
    for before, after in zip(original, repaired, strict=False):
        assert not before.strip() or before == after


def test_repair_gives_up_inside_an_expression() -> None:
    assert repair("\n\n    'a': 1,\n    'b': 2,\n}\n") is None


def test_rules_run_on_a_partial_python_file(tmp_path: Path) -> None:
    kwargs = {"complete": False, "added": {8, 12}, "raw": True}
    rel = review(tmp_path, "reliability", "svc/sync.py", HUNK, **kwargs)
    assert {(f.line, f.concept) for f in rel.findings} >= {
        (8, "missing-timeout"),
        (11, "swallowed-exception"),
    }
    perf = review(tmp_path, "performance", "svc/sync.py", HUNK, **kwargs)
    assert not perf.skipped
    cor = review(tmp_path, "correctness", "svc/sync.py", HUNK, **kwargs)
    # Scope errors caused by the missing context are not reported.
    assert not [f for f in cor.findings if f.severity in ("high", "critical")]
