"""Collection modified while iterating over it: 1 rule (WFC-COR-MUTATE-WHILE-ITERATING).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


MUTATE_WHILE_ITERATING = Rule(
    id="WFC-COR-MUTATE-WHILE-ITERATING",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Collection modified while iterating over it",
    concept="mutate-while-iterating",
    languages=frozenset({"java", "python"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "Removing from or adding to a list/dict/set inside a loop over it skips elements (lists) "
            "or raises RuntimeError (dicts, sets)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="d.pop(k)",
        fix="Iterate over a copy (`for x in list(items):`) or build a new collection.",
    ),
    suggestions={
        "python": "Iterate over a copy (`for x in list(items):`) or build a new collection.",
        "java": "Use an Iterator and iterator.remove(), or removeIf().",
    },
)


RULES = (MUTATE_WHILE_ITERATING,)
