"""Secret written to a log: 1 rule (WFC-SEC-LOGSECRET).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LOGSECRET = Rule(
    id="WFC-SEC-LOGSECRET",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Secret written to a log",
    concept="secret-in-log",
    languages=frozenset({"javascript", "python", "typescript"}),
    cwe="CWE-532",
    confidence=80,
    doc=RuleDoc(
        what="A password, token or key is written to a log.",
        why=(
            "Logs are widely readable and long-lived; a secret written there is exposed to everyone "
            "who can read them (CWE-532)."
        ),
        example='logger.info("login %s with password %s", user, password)',
        fix="Log an identifier or a redacted form instead of the credential.",
    ),
    suggestions={
        "*": "Never log credentials; log the user id or a redacted form instead.",
    },
)


RULES = (LOGSECRET,)
