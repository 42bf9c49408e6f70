"""pipe() without error handling: 1 rule (WFC-REL-PIPE-NO-ERROR).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PIPE_NO_ERROR = Rule(
    id="WFC-REL-PIPE-NO-ERROR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="pipe() without error handling",
    concept="unhandled-error",
    languages=frozenset({"javascript", "typescript"}),
    confidence=65,
    doc=RuleDoc(
        what=(
            "`a.pipe(b)` does not forward errors: a failing source or destination never reaches the "
            "completion callback and leaks the open file/socket."
        ),
        why=(
            "The failure mode is silent or delayed: under load, on an error path or after a long run "
            "the program hangs, leaks or loses errors instead of failing clearly."
        ),
        example="req.pipe(out);",
        fix="Use `stream.pipeline(a, b, callback)` (or attach `.on('error', ...)` to both streams).",
    ),
    suggestions={
        "*": "Use `stream.pipeline(a, b, callback)` (or attach `.on('error', ...)` to both streams).",
    },
)


RULES = (PIPE_NO_ERROR,)
