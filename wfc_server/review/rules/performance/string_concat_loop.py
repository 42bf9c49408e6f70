"""String concatenation in a loop: 1 rule (WFC-PERF-STR-CONCAT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


STR_CONCAT = Rule(
    id="WFC-PERF-STR-CONCAT",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="String concatenation in a loop",
    concept="string-concat-loop",
    languages=frozenset({"python"}),
    confidence=60,
    doc=RuleDoc(
        what="Each += copies the string built so far, which is quadratic for long outputs.",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="out += r",
        fix="Collect the parts in a list and `''.join(parts)` once.",
    ),
    suggestions={
        "python": "Collect the parts in a list and `''.join(parts)` once.",
        "java": "Use a StringBuilder.",
    },
)


RULES = (STR_CONCAT,)
