"""Format mismatch: 2 rules (WFC-COR-FORMAT-MISMATCH, WFC-COR-LOG-FORMAT-MISMATCH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


FORMAT_MISMATCH = Rule(
    id="WFC-COR-FORMAT-MISMATCH",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Format string does not match its arguments",
    concept="format-mismatch",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what="The format string uses named fields but the argument is not a mapping: TypeError.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='"%s and %s" % (name,)',
        fix="Pass a dict or use positional fields.",
    ),
    suggestions={
        "*": "Pass a dict or use positional fields.",
    },
)


LOG_FORMAT_MISMATCH = Rule(
    id="WFC-COR-LOG-FORMAT-MISMATCH",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Logging format does not match its arguments",
    concept="format-mismatch",
    languages=frozenset({"python"}),
    confidence=80,
    doc=RuleDoc(
        what=(
            "The log call has more arguments than placeholders, so logging reports a formatting error"
            " instead of the message."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example='logger.info("user %s logged in", user, when)',
        fix="Match the %-placeholders to the arguments.",
    ),
    suggestions={
        "*": "Match the %-placeholders to the arguments.",
    },
)


RULES = (
    FORMAT_MISMATCH,
    LOG_FORMAT_MISMATCH,
)
