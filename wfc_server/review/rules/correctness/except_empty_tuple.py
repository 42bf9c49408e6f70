"""except with an empty tuple catches nothing: 1 rule (WFC-COR-EXCEPT-EMPTY-TUPLE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


EXCEPT_EMPTY_TUPLE = Rule(
    id="WFC-COR-EXCEPT-EMPTY-TUPLE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="except with an empty tuple catches nothing",
    concept="except-empty-tuple",
    languages=frozenset({"python"}),
    cwe="CWE-703",
    confidence=90,
    doc=RuleDoc(
        what="`except ():` never matches, so the handler is dead code.",
        why=(
            "An exceptional condition is not handled where it occurs, so it surfaces later as a crash"
            " or wrong result (CWE-703)."
        ),
        example="except ():",
        fix="List the exceptions to catch.",
    ),
    suggestions={
        "*": "List the exceptions to catch.",
    },
)


RULES = (EXCEPT_EMPTY_TUPLE,)
