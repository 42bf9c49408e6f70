"""HTTP response header injection: 1 rule (WFC-SEC-HDRI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


HDRI = Rule(
    id="WFC-SEC-HDRI",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="HTTP response header injection",
    concept="header-injection",
    languages=frozenset({"java", "javascript", "python"}),
    cwe="CWE-113",
    confidence=80,
    doc=RuleDoc(
        what="Request data is written into an HTTP response header without removing CR/LF.",
        why=(
            "CR/LF in a header value splits the response: the caller injects headers or a whole body,"
            " enabling cache poisoning and XSS (CWE-113)."
        ),
        example='response.setHeader("Content-Disposition", "attachment; filename=" + name)',
        fix="Strip CR and LF from the value or encode it before it goes into a header.",
    ),
    suggestions={
        "*": (
            "Strip CR/LF from the value, or encode it (RFC 5987 filename*=UTF-8'' for Content-Disposition)."
        ),
    },
)


RULES = (HDRI,)
