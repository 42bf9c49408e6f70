"""Redefinition of an unused name: 1 rule (WFC-COR-REDEFINED-UNUSED).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REDEFINED_UNUSED = Rule(
    id="WFC-COR-REDEFINED-UNUSED",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Redefinition of an unused name",
    concept="redefined-unused",
    languages=frozenset({"python"}),
    confidence=60,
    doc=RuleDoc(
        what="A definition is replaced before it was ever used; one of the two is probably a mistake.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def load(): ...  # defined again below before any use",
        fix="Remove or rename one of the definitions.",
    ),
    suggestions={
        "*": "Remove or rename one of the definitions.",
    },
)


RULES = (REDEFINED_UNUSED,)
