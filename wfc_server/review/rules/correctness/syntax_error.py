"""Syntax error: 1 rule (WFC-COR-SYNTAX).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SYNTAX = Rule(
    id="WFC-COR-SYNTAX",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Syntax error",
    concept="syntax-error",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="The file does not parse, so it fails at import time.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def run(:",
        fix="Fix the syntax at this line.",
    ),
    suggestions={
        "*": "Fix the syntax at this line.",
    },
)


RULES = (SYNTAX,)
