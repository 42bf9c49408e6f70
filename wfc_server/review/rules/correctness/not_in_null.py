"""NOT IN over a subquery: 1 rule (WFC-COR-SQL-NOT-IN-NULL).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_NOT_IN_NULL = Rule(
    id="WFC-COR-SQL-NOT-IN-NULL",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="NOT IN over a subquery",
    concept="not-in-null",
    languages=frozenset({"sql"}),
    confidence=60,
    doc=RuleDoc(
        what="If the subquery returns a NULL, `NOT IN` matches no rows at all.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="SELECT id FROM users WHERE id NOT IN (SELECT manager_id FROM teams);",
        fix="Use NOT EXISTS, or filter NULLs in the subquery.",
    ),
    suggestions={
        "*": "Use NOT EXISTS, or filter NULLs in the subquery.",
    },
)


RULES = (SQL_NOT_IN_NULL,)
