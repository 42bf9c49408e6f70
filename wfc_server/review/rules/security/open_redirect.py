"""Open redirect: 1 rule (WFC-SEC-REDIRECT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REDIRECT = Rule(
    id="WFC-SEC-REDIRECT",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Open redirect",
    concept="open-redirect",
    languages=frozenset({"go", "java", "python"}),
    cwe="CWE-601",
    confidence=80,
    doc=RuleDoc(
        what=(
            "The response redirects to a URL taken from the request (a next/return_to parameter) "
            "without checking where it points."
        ),
        why=(
            "A link to the trusted site sends users on to a phishing page of the attacker's choice "
            "(open redirect, CWE-601)."
        ),
        example='return redirect(request.args["next"])',
        fix="Redirect only to relative paths or hosts on an allow-list.",
    ),
    suggestions={
        "python": (
            "Redirect only to relative paths or allow-listed hosts (e.g. Django's "
            "url_has_allowed_host_and_scheme)."
        ),
        "javascript": (
            "Accept only relative paths starting with a single '/' or hosts on an allow-list before "
            "res.redirect."
        ),
        "go": "Check the target is a local path (no scheme or host) before http.Redirect.",
        "java": "Check the target is a relative path or an allow-listed host before sendRedirect.",
        "*": "Redirect only to relative paths or hosts on an allow-list.",
    },
)


RULES = (REDIRECT,)
