"""return outside a function: 1 rule (WFC-COR-RETURN-OUTSIDE-FUNCTION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RETURN_OUTSIDE_FUNCTION = Rule(
    id="WFC-COR-RETURN-OUTSIDE-FUNCTION",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="return outside a function",
    concept="return-outside-function",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="This is a SyntaxError when the module is imported.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="return result  # at module level",
        fix="Remove the return.",
    ),
    suggestions={
        "*": "Remove the return.",
    },
)


RULES = (RETURN_OUTSIDE_FUNCTION,)
