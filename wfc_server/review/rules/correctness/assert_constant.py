"""assert on a string literal: 1 rule (WFC-COR-ASSERT-CONSTANT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ASSERT_CONSTANT = Rule(
    id="WFC-COR-ASSERT-CONSTANT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="assert on a string literal",
    concept="assert-constant",
    languages=frozenset({"python"}),
    cwe="CWE-570",
    confidence=90,
    doc=RuleDoc(
        what="A non-empty string is always truthy, so the assertion never fails.",
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example='assert "user must be set"',
        fix="Assert the intended condition.",
    ),
    suggestions={
        "*": "Assert the intended condition.",
    },
)


RULES = (ASSERT_CONSTANT,)
