"""Unsafe deserialization: 1 rule (WFC-SEC-DESER).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DESER = Rule(
    id="WFC-SEC-DESER",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Unsafe deserialization",
    concept="unsafe-deserialization",
    languages=frozenset({"java", "javascript", "python"}),
    cwe="CWE-502",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "Untrusted bytes are deserialized with a format that can construct arbitrary objects "
            "(pickle, yaml.load, Java serialization, node-serialize)."
        ),
        why=(
            "Deserializing attacker bytes can construct arbitrary objects and usually leads to remote"
            " code execution (CWE-502)."
        ),
        example="pickle.loads(request.data)",
        fix=(
            "Use a data-only format for anything that crosses a trust boundary, or verify a signature"
            " before deserializing."
        ),
    ),
    suggestions={
        "python": (
            "Load untrusted data with a data-only format (json, yaml.safe_load), or verify an HMAC "
            "before unpickling."
        ),
        "javascript": "Use JSON.parse for untrusted data; never use serializers that revive functions.",
        "java": (
            "Avoid ObjectInputStream on untrusted input; use JSON/Protobuf, or an ObjectInputFilter "
            "allow-list."
        ),
        "go": (
            "Decode into concrete types with encoding/json; do not gob-decode data from untrusted "
            "peers into interfaces."
        ),
        "*": "Deserialize untrusted data only with a data-only format, or verify a signature first.",
    },
)


RULES = (DESER,)
