"""Negation applies before the comparison: 1 rule (WFC-COR-JS-NEGATION-PRECEDENCE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_NEGATION_PRECEDENCE = Rule(
    id="WFC-COR-JS-NEGATION-PRECEDENCE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Negation applies before the comparison",
    concept="negation-precedence",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-783",
    confidence=85,
    doc=RuleDoc(
        what="`!a > b` is `(!a) > b`: the boolean is compared, not the value.",
        why=(
            "Operator precedence binds differently than the code reads, so the condition tests "
            "something else (CWE-783)."
        ),
        example="return !xs.length > 0;",
        fix="Parenthesise: `!(a > b)`, or compare directly.",
    ),
    suggestions={
        "*": "Parenthesise: `!(a > b)`, or compare directly.",
    },
)


RULES = (JS_NEGATION_PRECEDENCE,)
