"""Session cookie readable by scripts: 1 rule (WFC-SEC-COOKIE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


COOKIE = Rule(
    id="WFC-SEC-COOKIE",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Session cookie without HttpOnly",
    concept="insecure-cookie",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-1004",
    confidence=60,
    doc=RuleDoc(
        what=(
            "A cookie that carries a session, token or other credential is set without the HttpOnly "
            "flag (or with `httpOnly: false`)."
        ),
        why=(
            "Any script on the page, including one injected through an XSS flaw, can read the cookie "
            "and replay the session from elsewhere (CWE-1004)."
        ),
        example="res.cookie('sid', sessionId)",
        fix="Set httpOnly: true (and secure: true, sameSite) on every cookie that authenticates.",
    ),
    suggestions={
        "javascript": "res.cookie('sid', id, { httpOnly: true, secure: true, sameSite: 'lax' })",
        "typescript": "res.cookie('sid', id, { httpOnly: true, secure: true, sameSite: 'lax' })",
        "*": "Set the HttpOnly and Secure attributes on credential cookies.",
    },
)


RULES = (COOKIE,)
