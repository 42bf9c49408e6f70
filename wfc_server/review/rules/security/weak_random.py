"""Predictable random value for a security token: 1 rule (WFC-SEC-RANDOM).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


RANDOM = Rule(
    id="WFC-SEC-RANDOM",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Predictable random value for a security token",
    concept="weak-random",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-330",
    confidence=80,
    doc=RuleDoc(
        what="A non-cryptographic random generator produces a token, password, key or session id.",
        why=(
            "Values from a non-cryptographic generator can be predicted from a few outputs, so tokens"
            " and passwords can be guessed (CWE-330)."
        ),
        example='token = "".join(random.choice(ALPHABET) for _ in range(32))',
        fix="Generate security values with a cryptographically secure random generator.",
    ),
    suggestions={
        "python": "Use the secrets module (secrets.token_urlsafe, secrets.choice).",
        "javascript": "Use crypto.randomBytes / crypto.randomUUID / crypto.getRandomValues.",
        "go": "Use crypto/rand, not math/rand.",
        "java": "Use java.security.SecureRandom.",
        "*": "Use the platform's cryptographically secure random generator.",
    },
)


RULES = (RANDOM,)
