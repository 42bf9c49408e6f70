"""Closure captures a loop variable: 1 rule (WFC-COR-LATE-BINDING-CLOSURE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LATE_BINDING_CLOSURE = Rule(
    id="WFC-COR-LATE-BINDING-CLOSURE",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Closure captures a loop variable",
    concept="late-binding-closure",
    languages=frozenset({"python"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The function reads the loop variable when called, not when defined, so every closure "
            "sees the last value."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="handlers.append(lambda: print(i))",
        fix="Bind the value as a default argument or use functools.partial.",
    ),
    suggestions={
        "*": "Bind the value as a default argument or use functools.partial.",
    },
)


RULES = (LATE_BINDING_CLOSURE,)
