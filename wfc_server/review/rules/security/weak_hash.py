"""Weak hash used for a security purpose: 1 rule (WFC-SEC-WEAKHASH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


WEAKHASH = Rule(
    id="WFC-SEC-WEAKHASH",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Weak hash used for a security purpose",
    concept="weak-hash",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-328",
    confidence=80,
    doc=RuleDoc(
        what=(
            "MD5 or SHA-1 is used where a collision-resistant hash is needed (signatures, integrity "
            "checks, tokens)."
        ),
        why=(
            "MD5 and SHA-1 collisions are practical, so an attacker can forge data that matches a "
            "given digest (weak hash, CWE-328)."
        ),
        example="hashlib.sha1(payload).hexdigest()",
        fix="Use SHA-256 or better, or HMAC-SHA-256 for signatures.",
    ),
    suggestions={
        "python": (
            "Use hashlib.sha256 (or hmac with SHA-256); mark non-security uses with usedforsecurity=False."
        ),
        "javascript": "Use crypto.createHash('sha256') or an HMAC.",
        "go": "Use crypto/sha256 (or crypto/hmac with SHA-256).",
        "java": 'Use MessageDigest.getInstance("SHA-256") or an HMAC.',
        "*": "Use SHA-256 or better, or an HMAC for signatures.",
    },
)


RULES = (WEAKHASH,)
