"""String looks like an f-string: 1 rule (WFC-COR-MISSING-FSTRING).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


MISSING_FSTRING = Rule(
    id="WFC-COR-MISSING-FSTRING",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="String looks like an f-string",
    concept="missing-f-prefix",
    languages=frozenset({"python"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The literal contains `{name}` placeholders for variables in scope but has no `f` prefix,"
            " so the braces are printed literally."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="return 'hello {user}'",
        fix="Add the `f` prefix.",
    ),
    suggestions={
        "*": "Add the `f` prefix.",
    },
)


RULES = (MISSING_FSTRING,)
