"""Possible division by zero on empty input: 1 rule (WFC-COR-DIV-BY-LEN).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DIV_BY_LEN = Rule(
    id="WFC-COR-DIV-BY-LEN",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Possible division by zero on empty input",
    concept="division-by-zero",
    languages=frozenset({"python"}),
    cwe="CWE-369",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The divisor is the length of an argument and nothing checks that it is non-empty, so an "
            "empty input raises ZeroDivisionError."
        ),
        why="A divisor that can be zero crashes the computation with a division error (CWE-369).",
        example="return total / len(values)",
        fix=(
            "Return early (or pick a default) when the sequence is empty, e.g. `if not values: return"
            " 0.0`, or divide by `max(len(values), 1)`."
        ),
    ),
    suggestions={
        "*": (
            "Return early (or pick a default) when the sequence is empty, e.g. `if not values: return"
            " 0.0`, or divide by `max(len(values), 1)`."
        ),
    },
)


RULES = (DIV_BY_LEN,)
