"""Numbers sorted without a comparator: 1 rule (WFC-COR-JS-NUMERIC-SORT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_NUMERIC_SORT = Rule(
    id="WFC-COR-JS-NUMERIC-SORT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Numbers sorted without a comparator",
    concept="lexicographic-sort",
    languages=frozenset({"typescript"}),
    confidence=80,
    doc=RuleDoc(
        what=(
            "Array.prototype.sort() without a compare function converts elements to strings, so "
            "numbers sort lexicographically (10 before 9)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="runs.sort();",
        fix="Pass a comparator: `xs.sort((a, b) => a - b)`.",
    ),
    suggestions={
        "*": "Pass a comparator: `xs.sort((a, b) => a - b)`.",
    },
)


RULES = (JS_NUMERIC_SORT,)
