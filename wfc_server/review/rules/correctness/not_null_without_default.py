"""NOT NULL column added without a DEFAULT: 1 rule (WFC-COR-SQL-NOT-NULL-NO-DEFAULT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_NOT_NULL_NO_DEFAULT = Rule(
    id="WFC-COR-SQL-NOT-NULL-NO-DEFAULT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="NOT NULL column added without a DEFAULT",
    concept="not-null-without-default",
    languages=frozenset({"sql"}),
    cwe="CWE-665",
    confidence=75,
    doc=RuleDoc(
        what=(
            "Adding a NOT NULL column with no default fails on a table that already has rows "
            "(existing rows would hold NULL)."
        ),
        why=(
            "A value is not initialised the way later code assumes, so it is used in an unexpected "
            "state (CWE-665)."
        ),
        example="ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;",
        fix="Add a DEFAULT, or add the column nullable, backfill it, then SET NOT NULL.",
    ),
    suggestions={
        "*": "Add a DEFAULT, or add the column nullable, backfill it, then SET NOT NULL.",
    },
)


RULES = (SQL_NOT_NULL_NO_DEFAULT,)
