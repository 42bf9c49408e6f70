"""except clause with a non-exception class: 1 rule (WFC-COR-EXCEPT-NON-EXCEPTION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


EXCEPT_NON_EXCEPTION = Rule(
    id="WFC-COR-EXCEPT-NON-EXCEPTION",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="except clause with a non-exception class",
    concept="except-non-exception",
    languages=frozenset({"python"}),
    cwe="CWE-703",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The except expression is not an exception class or tuple of them; it raises TypeError "
            "when an exception reaches it."
        ),
        why=(
            "An exceptional condition is not handled where it occurs, so it surfaces later as a crash"
            " or wrong result (CWE-703)."
        ),
        example="except (ValueError, 'timeout'):",
        fix="Use an exception class or a tuple of them.",
    ),
    suggestions={
        "*": "Use an exception class or a tuple of them.",
    },
)


RULES = (EXCEPT_NON_EXCEPTION,)
