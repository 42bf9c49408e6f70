"""UPDATE/DELETE without WHERE: 1 rule (WFC-COR-SQL-NO-WHERE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SQL_NO_WHERE = Rule(
    id="WFC-COR-SQL-NO-WHERE",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="UPDATE/DELETE without WHERE",
    concept="unbounded-write",
    languages=frozenset({"sql"}),
    cwe="CWE-1284",
    confidence=80,
    doc=RuleDoc(
        what="The statement changes every row of the table.",
        why=(
            "A quantity is misinterpreted (such as a zero-based month), so dates and sizes come out "
            "wrong (CWE-1284)."
        ),
        example="UPDATE accounts SET balance = 0;",
        fix="Add the intended WHERE clause (or TRUNCATE if that is really meant).",
    ),
    suggestions={
        "*": "Add the intended WHERE clause (or TRUNCATE if that is really meant).",
    },
)


RULES = (SQL_NO_WHERE,)
