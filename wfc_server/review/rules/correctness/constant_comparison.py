"""Comparison between two constants: 1 rule (WFC-COR-CONSTANT-COMPARE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


CONSTANT_COMPARE = Rule(
    id="WFC-COR-CONSTANT-COMPARE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Comparison between two constants",
    concept="constant-comparison",
    languages=frozenset({"python"}),
    cwe="CWE-570",
    confidence=85,
    doc=RuleDoc(
        what="Both operands are constants, so the condition never changes.",
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example="if 1 == 2:",
        fix="Compare the variable that was intended.",
    ),
    suggestions={
        "*": "Compare the variable that was intended.",
    },
)


RULES = (CONSTANT_COMPARE,)
