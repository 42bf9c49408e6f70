"""TODO/FIXME added: 1 rule (WFC-MAINT-TODO).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


TODO = Rule(
    id="WFC-MAINT-TODO",
    role=Role.MAINTAINABILITY,
    severity=Severity.INFO,
    title="TODO/FIXME added",
    concept="todo-marker",
    languages=frozenset({"any"}),
    confidence=90,
    doc=RuleDoc(
        what="The change adds a reminder of unfinished work.",
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more."
        ),
        example="// FIXME: device-specific themes are ignored // wfc-expect: maintainability info",
        fix="Finish it, or link the marker to a tracked issue.",
    ),
    suggestions={
        "*": "Finish it, or link the marker to a tracked issue.",
    },
)


RULES = (TODO,)
