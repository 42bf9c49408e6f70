"""A ``while`` loop whose condition can never change on some path: 1 rule (WFC-COR-LOOP-NO-PROGRESS).

Scanners and parsers walk an index with ``while i < len(text)``; a ``continue`` taken before
``i += 1``, or a body that never touches ``i``, repeats the same iteration forever.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

LOOP_NO_PROGRESS = Rule(
    id="WFC-COR-LOOP-NO-PROGRESS",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Loop never advances on some path",
    concept="loop-never-advances",
    languages=frozenset({"python"}),
    cwe="CWE-835",
    confidence=75,
    doc=RuleDoc(
        what="On a path through the body of a `while` loop (a `continue`, or the whole body), "
        "nothing changes the variables of the loop condition and nothing with side effects runs, "
        "so the next iteration takes the same path again.",
        why="The loop never terminates once that path is taken: the request or worker hangs at "
        "100% CPU, and with crafted input an attacker can trigger it at will (CWE-835).",
        example="while i < len(s):\n    if s[i] == ' ':\n        continue\n    i += 1",
        fix="Advance the loop variable on every path (before the `continue`), or restructure the "
        "loop as a `for` over the sequence.",
    ),
    suggestions={
        "python": "Increment the index before `continue` (i += 1; continue) or iterate with "
        "`for i, ch in enumerate(s)`.",
        "*": "Advance the loop variable on every path through the body.",
    },
)

RULES = (LOOP_NO_PROGRESS,)
