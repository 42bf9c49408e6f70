"""Unsafe reflection: 1 rule (WFC-SEC-REFLECTION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


UNSAFE_REFLECTION = Rule(
    id="WFC-SEC-REFLECTION",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Class chosen by request data",
    concept="unsafe-reflection",
    languages=frozenset({"java"}),
    cwe="CWE-470",
    confidence=70,
    doc=RuleDoc(
        what="A class name read from the request is passed to `Class.forName` / `ClassLoader.loadClass`.",
        why=(
            "The caller chooses which class the server loads and usually instantiates or invokes: any "
            "class on the class path, including gadget classes whose constructors or setters run "
            "commands or JNDI look-ups (CWE-470)."
        ),
        example='Class<?> type = Class.forName(request.getParameter("type"));',
        fix="Map the request value to one of a fixed set of classes (a switch or an allow-list map).",
    ),
    suggestions={
        "java": "Resolve the name through a fixed Map<String, Class<?>> (or a switch) of the allowed types.",
        "*": "Resolve the name through a fixed allow-list of types.",
    },
)


RULES = (UNSAFE_REFLECTION,)
