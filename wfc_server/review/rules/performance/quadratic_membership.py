"""Quadratic membership: 2 rules (WFC-PERF-LIST-MEMBERSHIP, WFC-PERF-NESTED-LOOP-JOIN).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LIST_MEMBERSHIP = Rule(
    id="WFC-PERF-LIST-MEMBERSHIP",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="Linear search inside a loop",
    concept="quadratic-membership",
    languages=frozenset({"python"}),
    confidence=70,
    doc=RuleDoc(
        what="`x in some_list` scans the list each time, so the loop is O(n*m).",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="if e not in seen:",
        fix="Build a set (or dict) once before the loop and test membership against it.",
    ),
    suggestions={
        "python": "Build a set (or dict) once before the loop and test membership against it.",
        "java": "Copy the list into a HashSet once before the loop.",
        "javascript": "Build a Set once before the loop and use set.has().",
    },
)


NESTED_LOOP_JOIN = Rule(
    id="WFC-PERF-NESTED-LOOP-JOIN",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="Nested loops matching items by equality",
    concept="quadratic-membership",
    languages=frozenset({"python"}),
    confidence=60,
    doc=RuleDoc(
        what="Comparing every item of one collection with every item of another is O(n*m).",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="if o.customer_id == c.id:",
        fix="Index one side in a dict keyed by the compared value, then look items up.",
    ),
    suggestions={
        "*": "Index one side in a dict keyed by the compared value, then look items up.",
    },
)


RULES = (
    LIST_MEMBERSHIP,
    NESTED_LOOP_JOIN,
)
