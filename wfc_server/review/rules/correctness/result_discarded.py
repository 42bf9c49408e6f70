"""Result of a pure call discarded: 1 rule (WFC-COR-RESULT-DISCARDED).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RESULT_DISCARDED = Rule(
    id="WFC-COR-RESULT-DISCARDED",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Result of a pure call discarded",
    concept="result-discarded",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "Strings are immutable and sorted()/list() return new objects: the call's result is "
            "thrown away, so nothing changes."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="s.replace('a', 'b')",
        fix="Assign the result (e.g. `s = s.replace(a, b)`).",
    ),
    suggestions={
        "*": "Assign the result (e.g. `s = s.replace(a, b)`).",
    },
)


RULES = (RESULT_DISCARDED,)
