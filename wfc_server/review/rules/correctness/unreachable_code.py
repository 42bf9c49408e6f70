"""Unreachable code: 1 rule (WFC-COR-UNREACHABLE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


UNREACHABLE = Rule(
    id="WFC-COR-UNREACHABLE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Unreachable code",
    concept="unreachable-code",
    languages=frozenset({"python"}),
    cwe="CWE-561",
    confidence=85,
    doc=RuleDoc(
        what="These statements follow a return/raise/continue/break in the same block and never run.",
        why=(
            "Code that can never run is either a mistake or a trap for the next reader (dead code, CWE-561)."
        ),
        example="print('done')",
        fix="Remove them or move them before the jump.",
    ),
    suggestions={
        "*": "Remove them or move them before the jump.",
    },
)


RULES = (UNREACHABLE,)
