"""Regex compiled inside a loop: 1 rule (WFC-PERF-REGEX-IN-LOOP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REGEX_IN_LOOP = Rule(
    id="WFC-PERF-REGEX-IN-LOOP",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="Regex compiled inside a loop",
    concept="regex-compile-in-loop",
    languages=frozenset({"go", "python"}),
    confidence=70,
    doc=RuleDoc(
        what="The pattern is constant but compiled on every iteration.",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="yield re.compile('a+').sub('', line)",
        fix="Compile it once at module level or before the loop.",
    ),
    suggestions={
        "python": "Compile it once at module level or before the loop.",
        "go": "Compile once into a package-level var.",
        "java": "Compile once into a static final Pattern.",
    },
)


RULES = (REGEX_IN_LOOP,)
