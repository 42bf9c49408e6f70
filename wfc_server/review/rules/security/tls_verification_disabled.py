"""TLS certificate verification disabled: 1 rule (WFC-SEC-TLS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


TLS = Rule(
    id="WFC-SEC-TLS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="TLS certificate verification disabled",
    concept="tls-verification-disabled",
    languages=frozenset({"go", "java", "python", "typescript"}),
    cwe="CWE-295",
    confidence=80,
    doc=RuleDoc(
        what="Certificate or host-name verification is turned off for a TLS connection.",
        why=(
            "Without certificate checks anyone on the network path can impersonate the server and "
            "read or change the traffic (CWE-295)."
        ),
        example="requests.get(url, verify=False, timeout=5)",
        fix="Keep certificate verification on, and trust a private CA explicitly when one is used.",
    ),
    suggestions={
        "python": 'Keep verify=True (the default); pass verify="/path/to/ca.pem" for a private CA.',
        "javascript": (
            "Keep rejectUnauthorized: true and NODE_TLS_REJECT_UNAUTHORIZED unset; pass ca for a private CA."
        ),
        "go": "Remove InsecureSkipVerify; add a private CA to tls.Config.RootCAs.",
        "java": "Use the default TrustManager and HostnameVerifier; add a private CA to a trust store.",
        "*": "Keep certificate verification on; trust a private CA explicitly if needed.",
    },
)


RULES = (TLS,)
