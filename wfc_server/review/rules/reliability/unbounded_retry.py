"""Retry loop without a bound: 1 rule (WFC-REL-UNBOUNDED-RETRY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


UNBOUNDED_RETRY = Rule(
    id="WFC-REL-UNBOUNDED-RETRY",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Retry loop without a bound",
    concept="unbounded-retry",
    languages=frozenset({"python"}),
    cwe="CWE-835",
    confidence=80,
    doc=RuleDoc(
        what=(
            "`while True` retries on every exception with no attempt limit, so a permanent failure "
            "spins (and hammers the dependency) forever."
        ),
        why=(
            "The loop has no exit that is guaranteed to be reached, so the process spins forever (CWE-835)."
        ),
        example="while True:",
        fix="Count attempts and give up (re-raise) after a limit, with backoff.",
    ),
    suggestions={
        "*": "Count attempts and give up (re-raise) after a limit, with backoff.",
    },
)


RULES = (UNBOUNDED_RETRY,)
