"""Variable assigned to itself: 1 rule (WFC-COR-SELF-ASSIGNMENT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SELF_ASSIGNMENT = Rule(
    id="WFC-COR-SELF-ASSIGNMENT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Variable assigned to itself",
    concept="self-assignment",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what="Assigning a name to itself does nothing; a different source was probably meant.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="name = name",
        fix="Assign the intended value.",
    ),
    suggestions={
        "*": "Assign the intended value.",
    },
)


RULES = (SELF_ASSIGNMENT,)
