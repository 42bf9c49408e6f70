"""Statement cannot run inside a transaction block: 1 rule (WFC-COR-SQL-NOT-IN-TRANSACTION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_NOT_IN_TRANSACTION = Rule(
    id="WFC-COR-SQL-NOT-IN-TRANSACTION",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Statement cannot run inside a transaction block",
    concept="statement-not-allowed-in-transaction",
    languages=frozenset({"sql"}),
    cwe="CWE-670",
    confidence=85,
    doc=RuleDoc(
        what=(
            "CONCURRENTLY index operations, VACUUM and CREATE/DROP DATABASE refuse to run inside "
            "BEGIN ... COMMIT, so this migration fails (and rolls back) when it is applied."
        ),
        why=(
            "The control flow does not match what the code is written to do, so some statements run "
            "when they should not (CWE-670)."
        ),
        example="CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_idx ON orders (shipped_at);",
        fix=(
            "Move the statement out of the explicit transaction (its own migration, or one run "
            "without a transaction)."
        ),
    ),
    suggestions={
        "*": (
            "Move the statement out of the explicit transaction (its own migration, or one run "
            "without a transaction)."
        ),
    },
)


RULES = (SQL_NOT_IN_TRANSACTION,)
