"""Promise chain without rejection handler: 1 rule (WFC-REL-JS-UNHANDLED-PROMISE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_UNHANDLED_PROMISE = Rule(
    id="WFC-REL-JS-UNHANDLED-PROMISE",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Promise chain without rejection handler",
    concept="unhandled-promise",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-755",
    confidence=65,
    doc=RuleDoc(
        what=(
            "A rejection in this `.then()` chain is never handled: it becomes an unhandledRejection, "
            "which crashes Node.js by default."
        ),
        why="An exceptional condition is handled in a way that hides it from callers (CWE-755).",
        example="load(u).then((r) => show(r));",
        fix="Add `.catch(...)`, or `await` it inside try/catch.",
    ),
    suggestions={
        "*": "Add `.catch(...)`, or `await` it inside try/catch.",
    },
)


RULES = (JS_UNHANDLED_PROMISE,)
