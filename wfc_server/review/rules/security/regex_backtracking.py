"""Catastrophic backtracking: 1 rule (WFC-SEC-REDOS-PATTERN), in Python (worked out from
``re``'s own parser, security/py_guards.py) and JS/TS (analysis/regex_backtracking.py).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REDOS_PATTERN = Rule(
    id="WFC-SEC-REDOS-PATTERN",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Regular expression with catastrophic backtracking",
    concept="regex-backtracking",
    languages=frozenset({"python", "javascript", "typescript"}),
    cwe="CWE-1333",
    confidence=60,
    doc=RuleDoc(
        what=(
            "A regular expression repeats a group that itself repeats an element without bound, and "
            "nothing mandatory in the group separates the repetitions (`(\\w+\\s?)*$`, `([a-z0-9]+-?)+$`)."
        ),
        why=(
            "On an input that almost matches, the backtracking engine tries every way to split it "
            "between the two loops: the time doubles with each character, so one short request pins a "
            "CPU core (ReDoS, CWE-1333)."
        ),
        example="const SLUG = /^([a-z0-9]+-?)*$/;",
        fix=(
            "Make the split unique: a mandatory delimiter inside the group (`^[a-z0-9]+(-[a-z0-9]+)*$`), "
            "a single character class, or bound the input length before matching."
        ),
    ),
    suggestions={
        "python": "Rewrite as one unambiguous repetition (r'^[a-zA-Z0-9]+@example\\.com$'), or use "
        "an atomic group / possessive quantifier ((?>...), a++) on Python 3.11+.",
        "javascript": (
            "Rewrite the group so each repetition starts with a mandatory delimiter, e.g. "
            "/^[a-z0-9]+(?:-[a-z0-9]+)*$/, and cap the input length before testing."
        ),
        "*": "Give each repetition a mandatory delimiter so the match is unique; cap the input length.",
    },
)


RULES = (REDOS_PATTERN,)
