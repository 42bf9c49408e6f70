"""BigDecimal built from a double: 1 rule (WFC-COR-JAVA-BIGDECIMAL-DOUBLE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JAVA_BIGDECIMAL_DOUBLE = Rule(
    id="WFC-COR-JAVA-BIGDECIMAL-DOUBLE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="BigDecimal built from a double",
    concept="imprecise-decimal",
    languages=frozenset({"java"}),
    cwe="CWE-1339",
    confidence=90,
    doc=RuleDoc(
        what=(
            "new BigDecimal(0.1) captures the binary approximation (0.1000000000000000055...), so "
            "money arithmetic is off."
        ),
        why=(
            "Binary floating point cannot represent most decimal fractions, so money and other exact "
            "amounts drift (CWE-1339)."
        ),
        example="BigDecimal fee = new BigDecimal(0.1);",
        fix='Use BigDecimal.valueOf(x) or new BigDecimal("0.1").',
    ),
    suggestions={
        "*": 'Use BigDecimal.valueOf(x) or new BigDecimal("0.1").',
    },
)


RULES = (JAVA_BIGDECIMAL_DOUBLE,)
