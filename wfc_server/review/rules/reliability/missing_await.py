"""Floating promise: 1 rule (WFC-REL-FLOATING-PROMISE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


FLOATING_PROMISE = Rule(
    id="WFC-REL-FLOATING-PROMISE",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Floating promise",
    concept="missing-await",
    languages=frozenset({"typescript"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The promise of an async client/repository call is neither awaited, returned nor "
            "`.catch`ed: the function reports success before the write happens and a failure becomes "
            "an unhandled rejection."
        ),
        why=(
            "The failure mode is silent or delayed: under load, on an error path or after a long run "
            "the program hangs, leaks or loses errors instead of failing clearly."
        ),
        example="db.insert('audit_log', row);",
        fix="`await` the call (or return it / attach `.catch`).",
    ),
    suggestions={
        "*": "`await` the call (or return it / attach `.catch`).",
    },
)


RULES = (FLOATING_PROMISE,)
