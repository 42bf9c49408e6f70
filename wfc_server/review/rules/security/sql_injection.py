"""SQL injection: data reaches the text of a SQL statement.

The declaration below is the rule's identity and documentation; the language knowledge (sources,
sinks, sanitizers) that finds it moves here from ``review/security`` as the engine is rebuilt
around the registry.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

SQL_INJECTION = Rule(
    id="WFC-SEC-SQLI",
    role=Role.SECURITY,
    severity=Severity.CRITICAL,
    title="SQL injection",
    concept="sql-injection",
    languages=frozenset({"python", "javascript", "typescript", "go", "java", "sql"}),
    cwe="CWE-89",
    confidence=90,
    doc=RuleDoc(
        what="A value that is not proven safe is built into the text of a SQL statement that is "
        "then executed.",
        why="Whoever controls the value controls the query: they can read or change any data the "
        "connection may reach, bypass login checks, or drop tables (CWE-89).",
        example='cursor.execute("SELECT * FROM users WHERE name = \'" + name + "\'")',
        fix="Keep the statement text constant and pass values as bound parameters; allow-list "
        "identifiers such as column names that cannot be parameters.",
    ),
    suggestions={
        "python": "Use a parameterised query: cursor.execute(\"... WHERE name = %s\", (name,)).",
        "javascript": "Use placeholders and a values array: db.query('... WHERE name = $1', [name]).",
        "go": "Use placeholders: db.QueryContext(ctx, \"... WHERE name = $1\", name).",
        "java": "Use a PreparedStatement with ? placeholders and setString/setInt for each value.",
        "sql": "Bind values as parameters (EXECUTE ... USING) instead of concatenating them into "
        "dynamic SQL.",
        "*": "Keep the SQL text constant and pass values as bound parameters.",
    },
)

RULES = (SQL_INJECTION,)
