"""Duplicate key in dict literal: 1 rule (WFC-COR-DUPLICATE-DICT-KEY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DUPLICATE_DICT_KEY = Rule(
    id="WFC-COR-DUPLICATE-DICT-KEY",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Duplicate key in dict literal",
    concept="duplicate-dict-key",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="The same key appears twice with different values; the earlier value is silently lost.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='result = {"count": 0, "amount": 0, "count": len(rows)}  # wfc-expect: correctness medium',
        fix="Remove or rename the duplicated key.",
    ),
    suggestions={
        "*": "Remove or rename the duplicated key.",
    },
)


RULES = (DUPLICATE_DICT_KEY,)
