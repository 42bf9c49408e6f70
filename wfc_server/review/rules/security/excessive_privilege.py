"""Excessive database privilege: 1 rule (WFC-SEC-GRANT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GRANT = Rule(
    id="WFC-SEC-GRANT",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Excessive database privilege",
    concept="excessive-privilege",
    languages=frozenset({"sql"}),
    cwe="CWE-269",
    confidence=80,
    doc=RuleDoc(
        what="A migration grants broad privileges (ALL, or to PUBLIC).",
        why=(
            "Broad grants give every role (and every compromised account) full access to the data (CWE-269)."
        ),
        example="GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO PUBLIC;",
        fix="Grant the least privilege needed to a named role.",
    ),
    suggestions={
        "*": "Grant the least privilege needed to a named role, never ALL to PUBLIC.",
    },
)


RULES = (GRANT,)
