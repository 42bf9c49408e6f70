"""__init__ returns a value: 1 rule (WFC-COR-RETURN-IN-INIT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RETURN_IN_INIT = Rule(
    id="WFC-COR-RETURN-IN-INIT",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="__init__ returns a value",
    concept="return-in-init",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="Returning a value from __init__ raises TypeError when the object is created.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def __init__(self):\n    return self.setup()",
        fix="Remove the returned value.",
    ),
    suggestions={
        "*": "Remove the returned value.",
    },
)


RULES = (RETURN_IN_INIT,)
