"""Long function: 1 rule (WFC-MAINT-LENGTH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LENGTH = Rule(
    id="WFC-MAINT-LENGTH",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Long function",
    concept="function-length",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    confidence=65,
    heuristic=True,
    doc=RuleDoc(
        what="A function that grew past the line-count limit in this change.",
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more. The limits rise with the function's previous size in repo"
            " mode, so only growth is reported."
        ),
        example="def export_report(...):  # 90 lines",
        fix="Extract cohesive steps into helper functions.",
    ),
    suggestions={
        "*": "Extract cohesive steps into helper functions.",
    },
)


RULES = (LENGTH,)
