"""Hard-coded credential: 1 rule (WFC-SEC-SECRET).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SECRET = Rule(
    id="WFC-SEC-SECRET",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Hard-coded credential",
    concept="hardcoded-secret",
    languages=frozenset({"any"}),
    cwe="CWE-798",
    confidence=80,
    heuristic=True,
    doc=RuleDoc(
        what="A credential (password, API key, token, private key) is written literally in the source.",
        why=(
            "Anyone with read access to the code (or a leaked copy) can use the credential, and it "
            "cannot be rotated without a release (CWE-798)."
        ),
        example='API_KEY = "sk_live_9f8a7b6c5d4e3f2a1b0c9d8e"',
        fix=(
            "Load the credential at run time from the environment or a secret store, and rotate the "
            "value that was committed."
        ),
    ),
    suggestions={
        "*": (
            "Load the credential from the environment or a secret store at run time, and rotate the "
            "exposed value."
        ),
    },
)


RULES = (SECRET,)
