"""Index out of range: 1 rule (WFC-COR-INDEX-OUT-OF-RANGE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


INDEX_OUT_OF_RANGE = Rule(
    id="WFC-COR-INDEX-OUT-OF-RANGE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Index out of range",
    concept="index-out-of-range",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="The constant index is past the end of the literal sequence: IndexError.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="first, second = (1, 2)[0], (1, 2)[5]",
        fix="Use a valid index.",
    ),
    suggestions={
        "*": "Use a valid index.",
    },
)


RULES = (INDEX_OUT_OF_RANGE,)
