"""Broken or risky cryptographic algorithm: 1 rule (WFC-SEC-WEAKCRYPTO).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


WEAKCRYPTO = Rule(
    id="WFC-SEC-WEAKCRYPTO",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Broken or risky cryptographic algorithm",
    concept="weak-crypto",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-327",
    confidence=80,
    doc=RuleDoc(
        what="A broken or risky cipher or mode is used (DES, RC4, Blowfish, ECB, unauthenticated modes).",
        why=(
            "Broken ciphers and modes leak the plaintext or let it be modified without detection (CWE-327)."
        ),
        example='Cipher.getInstance("DES/ECB/PKCS5Padding")',
        fix="Use an authenticated modern cipher (AES-GCM, ChaCha20-Poly1305) from a vetted library.",
    ),
    suggestions={
        "python": "Use AES-GCM or ChaCha20-Poly1305 from the cryptography package.",
        "javascript": "Use crypto.createCipheriv('aes-256-gcm', key, iv) with a random IV.",
        "go": "Use crypto/aes with cipher.NewGCM.",
        "java": 'Use Cipher.getInstance("AES/GCM/NoPadding") with a random IV.',
        "*": "Use an authenticated modern cipher (AES-GCM, ChaCha20-Poly1305).",
    },
)


RULES = (WEAKCRYPTO,)
