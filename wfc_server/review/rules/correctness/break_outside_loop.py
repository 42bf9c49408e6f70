"""break outside a loop: 1 rule (WFC-COR-BREAK-OUTSIDE-LOOP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


BREAK_OUTSIDE_LOOP = Rule(
    id="WFC-COR-BREAK-OUTSIDE-LOOP",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="break outside a loop",
    concept="break-outside-loop",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="This is a SyntaxError when the module is imported.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="break  # not inside a loop",
        fix="Remove the break.",
    ),
    suggestions={
        "*": "Remove the break.",
    },
)


RULES = (BREAK_OUTSIDE_LOOP,)
