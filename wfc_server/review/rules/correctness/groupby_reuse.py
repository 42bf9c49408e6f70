"""itertools.groupby group reused: 1 rule (WFC-COR-GROUPBY-REUSE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GROUPBY_REUSE = Rule(
    id="WFC-COR-GROUPBY-REUSE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="itertools.groupby group reused",
    concept="groupby-reuse",
    languages=frozenset({"python"}),
    confidence=80,
    doc=RuleDoc(
        what=(
            "A groupby group is an iterator that is exhausted after one pass; the second use sees nothing."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="for _, group in itertools.groupby(rows, key):\n    for _ in range(2):\n        process(group)",
        fix="Materialise the group with list() first.",
    ),
    suggestions={
        "*": "Materialise the group with list() first.",
    },
)


RULES = (GROUPBY_REUSE,)
