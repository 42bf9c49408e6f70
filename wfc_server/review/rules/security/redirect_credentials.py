"""Credentials forwarded to another host on a redirect: 1 rule (WFC-SEC-REDIRECT-CREDS).

The declarations are the rules' identity and documentation; the detector
(:mod:`wfc_server.review.security.redirect_credentials`) looks the rule up by id in the registry.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


REDIRECT_CREDS = Rule(
    id="WFC-SEC-REDIRECT-CREDS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Credentials kept on a cross-host redirect",
    concept="redirect-credentials",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-200",
    confidence=65,
    doc=RuleDoc(
        what=(
            "Code that follows HTTP redirects itself (or hooks the client's redirect step) sends the "
            "Authorization / Cookie / API-key headers of the first request to wherever the Location "
            "header points, without checking that the new URL is on the same host."
        ),
        why=(
            "Whoever controls the first server, or any open redirect on it, chooses the next host and "
            "receives the caller's bearer token, basic-auth password or session cookie (exposure of "
            "sensitive information, CWE-200)."
        ),
        example=(
            "r = requests.get(url, headers=auth_headers, allow_redirects=False)\n"
            "r = requests.get(r.headers['Location'], headers=auth_headers)"
        ),
        fix=(
            "Compare the redirect target's scheme, host and port with the original request and drop "
            "credential headers when they differ (or let the client library follow redirects: the "
            "standard ones strip them)."
        ),
    ),
    suggestions={
        "python": (
            "Compare urlsplit(location).hostname with the original host and drop Authorization / "
            "Cookie headers when it differs; do not override Session.rebuild_auth to keep them."
        ),
        "javascript": (
            "Compare new URL(location, base).host with the original host and delete the authorization "
            "and cookie headers when it differs."
        ),
        "typescript": (
            "Compare new URL(location, base).host with the original host and delete the authorization "
            "and cookie headers when it differs."
        ),
        "go": (
            "In CheckRedirect, copy credentials only when req.URL.Host equals via[0].URL.Host (the "
            "default client already drops them across hosts)."
        ),
        "java": (
            "Compare the Location URI's host with the original and set Authorization only when they "
            "match; HttpClient's redirect policy does this for you."
        ),
        "*": "Drop credential headers when a redirect leads to a different scheme, host or port.",
    },
)


RULES = (REDIRECT_CREDS,)
