"""`except A or B` catches only A: 1 rule (WFC-COR-EXCEPT-BINARY-OP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


EXCEPT_BINARY_OP = Rule(
    id="WFC-COR-EXCEPT-BINARY-OP",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="`except A or B` catches only A",
    concept="except-binary-op",
    languages=frozenset({"python"}),
    cwe="CWE-703",
    confidence=90,
    doc=RuleDoc(
        what="`A or B` evaluates to A, so B is never caught.",
        why=(
            "An exceptional condition is not handled where it occurs, so it surfaces later as a crash"
            " or wrong result (CWE-703)."
        ),
        example="except ValueError or TypeError:",
        fix="Use a tuple: `except (A, B):`.",
    ),
    suggestions={
        "*": "Use a tuple: `except (A, B):`.",
    },
)


RULES = (EXCEPT_BINARY_OP,)
