"""Prototype pollution: 1 rule (WFC-SEC-PROTO).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PROTO = Rule(
    id="WFC-SEC-PROTO",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Prototype pollution",
    concept="prototype-pollution",
    languages=frozenset({"typescript"}),
    cwe="CWE-1321",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Keys from request data are merged into an object, so __proto__ or constructor keys can "
            "change every object's prototype."
        ),
        why=(
            "Changing Object.prototype alters every object in the process, which can bypass checks or"
            " crash the service (prototype pollution, CWE-1321)."
        ),
        example="Object.assign(settings, JSON.parse(req.body.patch))",
        fix=(
            "Reject __proto__, constructor and prototype keys, or merge into an object without a prototype."
        ),
    ),
    suggestions={
        "*": "Reject __proto__/constructor/prototype keys, or merge into Object.create(null) / a Map.",
    },
)


RULES = (PROTO,)
