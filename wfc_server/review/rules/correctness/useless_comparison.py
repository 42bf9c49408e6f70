"""Comparison result is discarded: 1 rule (WFC-COR-USELESS-COMPARISON).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


USELESS_COMPARISON = Rule(
    id="WFC-COR-USELESS-COMPARISON",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Comparison result is discarded",
    concept="useless-comparison",
    languages=frozenset({"python"}),
    confidence=80,
    doc=RuleDoc(
        what="The comparison is evaluated and thrown away; an assert or assignment was probably meant.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="user.age == 18",
        fix="Use `assert` or assign/return the comparison.",
    ),
    suggestions={
        "*": "Use `assert` or assign/return the comparison.",
    },
)


RULES = (USELESS_COMPARISON,)
