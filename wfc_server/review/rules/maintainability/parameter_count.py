"""Too many parameters: 1 rule (WFC-MAINT-PARAMS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PARAMS = Rule(
    id="WFC-MAINT-PARAMS",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Too many parameters",
    concept="parameter-count",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    confidence=65,
    heuristic=True,
    doc=RuleDoc(
        what=(
            "A function whose parameter list grew past the limit; required positional parameters weigh most."
        ),
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more. The limits rise with the function's previous size in repo"
            " mode, so only growth is reported."
        ),
        example="def create(a0, a1, a2, a3, a4, a5, a6, a7):",
        fix="Group related parameters into a dataclass or options object.",
    ),
    suggestions={
        "*": "Group related parameters into a dataclass or options object.",
    },
)


RULES = (PARAMS,)
