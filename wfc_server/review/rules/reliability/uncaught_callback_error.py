"""throw inside a Node-style callback: 1 rule (WFC-REL-JS-THROW-IN-CALLBACK).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JS_THROW_IN_CALLBACK = Rule(
    id="WFC-REL-JS-THROW-IN-CALLBACK",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="throw inside a Node-style callback",
    concept="uncaught-callback-error",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-248",
    confidence=80,
    doc=RuleDoc(
        what=(
            "The callback runs later on its own stack; nothing can catch this throw, so it becomes an"
            " uncaughtException that crashes the process (or the error response is never sent)."
        ),
        why="An exception thrown where nothing can catch it crashes the process (CWE-248).",
        example="if (err) throw err;",
        fix="Pass the error on (`return next(err)` / `reject(err)`) or use the promise API with await.",
    ),
    suggestions={
        "*": "Pass the error on (`return next(err)` / `reject(err)`) or use the promise API with await.",
    },
)


RULES = (JS_THROW_IN_CALLBACK,)
