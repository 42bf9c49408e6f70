"""Undefined name: 2 rules (WFC-COR-UNBOUND-LOCAL, WFC-COR-UNDEFINED-NAME).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


UNBOUND_LOCAL = Rule(
    id="WFC-COR-UNBOUND-LOCAL",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Local variable used before assignment",
    concept="undefined-name",
    languages=frozenset({"python"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "The name is assigned later in this function, so Python treats it as local and this read "
            "raises UnboundLocalError."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="total += 1  # total is assigned later in this function",
        fix="Assign it before use or declare it global/nonlocal.",
    ),
    suggestions={
        "*": "Assign it before use or declare it global/nonlocal.",
    },
)


UNDEFINED_NAME = Rule(
    id="WFC-COR-UNDEFINED-NAME",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Undefined name",
    concept="undefined-name",
    languages=frozenset({"python"}),
    cwe="CWE-456",
    confidence=85,
    doc=RuleDoc(
        what="This name is not defined anywhere in the module; the line raises NameError when it runs.",
        why=(
            "A name that is never defined raises an error at run time on the first call that reaches "
            "it (CWE-456)."
        ),
        example="time.sleep(1)",
        fix="Define or import the name, or fix the typo.",
    ),
    suggestions={
        "*": "Define or import the name, or fix the typo.",
    },
)


RULES = (
    UNBOUND_LOCAL,
    UNDEFINED_NAME,
)
