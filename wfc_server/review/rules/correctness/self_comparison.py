"""Comparison of a value with itself: 1 rule (WFC-COR-SELF-COMPARE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SELF_COMPARE = Rule(
    id="WFC-COR-SELF-COMPARE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Comparison of a value with itself",
    concept="self-comparison",
    languages=frozenset({"python", "typescript"}),
    cwe="CWE-570",
    confidence=85,
    doc=RuleDoc(
        what=(
            "Comparing an expression with itself is always true (or always false); the other operand "
            "was probably meant to be different."
        ),
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example="if x == x:",
        fix="Compare against the intended value.",
    ),
    suggestions={
        "*": "Compare against the intended value.",
    },
)


RULES = (SELF_COMPARE,)
