"""Callback error ignored: 1 rule (WFC-REL-JS-CALLBACK-ERR).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_CALLBACK_ERROR_IGNORED = Rule(
    id="WFC-REL-JS-CALLBACK-ERR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Callback error argument never checked",
    concept="callback-error",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-391",
    confidence=65,
    doc=RuleDoc(
        what=(
            "A Node-style callback `(err, result) => { ... }` uses the result but never looks at the "
            "error argument."
        ),
        why=(
            "When the operation fails the result is undefined: the code goes on with it, crashes on a "
            "TypeError far from the cause, or answers as if the call had worked (CWE-391)."
        ),
        example="fs.readFile(path, 'utf8', (err, text) => { cb(JSON.parse(text)); });",
        fix="Check the error first and stop (return the callback with it, or respond with an error).",
    ),
    suggestions={
        "javascript": "Start the callback with `if (err) return cb(err);` (or use the promise API with try/catch).",
        "typescript": "Start the callback with `if (err) return cb(err);` (or use the promise API with try/catch).",
        "*": "Check the error argument before using the result.",
    },
)


RULES = (JS_CALLBACK_ERROR_IGNORED,)
