"""Regular expression with nested quantifiers applied to input: 1 rule (WFC-SEC-REDOS-PATTERN).

Python's ``re`` is a backtracking engine: a pattern such as ``(\\w+\\s?)+$`` or ``(a|aa)*`` can
match one string in exponentially many ways, and a short non-matching input makes it try all of
them.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

REDOS_PATTERN = Rule(
    id="WFC-SEC-REDOS-PATTERN",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Regular expression with catastrophic backtracking",
    concept="catastrophic-regex",
    languages=frozenset({"python"}),
    cwe="CWE-1333",
    confidence=70,
    doc=RuleDoc(
        what="A regular expression repeats a group that itself contains an unbounded repetition "
        "(or alternatives) able to match the same text in more than one way, and the pattern is "
        "matched against data.",
        why="A backtracking engine tries every way to split the input between the repetitions: "
        "about 30 characters that almost match pin a CPU core for minutes (ReDoS, CWE-1333).",
        example="EMAIL = re.compile(r'^([a-zA-Z0-9]+)*@example\\.com$')",
        fix="Make the repetition unambiguous (one quantifier per character class, separators "
        "that the repeated part cannot match), use a possessive quantifier or atomic group "
        "(Python 3.11+), or bound the input length first.",
    ),
    suggestions={
        "python": "Rewrite as one unambiguous repetition (r'^[a-zA-Z0-9]+@example\\.com$'), or use "
        "an atomic group / possessive quantifier ((?>...), a++) on Python 3.11+.",
        "*": "Rewrite the pattern so each character can be matched by one repetition only.",
    },
)

RULES = (REDOS_PATTERN,)
