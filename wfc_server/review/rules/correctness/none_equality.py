"""Comparison to None with == / !=: 1 rule (WFC-COR-NONE-EQUALITY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NONE_EQUALITY = Rule(
    id="WFC-COR-NONE-EQUALITY",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Comparison to None with == / !=",
    concept="none-equality",
    languages=frozenset({"python"}),
    confidence=70,
    doc=RuleDoc(
        what="`== None` calls __eq__, which objects can override (ORMs, numpy); identity is meant.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="if row == None:  # wfc-expect: correctness low",
        fix="Use `is None` / `is not None`.",
    ),
    suggestions={
        "*": "Use `is None` / `is not None`.",
    },
)


RULES = (NONE_EQUALITY,)
