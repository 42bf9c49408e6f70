"""ORDER BY RAND()/RANDOM(): 1 rule (WFC-PERF-SQL-ORDER-RANDOM).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_ORDER_RANDOM = Rule(
    id="WFC-PERF-SQL-ORDER-RANDOM",
    role=Role.PERFORMANCE,
    severity=Severity.MEDIUM,
    title="ORDER BY RAND()/RANDOM()",
    concept="order-by-random",
    languages=frozenset({"sql"}),
    confidence=80,
    doc=RuleDoc(
        what=(
            "Sorting the whole table by a random value is O(n log n) per query and gets slow as the "
            "table grows."
        ),
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="SELECT id FROM tips ORDER BY RANDOM() LIMIT 1;",
        fix="Sample with TABLESAMPLE or a random key range.",
    ),
    suggestions={
        "*": "Sample with TABLESAMPLE or a random key range.",
    },
)


RULES = (SQL_ORDER_RANDOM,)
