"""Naive datetime (no timezone): 1 rule (WFC-COR-NAIVE-DATETIME).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NAIVE_DATETIME = Rule(
    id="WFC-COR-NAIVE-DATETIME",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Naive datetime (no timezone)",
    concept="naive-datetime",
    languages=frozenset({"python"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The result has no tzinfo, so comparing it with aware datetimes raises TypeError and "
            "`.timestamp()` treats it as local time."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="datetime.datetime.utcnow()",
        fix="Use datetime.now(timezone.utc).",
    ),
    suggestions={
        "*": "Use datetime.now(timezone.utc).",
    },
)


RULES = (NAIVE_DATETIME,)
