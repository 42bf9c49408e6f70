"""Control flow jumps out of finally: 1 rule (WFC-COR-JUMP-IN-FINALLY).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JUMP_IN_FINALLY = Rule(
    id="WFC-COR-JUMP-IN-FINALLY",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Control flow jumps out of finally",
    concept="jump-in-finally",
    languages=frozenset({"python"}),
    cwe="CWE-584",
    confidence=90,
    doc=RuleDoc(
        what="A jump in `finally` silently discards any exception raised in the try block.",
        why=(
            "A return or jump inside finally discards the exception in flight, so failures disappear "
            "(CWE-584)."
        ),
        example="finally:\n    return result",
        fix="Move the return/break out of the finally block.",
    ),
    suggestions={
        "*": "Move the return/break out of the finally block.",
    },
)


RULES = (JUMP_IN_FINALLY,)
