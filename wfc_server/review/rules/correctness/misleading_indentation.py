"""Only the first statement is conditional: 1 rule (WFC-COR-MISLEADING-INDENT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


MISLEADING_INDENT = Rule(
    id="WFC-COR-MISLEADING-INDENT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Only the first statement is conditional",
    concept="misleading-indentation",
    languages=frozenset({"java", "javascript", "typescript"}),
    cwe="CWE-483",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The `if` has no braces, so only its first statement is guarded; the next, equally "
            "indented statement always runs."
        ),
        why=(
            "The indentation suggests a statement is guarded when it is not, so it runs "
            "unconditionally (CWE-483)."
        ),
        example="res.end('denied');",
        fix="Add braces around the statements that belong to the `if`.",
    ),
    suggestions={
        "*": "Add braces around the statements that belong to the `if`.",
    },
)


RULES = (MISLEADING_INDENT,)
