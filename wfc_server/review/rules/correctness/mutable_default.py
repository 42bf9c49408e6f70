"""Mutable default argument: 1 rule (WFC-COR-MUTABLE-DEFAULT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


MUTABLE_DEFAULT = Rule(
    id="WFC-COR-MUTABLE-DEFAULT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Mutable default argument",
    concept="mutable-default",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what=(
            "The default object is created once and shared by every call, so mutations leak between calls."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def f0(x=[]):",
        fix="Default to None and create the list/dict/set inside the function.",
    ),
    suggestions={
        "*": "Default to None and create the list/dict/set inside the function.",
    },
)


RULES = (MUTABLE_DEFAULT,)
