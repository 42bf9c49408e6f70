"""Service bound to all interfaces: 1 rule (WFC-SEC-BIND).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


BIND = Rule(
    id="WFC-SEC-BIND",
    role=Role.SECURITY,
    severity=Severity.LOW,
    title="Service bound to all interfaces",
    concept="bind-all-interfaces",
    languages=frozenset({"python"}),
    cwe="CWE-605",
    confidence=80,
    doc=RuleDoc(
        what="A server socket is bound to all interfaces (0.0.0.0) in code.",
        why=("Binding every interface exposes the service on networks it was never meant to face (CWE-605)."),
        example='server.bind(("0.0.0.0", 8080))',
        fix="Take the bind address from configuration and default to the loopback interface.",
    ),
    suggestions={
        "*": "Bind to an interface taken from configuration (127.0.0.1 by default).",
    },
)


RULES = (BIND,)
