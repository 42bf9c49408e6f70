"""The last element read from a value that may be empty: ``xs[len(xs)-1]`` with no length check.

``m := re.FindStringSubmatch(out); return m[len(m)-1]`` panics when the pattern did not match;
``s.charAt(s.length() - 1)`` throws on an empty string; ``items[items.length - 1].id`` throws a
TypeError on an empty array.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

LAST_ELEMENT = Rule(
    id="WFC-COR-LAST-INDEX",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Last element read without checking the value is not empty",
    concept="last-element",
    languages=frozenset({"go", "java", "javascript", "typescript"}),
    cwe="CWE-129",
    confidence=55,
    doc=RuleDoc(
        what="The last element of a local or parameter is read (`xs[len(xs)-1]`, `s.charAt(s.length() - 1)`, "
        "`xs[xs.length - 1].f`) in a function that never measured it, ranged over it or added to it first.",
        why="On an empty value the index is -1: Go panics, Java throws, JavaScript dereferences "
        "`undefined` (CWE-129). Empty input (no regex match, an empty header, an empty file) is "
        "exactly the case nobody tries by hand.",
        example="matches := re.FindStringSubmatch(out)\nreturn matches[len(matches)-1]",
        fix="Test the length first and handle the empty case.",
    ),
    suggestions={
        "go": "if len(matches) == 0 { return \"\" }",
        "java": "if (s.isEmpty()) { return s; }",
        "javascript": "if (items.length === 0) { return undefined; }",
        "typescript": "if (items.length === 0) { return undefined; }",
    },
)

RULES = (LAST_ELEMENT,)
