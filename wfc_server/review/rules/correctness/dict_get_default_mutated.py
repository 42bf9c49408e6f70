"""Mutation of a dict.get() default is lost: 1 rule (WFC-COR-GET-DEFAULT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GET_DEFAULT = Rule(
    id="WFC-COR-GET-DEFAULT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Mutation of a dict.get() default is lost",
    concept="dict-get-default-mutated",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "When the key is missing, get() returns a fresh default that is not stored in the dict; "
            "the mutation is silently lost."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="d.get(k, []).append(v)",
        fix="Use `d.setdefault(key, [])` or collections.defaultdict.",
    ),
    suggestions={
        "*": "Use `d.setdefault(key, [])` or collections.defaultdict.",
    },
)


RULES = (GET_DEFAULT,)
