"""High cyclomatic complexity: 1 rule (WFC-MAINT-COMPLEXITY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


COMPLEXITY = Rule(
    id="WFC-MAINT-COMPLEXITY",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="High cyclomatic complexity",
    concept="complexity",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    confidence=70,
    heuristic=True,
    doc=RuleDoc(
        what=(
            "A function whose cyclomatic complexity (the number of independent paths through it) rose"
            " above the limit in this change."
        ),
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more. The limits rise with the function's previous size in repo"
            " mode, so only growth is reported."
        ),
        example="def route(kind, user, flags):  # 16 if/elif branches",
        fix="Split the function, use early returns or a lookup table for branches.",
    ),
    suggestions={
        "*": "Split the function, use early returns or a lookup table for branches.",
    },
)


RULES = (COMPLEXITY,)
