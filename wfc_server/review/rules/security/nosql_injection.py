"""NoSQL injection: 1 rule (WFC-SEC-NOSQLI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


NOSQLI = Rule(
    id="WFC-SEC-NOSQLI",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="NoSQL injection",
    concept="nosql-injection",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-943",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "Request data is passed into a NoSQL query as an object or a $where expression, so a "
            "caller can inject query operators."
        ),
        why=(
            "Query operators in user input change what the query matches, for example logging in "
            "without a password (NoSQL injection, CWE-943)."
        ),
        example="User.find({ name: req.body.name })",
        fix=(
            "Cast request values to the expected primitive type and never build $where expressions from them."
        ),
    ),
    suggestions={
        "*": (
            "Cast values to the expected primitive type (String(x)) and never pass request objects or"
            " strings to $where."
        ),
    },
)


RULES = (NOSQLI,)
