"""Zero taken for "absent": an optional number tested by truthiness, and a truthiness guard in
front of a comparison that 0 would pass.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

FALSY_ZERO = Rule(
    id="WFC-COR-FALSY-ZERO",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Zero treated as missing by a truthiness test",
    concept="falsy-zero",
    languages=frozenset({"python", "javascript", "typescript"}),
    cwe="CWE-480",
    confidence=60,
    doc=RuleDoc(
        what="A parameter or attribute annotated as an optional number (`int | None`) is tested with "
        "`if x:` / `not x`, or a value is guarded with `x && x < limit` / `x and x < limit`.",
        why="0 is falsy: a limit of 0, a count of 0 or a first attempt are handled as if the value were "
        "absent, the opposite of what the comparison next to it says (CWE-480: the wrong operator).",
        example="def __setitem__(self, key, value):\n    if self.limit:\n        while len(self) >= self.limit:",
        fix="Compare with None explicitly (`if self.limit is not None`), or drop the guard in front of the "
        "comparison (`attempts < max`).",
    ),
    suggestions={
        "python": "if self.limit is not None:",
        "javascript": "return queueEntry.requeueAttempts < this.options.maxRequeues;",
        "typescript": "return queueEntry.requeueAttempts < this.options.maxRequeues;",
    },
)

RULES = (FALSY_ZERO,)
