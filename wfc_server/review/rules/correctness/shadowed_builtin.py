"""Variable shadows a builtin: 1 rule (WFC-COR-SHADOWED-BUILTIN).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SHADOWED_BUILTIN = Rule(
    id="WFC-COR-SHADOWED-BUILTIN",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Variable shadows a builtin",
    concept="shadowed-builtin",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "A local variable replaces a builtin and the builtin is called later in the same scope, "
            "which now calls the variable instead (TypeError)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="list = raw.split()",
        fix="Rename the variable.",
    ),
    suggestions={
        "*": "Rename the variable.",
    },
)


RULES = (SHADOWED_BUILTIN,)
