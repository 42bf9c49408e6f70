"""Lock not released on every path: 1 rule (WFC-REL-LOCK-RELEASE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LOCK_RELEASE = Rule(
    id="WFC-REL-LOCK-RELEASE",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Lock not released on every path",
    concept="lock-not-released",
    languages=frozenset({"go", "java", "python"}),
    cwe="CWE-667",
    confidence=85,
    doc=RuleDoc(
        what=(
            "If anything between acquire() and release() raises, the lock stays held and every other "
            "thread waiting for it deadlocks."
        ),
        why=(
            "A lock that is not released on an error path blocks every other user of it forever "
            "(improper locking, CWE-667)."
        ),
        example="lock.acquire()",
        fix="Use `with lock:` or release it in `finally`.",
    ),
    suggestions={
        "python": "Use `with lock:` or release it in `finally`.",
        "go": "Call `defer mu.Unlock()` right after Lock().",
        "java": "Call unlock() in a finally block right after lock().",
    },
)


RULES = (LOCK_RELEASE,)
