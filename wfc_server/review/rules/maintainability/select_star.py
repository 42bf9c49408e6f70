"""SELECT *: 1 rule (WFC-MAINT-SQL-SELECT-STAR).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_SELECT_STAR = Rule(
    id="WFC-MAINT-SQL-SELECT-STAR",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="SELECT *",
    concept="select-star",
    languages=frozenset({"sql"}),
    confidence=60,
    doc=RuleDoc(
        what="The result shape changes whenever the table does, breaking consumers silently.",
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more."
        ),
        example="CREATE VIEW active_users AS SELECT * FROM users WHERE active;",
        fix="List the columns you need.",
    ),
    suggestions={
        "*": "List the columns you need.",
    },
)


RULES = (SQL_SELECT_STAR,)
