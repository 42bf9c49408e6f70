"""Suppression comments that cannot be honoured: a bare ``wfc: ignore`` or an unknown rule id.

Reported by the quality gate (:mod:`wfc_server.gate.inline`), which reads suppression comments
from the diff; a suppression must name what it hides so it never hides the wrong thing.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

#: Tag of rules the quality gate reports (from the diff's comments), not a reviewer.
GATE = "gate"
_ALL = frozenset({"python", "javascript", "typescript", "go", "java", "sql", "any"})

BARE_SUPPRESSION = Rule(
    id="WFC-MAINT-BARE-SUPPRESSION",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Suppression comment without a rule id",
    concept="bare-suppression",
    languages=_ALL,
    confidence=100,
    doc=RuleDoc(
        what="A `wfc: ignore` comment that does not name the rule it suppresses.",
        why="A blanket ignore hides every finding on the line, including ones nobody has looked at; "
        "it is not honoured, so the findings it meant to hide still count.",
        example="query = build(name)  # wfc: ignore",
        fix="Name the rule and say why: `# wfc: ignore[WFC-SEC-SQLI] name is an enum value`.",
    ),
    suggestions={"*": "Write `wfc: ignore[RULE-ID] reason`, naming the rule this line is exempt from."},
    tags=frozenset({GATE}),
)

UNKNOWN_SUPPRESSION_RULE = Rule(
    id="WFC-MAINT-UNKNOWN-SUPPRESSION",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Suppression comment names an unknown rule",
    concept="unknown-suppression-rule",
    languages=_ALL,
    confidence=100,
    doc=RuleDoc(
        what="A `wfc: ignore[...]` comment naming a rule id the reviewers do not have.",
        why="A misspelt id suppresses nothing, so the comment misleads readers into thinking a "
        "finding was accepted.",
        example="// wfc: ignore[WFC-SEC-SQL] legacy query",
        fix="Use the rule id shown in the finding (e.g. WFC-SEC-SQLI) or remove the comment.",
    ),
    suggestions={"*": "Copy the rule id from the finding you mean to suppress."},
    tags=frozenset({GATE}),
)

RULES = (BARE_SUPPRESSION, UNKNOWN_SUPPRESSION_RULE)
