"""JWT signature not verified: 1 rule (WFC-SEC-JWT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JWT = Rule(
    id="WFC-SEC-JWT",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="JWT signature not verified",
    concept="jwt-verification",
    languages=frozenset({"javascript", "python"}),
    cwe="CWE-347",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A JSON Web Token is decoded without verifying its signature, or the 'none' algorithm is "
            "accepted."
        ),
        why=(
            "A token whose signature is not verified can be forged by anyone, so its claims (user, "
            "role) mean nothing (CWE-347)."
        ),
        example='jwt.decode(token, options={"verify_signature": False})',
        fix="Verify the signature with an explicit list of accepted algorithms and never accept 'none'.",
    ),
    suggestions={
        "python": 'Call jwt.decode(token, key, algorithms=["HS256"]) with verification on.',
        "javascript": (
            "Use jwt.verify(token, key, { algorithms: ['HS256'] }), never jwt.decode for trust decisions."
        ),
        "go": (
            "Parse with a key function that checks token.Method and returns the key; never accept 'none'."
        ),
        "java": "Build a verifier with the expected algorithm and key (e.g. Jwts.parser().verifyWith(key)).",
        "*": "Verify the signature with an explicit algorithm list; never accept 'none'.",
    },
)


RULES = (JWT,)
