"""`++x` does not increment: 1 rule (WFC-COR-PREFIX-INCREMENT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PREFIX_INCREMENT = Rule(
    id="WFC-COR-PREFIX-INCREMENT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="`++x` does not increment",
    concept="prefix-increment",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="Python has no increment operator; `++x` is two unary plus signs and leaves x unchanged.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="++count",
        fix="Write `x += 1`.",
    ),
    suggestions={
        "*": "Write `x += 1`.",
    },
)


RULES = (PREFIX_INCREMENT,)
