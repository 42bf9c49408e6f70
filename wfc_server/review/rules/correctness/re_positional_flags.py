"""re.sub/split flags passed positionally: 1 rule (WFC-COR-RE-POSITIONAL-FLAGS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RE_POSITIONAL_FLAGS = Rule(
    id="WFC-COR-RE-POSITIONAL-FLAGS",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="re.sub/split flags passed positionally",
    concept="re-positional-flags",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what=(
            "The 4th positional argument of re.sub is `count`, not `flags`; the flag is silently used"
            " as a count."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='return re.sub(r"#.*$", "", source, re.MULTILINE)  # wfc-expect: correctness medium',
        fix="Pass `flags=` (and `count=`) as keywords.",
    ),
    suggestions={
        "*": "Pass `flags=` (and `count=`) as keywords.",
    },
)


RULES = (RE_POSITIONAL_FLAGS,)
