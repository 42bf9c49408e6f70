"""Constant condition: 3 rules (WFC-COR-NAN-COMPARE, WFC-COR-TAUTOLOGY, WFC-COR-TYPEOF).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NAN_COMPARE = Rule(
    id="WFC-COR-NAN-COMPARE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Comparison with NaN",
    concept="constant-condition",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-570",
    confidence=95,
    doc=RuleDoc(
        what="NaN is not equal to anything, itself included, so this comparison is constant.",
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example="export const bad = (x: number) => x === NaN;",
        fix="Use Number.isNaN(x).",
    ),
    suggestions={
        "*": "Use Number.isNaN(x).",
    },
)


TAUTOLOGY = Rule(
    id="WFC-COR-TAUTOLOGY",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Condition is always true or false",
    concept="constant-condition",
    languages=frozenset({"python"}),
    cwe="CWE-571",
    confidence=85,
    doc=RuleDoc(
        what="The condition's value does not depend on its inputs, so one branch is dead.",
        why=(
            "An expression that is always true makes the check meaningless; the other branch is dead "
            "(CWE-571)."
        ),
        example="return len(xs) < 0",
        fix="Rewrite the condition (e.g. `and` instead of `or`, or the intended comparison).",
    ),
    suggestions={
        "*": "Rewrite the condition (e.g. `and` instead of `or`, or the intended comparison).",
    },
)


TYPEOF = Rule(
    id="WFC-COR-TYPEOF",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Invalid typeof comparison",
    concept="constant-condition",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-570",
    confidence=90,
    doc=RuleDoc(
        what="typeof never returns this string, so the comparison is constant.",
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example='return typeof value === "integer"; // wfc-expect: correctness medium',
        fix="Use one of: undefined, object, boolean, number, bigint, string, symbol, function.",
    ),
    suggestions={
        "*": "Use one of: undefined, object, boolean, number, bigint, string, symbol, function.",
    },
)


RULES = (
    NAN_COMPARE,
    TAUTOLOGY,
    TYPEOF,
)
