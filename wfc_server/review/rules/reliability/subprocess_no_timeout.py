"""Subprocess without a timeout: 1 rule (WFC-REL-SUBPROCESS-TIMEOUT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SUBPROCESS_TIMEOUT = Rule(
    id="WFC-REL-SUBPROCESS-TIMEOUT",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Subprocess without a timeout",
    concept="subprocess-no-timeout",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=60,
    doc=RuleDoc(
        what="If the child hangs, this call waits forever and ties up the caller.",
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="subprocess.run(['git', 'gc'], check=True)",
        fix="Pass `timeout=` and handle subprocess.TimeoutExpired.",
    ),
    suggestions={
        "*": "Pass `timeout=` and handle subprocess.TimeoutExpired.",
    },
)


RULES = (SUBPROCESS_TIMEOUT,)
