"""Non-constant-time comparison of a secret: 1 rule (WFC-SEC-TIMING).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


TIMING = Rule(
    id="WFC-SEC-TIMING",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Non-constant-time comparison of a secret",
    concept="timing-attack",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-208",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A secret (token, MAC, signature, password) is compared with ==, which returns at the "
            "first differing byte."
        ),
        why=(
            "The comparison time reveals how many leading bytes matched, so a secret can be guessed "
            "byte by byte (CWE-208)."
        ),
        example='if request.headers["X-Signature"] == expected:',
        fix="Compare secrets with a constant-time comparison function.",
    ),
    suggestions={
        "python": "Compare with hmac.compare_digest.",
        "javascript": "Compare with crypto.timingSafeEqual on equal-length buffers.",
        "go": "Compare with crypto/subtle.ConstantTimeCompare or hmac.Equal.",
        "java": "Compare with MessageDigest.isEqual.",
        "*": "Compare secrets with a constant-time comparison.",
    },
)


RULES = (TIMING,)
