"""Close deferred before the error is checked: 1 rule (WFC-REL-GO-DEFER-BEFORE-ERR).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_DEFER_BEFORE_ERR = Rule(
    id="WFC-REL-GO-DEFER-BEFORE-ERR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Close deferred before the error is checked",
    concept="defer-before-error-check",
    languages=frozenset({"go"}),
    cwe="CWE-476",
    confidence=85,
    doc=RuleDoc(
        what=(
            "If the call failed the value is nil, so the deferred Close panics (nil dereference) "
            "instead of returning the error."
        ),
        why=(
            "A value that may be null/None is dereferenced, which crashes the request (NULL pointer "
            "dereference, CWE-476)."
        ),
        example="defer f.Close()",
        fix="Check `err` first, then `defer x.Close()`.",
    ),
    suggestions={
        "*": "Check `err` first, then `defer x.Close()`.",
    },
)


RULES = (GO_DEFER_BEFORE_ERR,)
