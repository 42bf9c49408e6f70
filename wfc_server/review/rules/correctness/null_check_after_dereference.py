"""Value used before its None check: 1 rule (WFC-COR-NONE-CHECK-AFTER-USE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NONE_CHECK_AFTER_USE = Rule(
    id="WFC-COR-NONE-CHECK-AFTER-USE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Value used before its None check",
    concept="null-check-after-dereference",
    languages=frozenset({"python"}),
    cwe="CWE-476",
    confidence=75,
    doc=RuleDoc(
        what=(
            "The value is dereferenced before the code checks whether it is None: if it can be None "
            "the earlier line raises AttributeError/TypeError, and if it cannot the check is dead."
        ),
        why=(
            "A value that may be null/None is dereferenced, which crashes the request (NULL pointer "
            "dereference, CWE-476)."
        ),
        example="name = user.name",
        fix="Move the None check before the first use.",
    ),
    suggestions={
        "*": "Move the None check before the first use.",
    },
)


RULES = (NONE_CHECK_AFTER_USE,)
