"""XML external entity processing: 1 rule (WFC-SEC-XXE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


XXE = Rule(
    id="WFC-SEC-XXE",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="XML external entity processing",
    concept="xxe",
    languages=frozenset({"java", "javascript", "python", "typescript"}),
    cwe="CWE-611",
    confidence=80,
    doc=RuleDoc(
        what="An XML parser that resolves external entities or DTDs reads untrusted XML.",
        why=(
            "External entities let a document read local files or make the server request internal "
            "URLs (XXE, CWE-611)."
        ),
        example="DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(request.getInputStream())",
        fix="Disable DTD processing and external entities on the parser before it reads untrusted XML.",
    ),
    suggestions={
        "python": "Parse untrusted XML with defusedxml, or lxml with resolve_entities=False, no_network=True.",
        "javascript": "Parse with a library that does not expand entities (libxmljs with noent: false).",
        "typescript": "Parse with a library that does not expand entities (libxmljs with noent: false).",
        "java": (
            "Set disallow-doctype-decl (or disable external general/parameter entities) on the "
            "factory before parsing."
        ),
        "*": "Disable DTDs and external entities before parsing untrusted XML.",
    },
)


RULES = (XXE,)
