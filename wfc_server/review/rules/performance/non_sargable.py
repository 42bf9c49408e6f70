"""LIKE with a leading wildcard: 1 rule (WFC-PERF-SQL-LEADING-WILDCARD).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_LEADING_WILDCARD = Rule(
    id="WFC-PERF-SQL-LEADING-WILDCARD",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="LIKE with a leading wildcard",
    concept="non-sargable",
    languages=frozenset({"sql"}),
    confidence=70,
    doc=RuleDoc(
        what="A pattern starting with % cannot use a B-tree index, so the query scans the whole table.",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="SELECT id FROM users WHERE email LIKE '%@example.com';",
        fix="Use a full-text or trigram index, or anchor the pattern.",
    ),
    suggestions={
        "*": "Use a full-text or trigram index, or anchor the pattern.",
    },
)


RULES = (SQL_LEADING_WILDCARD,)
