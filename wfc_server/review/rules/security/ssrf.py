"""Server-side request forgery: 1 rule (WFC-SEC-SSRF).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SSRF = Rule(
    id="WFC-SEC-SSRF",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Server-side request forgery",
    concept="ssrf",
    languages=frozenset({"go", "java", "javascript", "python"}),
    cwe="CWE-918",
    confidence=80,
    doc=RuleDoc(
        what=(
            "The server fetches a URL taken from the request, so a caller can make it reach internal hosts."
        ),
        why=(
            "The server becomes a proxy into its own network: a caller can reach cloud metadata "
            "endpoints, admin interfaces and internal services (SSRF, CWE-918)."
        ),
        example='requests.get(request.args["url"], timeout=5)',
        fix=(
            "Fetch only URLs whose scheme and host are on an allow-list; never fetch a URL taken "
            "verbatim from the request."
        ),
    ),
    suggestions={
        "python": "Parse the URL and allow only https and hosts on an allow-list before requests.get/urlopen.",
        "javascript": "Parse with new URL() and allow only known hosts and https before fetch/axios.",
        "go": "Parse with url.Parse and check scheme and host against an allow-list before http.Get.",
        "java": (
            "Parse with java.net.URI and check scheme and host against an allow-list before opening a"
            " connection."
        ),
        "*": "Fetch only URLs whose scheme and host are on an allow-list.",
    },
)


RULES = (SSRF,)
