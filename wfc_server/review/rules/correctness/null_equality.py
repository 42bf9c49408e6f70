"""Comparison with NULL using = / <>: 1 rule (WFC-COR-SQL-NULL-EQ).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_NULL_EQ = Rule(
    id="WFC-COR-SQL-NULL-EQ",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Comparison with NULL using = / <>",
    concept="null-equality",
    languages=frozenset({"sql"}),
    cwe="CWE-570",
    confidence=90,
    doc=RuleDoc(
        what="`x = NULL` is never true in SQL (it is UNKNOWN), so the condition filters out every row.",
        why=(
            "An expression that is always false hides a branch that never runs; the check the author "
            "meant is not made (CWE-570)."
        ),
        example="WHERE deleted_at = NULL;",
        fix="Use `IS NULL` / `IS NOT NULL`.",
    ),
    suggestions={
        "*": "Use `IS NULL` / `IS NOT NULL`.",
    },
)


RULES = (SQL_NULL_EQ,)
