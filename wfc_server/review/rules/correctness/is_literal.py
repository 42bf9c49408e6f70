"""`is` comparison with a literal: 1 rule (WFC-COR-IS-LITERAL).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


IS_LITERAL = Rule(
    id="WFC-COR-IS-LITERAL",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="`is` comparison with a literal",
    concept="is-literal",
    languages=frozenset({"python"}),
    cwe="CWE-595",
    confidence=90,
    doc=RuleDoc(
        what=(
            "`is` compares identity, not value; with str/int literals the result depends on interning"
            " and is often False for equal values."
        ),
        why=(
            "Comparing object identity instead of value gives results that depend on interpreter "
            "caching (CWE-595)."
        ),
        example='if item is "x":',
        fix="Use `==` / `!=` to compare values.",
    ),
    suggestions={
        "*": "Use `==` / `!=` to compare values.",
    },
)


RULES = (IS_LITERAL,)
