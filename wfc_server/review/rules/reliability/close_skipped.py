"""Go: a value the function closes itself, skipped by an early return.

``it, err := idx.Entries()`` ... ``if err != nil { return nil, err }`` inside the loop ... then
``it.Close()`` at the end: the function's own close says the value holds a resource (a file, a
pack, a connection), and every early return between the two leaks it.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

CLOSE_SKIPPED = Rule(
    id="WFC-REL-GO-CLOSE-SKIPPED",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Early return skips the explicit Close of a value",
    concept="close-skipped",
    languages=frozenset({"go"}),
    cwe="CWE-772",
    confidence=70,
    doc=RuleDoc(
        what="A value created in the function is closed with a plain `x.Close()` on the normal path (no "
        "`defer`), and a `return` between its creation and that close leaves without closing it.",
        why="The return path (usually an error path) keeps the file descriptor, pack handle or "
        "connection open until the process runs out of them (CWE-772: missing release of a resource).",
        example="ei, err := index.Entries()\nif err != nil { return nil, err }\nfor {\n\te, err := ei.Next()\n"
        "\tif err != nil { return nil, err }\n}\n_ = ei.Close()",
        fix="`defer x.Close()` right after the creation's error check, or close before each return.",
    ),
    suggestions={"go": "ei, err := index.Entries()\nif err != nil { return nil, err }\ndefer ei.Close()"},
)

RULES = (CLOSE_SKIPPED,)
