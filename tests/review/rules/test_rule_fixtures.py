"""Every rule fixture is reviewed as the engine reviews it: marked lines are flagged, nothing else.

``bad`` files: each ``expect: RULE-ID`` line is flagged with that rule (and severity, when the
marker pins one), and no line is flagged by any rule it does not mark. ``ok`` files (the safe
look-alikes) get no finding at all, from any reviewer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.rules.marked import Fixture, all_fixtures, review_fixture
from wfc_server.review.rules import registry

FIXTURES = all_fixtures()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_is_flagged_exactly_where_marked(fixture: Fixture, tmp_path: Path) -> None:
    findings = review_fixture(fixture, tmp_path)
    assert all(f.rule_id in registry() for f in findings), "every finding's rule_id is registered"
    expected = fixture.expectations
    if fixture.kind == "ok":
        assert not expected, "an ok fixture marks no finding"
        assert not findings, [(f.line, f.rule_id, f.severity) for f in findings]
        return
    assert fixture.kind == "bad", f"fixture names start with bad or ok: {fixture.path.name}"
    assert expected, "a bad fixture marks at least one expected finding"
    missed = [e for e in expected if not any(e.accepts(f) for f in findings)]
    found = {(f.line, f.rule_id, f.severity) for f in findings}
    assert not missed, f"not flagged as marked: {missed}; found {sorted(found, key=str)}"
    marked = {(e.line, e.rule_id) for e in expected}
    unmarked = sorted({(f.line, f.rule_id) for f in findings} - marked, key=str)
    assert not unmarked, f"flagged but not marked: {unmarked}"
