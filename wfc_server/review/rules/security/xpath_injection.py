"""XPath injection: 1 rule (WFC-SEC-XPATHI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


XPATHI = Rule(
    id="WFC-SEC-XPATHI",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="XPath injection",
    concept="xpath-injection",
    languages=frozenset({"python"}),
    cwe="CWE-643",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what="Request data is formatted into an XPath expression.",
        why=(
            "Quote characters change the meaning of the XPath query and expose or bypass data checks "
            "(CWE-643)."
        ),
        example='tree.xpath("//user[@name=\'" + name + "\']")',
        fix="Pass values as XPath variables instead of formatting them into the expression.",
    ),
    suggestions={
        "python": "Pass values as XPath variables: tree.xpath('//user[@name=$name]', name=name).",
        "java": "Bind values with an XPathVariableResolver instead of concatenating them.",
        "*": "Pass values as XPath variables instead of formatting them into the expression.",
    },
)


RULES = (XPATHI,)
