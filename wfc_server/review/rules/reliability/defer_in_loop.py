"""defer inside a loop: 1 rule (WFC-REL-GO-DEFER-IN-LOOP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_DEFER_IN_LOOP = Rule(
    id="WFC-REL-GO-DEFER-IN-LOOP",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="defer inside a loop",
    concept="defer-in-loop",
    languages=frozenset({"go"}),
    cwe="CWE-772",
    confidence=70,
    doc=RuleDoc(
        what=(
            "Deferred calls run only when the function returns, so every iteration's resource stays "
            "open until then."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example="defer f.Close() // wfc-expect: reliability low",
        fix="Close explicitly in the loop or move the body into a function.",
    ),
    suggestions={
        "*": "Close explicitly in the loop or move the body into a function.",
    },
)


RULES = (GO_DEFER_IN_LOOP,)
