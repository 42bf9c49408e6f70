"""Lock object that can change: 1 rule (WFC-COR-JAVA-SYNC-FIELD).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

SYNC_ON_MUTABLE_FIELD = Rule(
    id="WFC-COR-JAVA-SYNC-FIELD",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="synchronized on a field that is not final",
    concept="sync-on-mutable-field",
    languages=frozenset({"java"}),
    cwe="CWE-667",
    confidence=70,
    doc=RuleDoc(
        what="A `synchronized (field)` block locks a field that is not `final`.",
        why=(
            "Once the field is reassigned, threads lock different objects and enter the block at the "
            "same time; the code it guards is no longer mutually exclusive (CWE-667)."
        ),
        example="private Object lock = new Object();\n...\nsynchronized (lock) { count++; }",
        fix="Lock a `private final Object lock = new Object();` (or `this`) that never changes.",
    ),
    suggestions={"*": "Declare the lock `private final Object lock = new Object();` and synchronise on it."},
)

RULES = (SYNC_ON_MUTABLE_FIELD,)
