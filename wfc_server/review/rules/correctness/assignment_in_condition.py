"""Assignment used as a condition: 1 rule (WFC-COR-ASSIGN-IN-CONDITION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ASSIGN_IN_CONDITION = Rule(
    id="WFC-COR-ASSIGN-IN-CONDITION",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Assignment used as a condition",
    concept="assignment-in-condition",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-481",
    confidence=85,
    doc=RuleDoc(
        what="`if (a = b)` assigns instead of comparing; the branch depends on the assigned value.",
        why=(
            "An assignment is written where a comparison was meant, so the condition always takes one"
            " branch and overwrites the variable (CWE-481)."
        ),
        example="if (a = b) { return 1; }",
        fix="Use `===` to compare.",
    ),
    suggestions={
        "*": "Use `===` to compare.",
    },
)


RULES = (ASSIGN_IN_CONDITION,)
