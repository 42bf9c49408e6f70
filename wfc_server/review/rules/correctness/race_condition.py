"""Unsynchronised read-modify-write of shared state: 1 rule (WFC-COR-LOST-UPDATE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LOST_UPDATE = Rule(
    id="WFC-COR-LOST-UPDATE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Unsynchronised read-modify-write of shared state",
    concept="race-condition",
    languages=frozenset({"java", "python"}),
    cwe="CWE-362",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The function runs on several threads and updates shared state with a separate read and "
            "write, so concurrent updates overwrite each other (lost updates)."
        ),
        why=(
            "Two threads or tasks read and write the same data without synchronisation, so updates "
            "are lost or state is torn (race condition, CWE-362)."
        ),
        example="self.hits += 1",
        fix="Guard the update with a threading.Lock (`with self._lock:`) or use a thread-safe counter.",
    ),
    suggestions={
        "python": "Guard the update with a threading.Lock (`with self._lock:`) or use a thread-safe counter.",
        "java": "Use an AtomicInteger/AtomicLong/LongAdder or guard the update with `synchronized`.",
    },
)


RULES = (LOST_UPDATE,)
