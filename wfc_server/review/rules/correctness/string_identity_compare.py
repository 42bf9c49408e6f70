"""String compared with ==: 1 rule (WFC-COR-JAVA-STRING-EQ).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JAVA_STRING_EQ = Rule(
    id="WFC-COR-JAVA-STRING-EQ",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="String compared with ==",
    concept="string-identity-compare",
    languages=frozenset({"java"}),
    cwe="CWE-597",
    confidence=90,
    doc=RuleDoc(
        what=(
            "`==` compares references; equal strings built at runtime are different objects, so the "
            "comparison is usually false."
        ),
        why="Comparing strings by reference gives false for equal text built at run time (CWE-597).",
        example='return s == "x";',
        fix="Use `.equals()`.",
    ),
    suggestions={
        "*": "Use `.equals()`.",
    },
)


RULES = (JAVA_STRING_EQ,)
