"""JavaScript/TypeScript names bound to something else than the code means: ``this`` inside a
nested plain function beside the outer ``self = this`` alias, and assignments to undeclared names.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

THIS_IN_NESTED_FUNCTION = Rule(
    id="WFC-COR-JS-THIS-IN-NESTED",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="`this` in a nested function that otherwise uses the outer `self` alias",
    concept="js-scope",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-665",
    confidence=75,
    doc=RuleDoc(
        what="A function declared inside another one (or stored in a local) reads `this.` while its "
        "other lines use the alias the outer function saved (`var self = this`).",
        why="Called plainly, the inner function gets its own `this` (undefined in strict code, the "
        "global object otherwise), not the outer object: the line reads or clears the wrong thing "
        "(a timer never cleared, a flag set on the global) with no error (CWE-665).",
        example="var self = this;\nfunction clearTimer() {\n  clearTimeout(this._timeout);\n  "
        "self.removeListener('timeout', cb);\n}",
        fix="Use the alias (`self._timeout`) or an arrow function, which keeps the outer `this`.",
    ),
    suggestions={"javascript": "clearTimeout(self._timeout);", "typescript": "clearTimeout(self._timeout);"},
)

UNDECLARED_ASSIGNMENT = Rule(
    id="WFC-COR-JS-UNDECLARED-ASSIGN",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Assignment to a variable that is never declared",
    concept="js-scope",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-665",
    confidence=70,
    doc=RuleDoc(
        what="`name = value` in a module where no `let`/`const`/`var`, parameter, import or function "
        "in scope declares `name` (often a declaration that sits in another function or block).",
        why="In strict code (ES modules, classes, 'use strict') the assignment throws ReferenceError; "
        "in sloppy code it silently creates a global that every call and every caller shares, so "
        "concurrent calls overwrite each other's value (CWE-665).",
        example="zip.entries.forEach(function (entry) {\n  entryName = entry.entryName.toString();\n});",
        fix="Declare the variable where it is used (`const entryName = ...`).",
    ),
    suggestions={"javascript": "let totalEntries = 0;", "typescript": "let totalEntries = 0;"},
)

RULES = (THIS_IN_NESTED_FUNCTION, UNDECLARED_ASSIGNMENT)
