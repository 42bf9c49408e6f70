"""Result of an in-place method used: 1 rule (WFC-COR-NONE-RESULT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NONE_RESULT = Rule(
    id="WFC-COR-NONE-RESULT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Result of an in-place method used",
    concept="none-result-used",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="list.sort()/reverse()/append() mutate in place and return None; the code uses that None.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="ys = xs.sort()",
        fix="Call the method on its own line, or use sorted()/reversed() for a new value.",
    ),
    suggestions={
        "*": "Call the method on its own line, or use sorted()/reversed() for a new value.",
    },
)


RULES = (NONE_RESULT,)
