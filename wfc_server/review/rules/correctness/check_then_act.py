"""Check-then-act on a concurrent map: 1 rule (WFC-COR-CHECK-THEN-ACT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

CHECK_THEN_ACT = Rule(
    id="WFC-COR-CHECK-THEN-ACT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Check-then-act on a concurrent map",
    concept="check-then-act",
    languages=frozenset({"java", "go"}),
    cwe="CWE-362",
    confidence=70,
    doc=RuleDoc(
        what=(
            "A concurrent map (`ConcurrentHashMap`, `sync.Map`) is tested for a key and then written "
            "in a separate call: each call is atomic, the pair is not."
        ),
        why=(
            "Two threads both see the key absent and both write: one value silently replaces the "
            "other, which a caller may already be using (two caches, two connections, a counter "
            "reset); the map's type says concurrent callers are expected (race condition, CWE-362)."
        ),
        example="if (!sessions.containsKey(id)) {\n    sessions.put(id, new Session(id));\n}",
        fix="Use the atomic form: `computeIfAbsent` / `putIfAbsent` / `merge` (Java), `LoadOrStore` (Go).",
    ),
    suggestions={
        "java": "sessions.computeIfAbsent(id, Session::new) (or putIfAbsent / merge).",
        "go": "v, loaded := m.LoadOrStore(key, value)",
    },
)

RULES = (CHECK_THEN_ACT,)
