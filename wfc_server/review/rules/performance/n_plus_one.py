"""Query or HTTP call inside a loop (N+1): 1 rule (WFC-PERF-N-PLUS-ONE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


N_PLUS_ONE = Rule(
    id="WFC-PERF-N-PLUS-ONE",
    role=Role.PERFORMANCE,
    severity=Severity.MEDIUM,
    title="Query or HTTP call inside a loop (N+1)",
    concept="n-plus-one",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-1073",
    confidence=75,
    doc=RuleDoc(
        what="One round trip per iteration: latency and database load grow with the number of items.",
        why="One query per item multiplies latency and database load by the number of items (CWE-1073).",
        example="return [User.objects.get(pk=i) for i in ids]",
        fix=(
            "Fetch all rows in one query (IN (...), a join, select_related/prefetch_related, "
            "executemany) or batch the HTTP calls."
        ),
    ),
    suggestions={
        "python": (
            "Fetch all rows in one query (IN (...), a join, select_related/prefetch_related, "
            "executemany) or batch the HTTP calls."
        ),
        "go": "Query all rows at once (WHERE id = ANY($1) / IN (...)) or batch.",
        "java": "Load all rows with one query (IN (...), a join, batch fetch) before the loop.",
        "javascript": "Fetch all items in one query (WHERE id IN ...) or batch the calls with Promise.all.",
    },
)


RULES = (N_PLUS_ONE,)
