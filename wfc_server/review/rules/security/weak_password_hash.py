"""Weak hash used for passwords: 1 rule (WFC-SEC-PWHASH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PWHASH = Rule(
    id="WFC-SEC-PWHASH",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Weak hash used for passwords",
    concept="weak-password-hash",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-916",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A password is hashed with a fast general-purpose hash (MD5, SHA-1, SHA-256) instead of a"
            " password hashing function."
        ),
        why=(
            "Fast hashes can be brute-forced at billions of guesses per second, so a leaked password "
            "table is recovered within hours (CWE-916)."
        ),
        example="hashlib.md5(password.encode()).hexdigest()",
        fix=(
            "Hash passwords with a slow, salted password hashing function such as bcrypt, argon2 or scrypt."
        ),
    ),
    suggestions={
        "python": (
            "Hash passwords with bcrypt, argon2 or hashlib.scrypt / pbkdf2_hmac with a high iteration count."
        ),
        "javascript": "Hash passwords with bcrypt/argon2 or crypto.scrypt.",
        "go": "Hash passwords with golang.org/x/crypto/bcrypt or argon2.",
        "java": (
            "Hash passwords with BCrypt/Argon2 (Spring Security PasswordEncoder) or PBKDF2WithHmacSHA256."
        ),
        "*": "Hash passwords with a slow salted password hash (bcrypt, argon2, scrypt).",
    },
)


RULES = (PWHASH,)
