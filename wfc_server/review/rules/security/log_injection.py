"""Log injection: 1 rule (WFC-SEC-LOGI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LOGI = Rule(
    id="WFC-SEC-LOGI",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Log injection",
    concept="log-injection",
    languages=frozenset({"go", "javascript", "python", "typescript"}),
    cwe="CWE-117",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Request data is written to a log line as is, so a caller can forge log entries with line breaks."
        ),
        why=(
            "Line breaks in logged data forge log entries, hiding an attack or misleading whoever "
            "reads the logs (CWE-117)."
        ),
        example='logger.info("login failed for " + request.args["user"])',
        fix=(
            "Strip CR and LF from request data, or log it as a structured field, so it cannot forge "
            "log lines."
        ),
    ),
    suggestions={
        "python": "Log the value with %r (or strip CR/LF) so it cannot start a new log line.",
        "*": (
            "Strip CR/LF from request data, or log it through a structured field, before writing it to a log."
        ),
    },
)


RULES = (LOGI,)
