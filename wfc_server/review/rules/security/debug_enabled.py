"""Debug mode enabled: 1 rule (WFC-SEC-DEBUG).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DEBUG = Rule(
    id="WFC-SEC-DEBUG",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Debug mode enabled",
    concept="debug-enabled",
    languages=frozenset({"python"}),
    cwe="CWE-489",
    confidence=80,
    doc=RuleDoc(
        what="A web application is started with its debug mode on.",
        why=(
            "Debug modes expose stack traces and often an interactive console that executes code (CWE-489)."
        ),
        example='app.run(host="0.0.0.0", debug=True)',
        fix="Read the debug flag from configuration that defaults to off in production.",
    ),
    suggestions={
        "python": "Read the debug flag from configuration that defaults to off; never ship debug=True.",
        "*": "Read the debug flag from configuration that defaults to off.",
    },
)


RULES = (DEBUG,)
