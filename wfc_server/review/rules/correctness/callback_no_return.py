"""Array callback never returns a value: 1 rule (WFC-COR-JS-CALLBACK-NO-RETURN).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_CALLBACK_NO_RETURN = Rule(
    id="WFC-COR-JS-CALLBACK-NO-RETURN",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Array callback never returns a value",
    concept="callback-no-return",
    languages=frozenset({"javascript", "typescript"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "The callback has a block body without `return`, so map() yields undefined for every "
            "element (filter/find/some/every see a falsy result)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="return xs.map((x) => {",
        fix="Return the value (or use an expression-bodied arrow function).",
    ),
    suggestions={
        "*": "Return the value (or use an expression-bodied arrow function).",
    },
)


RULES = (JS_CALLBACK_NO_RETURN,)
