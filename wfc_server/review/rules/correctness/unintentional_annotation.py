"""Annotation where assignment was meant: 1 rule (WFC-COR-UNINTENTIONAL-ANNOTATION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


UNINTENTIONAL_ANNOTATION = Rule(
    id="WFC-COR-UNINTENTIONAL-ANNOTATION",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Annotation where assignment was meant",
    concept="unintentional-annotation",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what="`x: value` annotates instead of assigning, so nothing is stored.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="config['debug']: True",
        fix="Use `=` to assign.",
    ),
    suggestions={
        "*": "Use `=` to assign.",
    },
)


RULES = (UNINTENTIONAL_ANNOTATION,)
