"""assert on a tuple is always true: 1 rule (WFC-COR-ASSERT-TUPLE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ASSERT_TUPLE = Rule(
    id="WFC-COR-ASSERT-TUPLE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="assert on a tuple is always true",
    concept="assert-tuple",
    languages=frozenset({"python"}),
    cwe="CWE-570",
    confidence=95,
    doc=RuleDoc(
        what=(
            "`assert (cond, msg)` asserts a non-empty tuple, which is always truthy; the check never fires."
        ),
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example='assert (result["amount"] >= 0, "negative total")  # wfc-expect: correctness medium',
        fix="Write `assert cond, msg` without parentheses.",
    ),
    suggestions={
        "*": "Write `assert cond, msg` without parentheses.",
    },
)


RULES = (ASSERT_TUPLE,)
