"""Raising a literal: 1 rule (WFC-COR-RAISE-LITERAL).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RAISE_LITERAL = Rule(
    id="WFC-COR-RAISE-LITERAL",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Raising a literal",
    concept="raise-literal",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="Raising a non-exception value is a TypeError; the intended error is lost.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='raise "bad request"',
        fix="Raise an exception instance.",
    ),
    suggestions={
        "*": "Raise an exception instance.",
    },
)


RULES = (RAISE_LITERAL,)
