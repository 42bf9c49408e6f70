"""Go error handling that reports the wrong thing: a branch that tests one error and returns
another, and a row iterator whose error is never read.

``cur, cerr := convert(x); if cerr != nil { return nil, err }`` hands the caller an unrelated
(often nil) error, so the failure is lost and the caller carries on with a nil value. ``for
rows.Next() { ... }; return out, nil`` never asks ``rows.Err()``: ``Next`` answers false both at
the end of the rows and on a broken connection, so a failure mid-way looks like a short result.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

WRONG_ERROR_RETURNED = Rule(
    id="WFC-REL-GO-WRONG-ERROR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error branch returns a different error than the one it tested",
    concept="wrong-error",
    languages=frozenset({"go"}),
    cwe="CWE-252",
    confidence=70,
    doc=RuleDoc(
        what="`if cerr != nil { return ..., err }`: the condition tests one error variable and the "
        "branch returns another, never mentioning the one it tested.",
        why="The failure that was detected is dropped; the caller receives an unrelated error, often "
        "nil, and goes on with a zero value as if the call had worked (CWE-252).",
        example="v, cerr := convert(x)\nif cerr != nil {\n\treturn nil, err\n}",
        fix="Return (or wrap) the error the branch tested.",
    ),
    suggestions={"go": 'if cerr != nil { return nil, fmt.Errorf("convert: %w", cerr) }'},
)

ITERATOR_ERR_UNCHECKED = Rule(
    id="WFC-REL-GO-ITER-ERR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Row iterator's error never checked after the loop",
    concept="wrong-error",
    languages=frozenset({"go"}),
    cwe="CWE-252",
    confidence=70,
    doc=RuleDoc(
        what="A `for rows.Next() { ... }` loop over rows (or a cursor) from a query, in a function that "
        "never calls `rows.Err()` and does not hand `rows` on.",
        why="`Next` returns false at the end of the rows and also when reading them failed (a dropped "
        "connection, a decode error); without `Err()` a failure mid-way is returned as a complete, "
        "shorter result (CWE-252).",
        example="for rows.Next() {\n\t...\n}\nreturn out, nil",
        fix="After the loop, `if err := rows.Err(); err != nil { return nil, err }`.",
    ),
    suggestions={"go": "if err := rows.Err(); err != nil { return nil, err }"},
)

ERROR_ONLY_CONDITIONAL = Rule(
    id="WFC-REL-GO-ERR-CONDITIONAL",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error returned only under an unrelated condition, then overwritten",
    concept="wrong-error",
    languages=frozenset({"go"}),
    cwe="CWE-252",
    confidence=70,
    doc=RuleDoc(
        what="`ok, err := f(); if ok { return err }`: the error is returned only when another result "
        "says so, and is reassigned before anything else looks at it.",
        why="When `f` fails with the other result false, the error is silently overwritten and the "
        "function carries on with the zero value of a call that failed (CWE-252).",
        example="isGenerate, err := validateName(info)\nif isGenerate {\n\treturn err\n}\n_, err = helper.Get(ns, name)",
        fix="Check the error first: `if err != nil { return err }`, then test the other result.",
    ),
    suggestions={"go": "isGenerate, err := validateName(info)\nif err != nil || isGenerate {\n\treturn err\n}"},
)

RULES = (WRONG_ERROR_RETURNED, ITERATOR_ERR_UNCHECKED, ERROR_ONLY_CONDITIONAL)
