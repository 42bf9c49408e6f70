"""readlines() loads the whole file: 1 rule (WFC-PERF-READLINES).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


READLINES = Rule(
    id="WFC-PERF-READLINES",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="readlines() loads the whole file",
    concept="readlines-materialised",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=70,
    doc=RuleDoc(
        what="readlines() reads every line into memory before the loop starts.",
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="for line in fh.readlines():",
        fix="Iterate over the file object directly: `for line in f:`.",
    ),
    suggestions={
        "*": "Iterate over the file object directly: `for line in f:`.",
    },
)


RULES = (READLINES,)
