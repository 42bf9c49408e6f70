"""Bare raise outside an except block: 1 rule (WFC-COR-MISPLACED-BARE-RAISE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


MISPLACED_BARE_RAISE = Rule(
    id="WFC-COR-MISPLACED-BARE-RAISE",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Bare raise outside an except block",
    concept="misplaced-bare-raise",
    languages=frozenset({"python"}),
    confidence=80,
    doc=RuleDoc(
        what="A bare `raise` with no active exception raises RuntimeError.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def fail():\n    raise",
        fix="Raise a specific exception.",
    ),
    suggestions={
        "*": "Raise a specific exception.",
    },
)


RULES = (MISPLACED_BARE_RAISE,)
