"""Regular expression built from request data: 1 rule (WFC-SEC-REDOS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REDOS = Rule(
    id="WFC-SEC-REDOS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Regular expression built from request data",
    concept="regex-injection",
    languages=frozenset({"javascript"}),
    cwe="CWE-1333",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A regular expression is compiled from request data, so a caller chooses a pattern that "
            "can take exponential time."
        ),
        why=(
            "A pattern chosen by the caller can backtrack exponentially and pin a CPU core per "
            "request (ReDoS, CWE-1333)."
        ),
        example="new RegExp(req.query.q)",
        fix="Escape user text before building a pattern, or match it literally.",
    ),
    suggestions={
        "python": (
            "Escape user text with re.escape before building a pattern, or match it literally "
            "(str.find / in)."
        ),
        "javascript": (
            "Escape user text (lodash.escapeRegExp) before new RegExp, or match literally with includes()."
        ),
        "go": (
            "Use regexp.QuoteMeta on user text (Go's RE2 engine is linear, but the pattern still "
            "changes meaning)."
        ),
        "java": "Quote user text with Pattern.quote before compiling it.",
        "*": "Escape user text before building a pattern, or match it literally.",
    },
)


RULES = (REDOS,)
