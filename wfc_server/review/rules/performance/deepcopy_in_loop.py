"""copy.deepcopy inside a loop: 1 rule (WFC-PERF-DEEPCOPY-IN-LOOP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DEEPCOPY_IN_LOOP = Rule(
    id="WFC-PERF-DEEPCOPY-IN-LOOP",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="copy.deepcopy inside a loop",
    concept="deepcopy-in-loop",
    languages=frozenset({"python"}),
    confidence=60,
    doc=RuleDoc(
        what="deepcopy walks the whole object graph on every iteration, which is slow for large objects.",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="item = copy.deepcopy(template)  # wfc-expect: performance low",
        fix="Copy once outside the loop, or copy only what changes.",
    ),
    suggestions={
        "*": "Copy once outside the loop, or copy only what changes.",
    },
)


RULES = (DEEPCOPY_IN_LOOP,)
