"""assert used for access control: 1 rule (WFC-SEC-ASSERT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ASSERT = Rule(
    id="WFC-SEC-ASSERT",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="assert used for access control",
    concept="assert-access-control",
    languages=frozenset({"python"}),
    cwe="CWE-617",
    confidence=80,
    doc=RuleDoc(
        what="An assert statement performs an access-control or input check.",
        why=(
            "Python removes assert statements under -O, so the check silently disappears in optimised"
            " deployments (CWE-617)."
        ),
        example='assert user.is_admin, "admin only"',
        fix="Use an explicit if and raise for checks that must always run.",
    ),
    suggestions={
        "python": "Check with an explicit if/raise: assert statements are removed under python -O.",
    },
)


RULES = (ASSERT,)
