"""Nested unbounded repetition is reported only where one text can split in many ways."""

from __future__ import annotations

import pytest

from wfc_server.review.analysis.regex_backtracking import catastrophic_backtracking


@pytest.mark.parametrize("pattern", [
    r"^(\w+\s?)*$",  # optional separator: "a b" or "ab" split anywhere
    r"^([a-z0-9]+-?)+$",
    r"^(\d+,?)+x",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",  # the mandatory `.` also takes letters
    r"^([\w.]+\.)+com$",
    r"^(?<name>a+)*b$",
])
def test_ambiguous_nested_repetition_is_reported(pattern: str) -> None:
    assert catastrophic_backtracking(pattern) is not None


@pytest.mark.parametrize("pattern", [
    r"^(?:[a-z]+\.)+[a-z]{2,}$",  # a mandatory delimiter the inner class cannot match
    r"^[\w.-]+@[\w-]+(\.[\w-]+)+$",
    r"^\d+(?:,\d+)*$",
    r"^(a|b)*c$",  # no nested loop
    r"(a+)+",  # nothing after the loop can fail: the first match wins
    r"^#(?:[0-9a-f]{3}){1,2}$",  # bounded outer repetition
    r"^(\w+(?: \w+)*)\/\d",
    r"^(a+)(?=b)",
    r"[(]+",  # a class, not a group
    r"^(unclosed",  # unparsable: no guess
])
def test_unique_splits_and_unparsable_patterns_are_not_reported(pattern: str) -> None:
    assert catastrophic_backtracking(pattern) is None
