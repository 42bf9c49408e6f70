"""Deeply nested code: 1 rule (WFC-MAINT-NESTING).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NESTING = Rule(
    id="WFC-MAINT-NESTING",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Deeply nested code",
    concept="deep-nesting",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    confidence=70,
    heuristic=True,
    doc=RuleDoc(
        what="Deep nesting makes control flow hard to follow and to test.",
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more."
        ),
        example="if (x) {",
        fix="Use guard clauses / early returns or extract the inner block.",
    ),
    suggestions={
        "*": "Use guard clauses / early returns or extract the inner block.",
    },
)


RULES = (NESTING,)
