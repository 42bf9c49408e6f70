"""Password stored in plain text: 1 rule (WFC-SEC-PLAINPW).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PLAINPW = Rule(
    id="WFC-SEC-PLAINPW",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Password stored in plain text",
    concept="plaintext-password",
    languages=frozenset({"sql"}),
    cwe="CWE-256",
    confidence=80,
    doc=RuleDoc(
        what="A password column or field stores the password itself rather than a hash.",
        why="Anyone who reads the table or a backup learns every user's password (CWE-256).",
        example="INSERT INTO users (name, password) VALUES ('admin', 'hunter2');",
        fix="Store only a salted slow hash of each password.",
    ),
    suggestions={
        "*": "Store a salted slow hash of the password (bcrypt/argon2), never the password itself.",
    },
)


RULES = (PLAINPW,)
