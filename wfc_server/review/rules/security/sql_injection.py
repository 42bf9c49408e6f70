"""SQL injection: 1 rule (WFC-SEC-SQLI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQLI = Rule(
    id="WFC-SEC-SQLI",
    role=Role.SECURITY,
    severity=Severity.CRITICAL,
    title="SQL injection",
    concept="sql-injection",
    languages=frozenset({"go", "java", "javascript", "python", "sql", "typescript"}),
    cwe="CWE-89",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "A value that is not proven safe is built into the text of a SQL statement that is then executed."
        ),
        why=(
            "Whoever controls the value controls the query: they can read or change any data the "
            "connection may reach, bypass login checks, or drop tables (SQL injection, CWE-89)."
        ),
        example='cursor.execute("SELECT * FROM users WHERE name = \'" + name + "\'")',
        fix=(
            "Keep the statement text constant and pass values as bound parameters; allow-list "
            "identifiers such as column names that cannot be parameters."
        ),
    ),
    suggestions={
        "python": 'Use a parameterised query: cursor.execute("... WHERE name = %s", (name,)).',
        "javascript": "Use placeholders and a values array: db.query('... WHERE name = $1', [name]).",
        "go": 'Use placeholders: db.QueryContext(ctx, "... WHERE name = $1", name).',
        "java": "Use a PreparedStatement with ? placeholders and setString/setInt for each value.",
        "sql": (
            "Bind values as parameters (EXECUTE ... USING) instead of concatenating them into dynamic SQL."
        ),
        "*": "Keep the SQL text constant and pass values as bound parameters.",
    },
)


RULES = (SQLI,)
