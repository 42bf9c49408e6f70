"""Loop variable overrides the iterable: 1 rule (WFC-COR-LOOP-VAR-OVERRIDES-ITERABLE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LOOP_VAR_OVERRIDES_ITERABLE = Rule(
    id="WFC-COR-LOOP-VAR-OVERRIDES-ITERABLE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Loop variable overrides the iterable",
    concept="loop-var-overrides-iterable",
    languages=frozenset({"python"}),
    confidence=80,
    doc=RuleDoc(
        what="The loop target rebinds the name being iterated, which later code then sees changed.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="for items in items:",
        fix="Use a different name for the loop variable.",
    ),
    suggestions={
        "*": "Use a different name for the loop variable.",
    },
)


RULES = (LOOP_VAR_OVERRIDES_ITERABLE,)
