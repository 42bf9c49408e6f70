"""Python: a loop ``else`` that always runs because the loop never ``break``s.

``for e in entries: if e.key == key: entries.remove(e)`` then ``else: raise KeyError(key)``: the
``else`` clause of a loop runs whenever the loop ends without ``break``, so with no ``break`` in the
body the "not found" branch runs after every search, including the ones that found something.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

LOOP_ELSE_WITHOUT_BREAK = Rule(
    id="WFC-COR-LOOP-ELSE-NO-BREAK",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Loop `else` runs every time: the loop has no `break`",
    concept="loop-else",
    languages=frozenset({"python"}),
    cwe="CWE-670",
    confidence=75,
    doc=RuleDoc(
        what="A `for`/`while` loop has an `else` clause, and nothing in its body leaves the loop early "
        "(no `break`, no `return`).",
        why="The `else` of a loop means \"no break happened\". Without a `break` it runs after every "
        "loop, so the branch written for \"not found\" also runs when the item was found and handled "
        "(CWE-670: the control flow is not the one the code describes).",
        example="for e in list(self._entries):\n    if e.name == key:\n        self._entries.remove(e)\nelse:\n"
        "    raise KeyError(key)",
        fix="`break` (or `return`) once the item is handled, or move the code out of the `else`.",
    ),
    suggestions={"python": "if e.name == key:\n    self._entries.remove(e)\n    break"},
)

RULES = (LOOP_ELSE_WITHOUT_BREAK,)
