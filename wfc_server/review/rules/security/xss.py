"""Cross-site scripting: 1 rule (WFC-SEC-XSS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


XSS = Rule(
    id="WFC-SEC-XSS",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Cross-site scripting",
    concept="xss",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-79",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "Request data is written into HTML (a response body, innerHTML, a template marked safe) "
            "without escaping."
        ),
        why=(
            "Script injected into the page runs in other users' browsers with their session: account "
            "takeover, data theft (cross-site scripting, CWE-79)."
        ),
        example="element.innerHTML = location.hash.slice(1)",
        fix=(
            "Escape the value for the HTML context it lands in, or render it through an auto-escaping"
            " template."
        ),
    ),
    suggestions={
        "python": (
            "Render through an auto-escaping template, or escape with html.escape / markupsafe.escape"
            " before building HTML."
        ),
        "javascript": (
            "Assign textContent instead of innerHTML, or sanitise with DOMPurify; never pass request "
            "data to res.send as HTML."
        ),
        "go": "Render with html/template (not text/template) and never convert input to template.HTML.",
        "java": (
            "Encode output with OWASP Java Encoder (Encode.forHtml) or an auto-escaping template engine."
        ),
        "*": "Escape the value for HTML, or render through an auto-escaping template.",
    },
)


RULES = (XSS,)
