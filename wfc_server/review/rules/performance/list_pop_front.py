"""list.pop(0)/insert(0) in a loop: 1 rule (WFC-PERF-LIST-POP-FRONT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LIST_POP_FRONT = Rule(
    id="WFC-PERF-LIST-POP-FRONT",
    role=Role.PERFORMANCE,
    severity=Severity.LOW,
    title="list.pop(0)/insert(0) in a loop",
    concept="list-pop-front",
    languages=frozenset({"python"}),
    confidence=65,
    doc=RuleDoc(
        what="Removing or inserting at the front of a list shifts every element: O(n) per call.",
        why=(
            "The cost grows with the input (items, rows, requests) rather than staying constant, so "
            "it is invisible in tests and dominant in production."
        ),
        example="while queue:\n    item = queue.pop(0)",
        fix="Use collections.deque with popleft()/appendleft().",
    ),
    suggestions={
        "*": "Use collections.deque with popleft()/appendleft().",
    },
)


RULES = (LIST_POP_FRONT,)
