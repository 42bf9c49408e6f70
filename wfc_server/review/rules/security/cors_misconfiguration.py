"""Permissive CORS: 1 rule (WFC-SEC-CORS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


CORS = Rule(
    id="WFC-SEC-CORS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="CORS trusts every origin",
    concept="cors-misconfiguration",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-942",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The Access-Control-Allow-Origin answer echoes whatever Origin the request names (a `cors` "
            "middleware with `origin: true` or a callback that accepts every origin, or the request's "
            "Origin header copied into the response) while credentials are allowed."
        ),
        why=(
            "Any web site a logged-in user visits can then read the API's answers with the user's "
            "cookies: account data, CSRF tokens, API keys (CWE-942)."
        ),
        example="app.use(cors({ origin: true, credentials: true }))",
        fix="Compare the Origin with a fixed allow-list and answer only those origins.",
    ),
    suggestions={
        "javascript": (
            "Pass cors() an explicit list (origin: ['https://app.example.com']) or a callback that checks "
            "an allow-list; never echo req.headers.origin unchecked."
        ),
        "typescript": (
            "Pass cors() an explicit list (origin: ['https://app.example.com']) or a callback that checks "
            "an allow-list; never echo req.headers.origin unchecked."
        ),
        "*": "Answer only origins from a fixed allow-list.",
    },
)


RULES = (CORS,)
