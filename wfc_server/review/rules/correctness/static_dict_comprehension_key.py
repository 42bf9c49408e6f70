"""Dict comprehension with a static key: 1 rule (WFC-COR-STATIC-DICT-KEY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


STATIC_DICT_KEY = Rule(
    id="WFC-COR-STATIC-DICT-KEY",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Dict comprehension with a static key",
    concept="static-dict-comprehension-key",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what="Every iteration writes the same key, so the dict keeps only the last value.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='{"id": row for row in rows}',
        fix="Use the loop variable in the key.",
    ),
    suggestions={
        "*": "Use the loop variable in the key.",
    },
)


RULES = (STATIC_DICT_KEY,)
