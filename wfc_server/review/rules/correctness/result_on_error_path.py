"""Go: a call's result used inside the branch that handles that call's failure.

``f, err := zf.Open(); if err != nil { f.Close(); return err }``: a Go call that fails leaves its
other results at their zero value, so on exactly this path ``f`` is nil and the cleanup meant for
the failure panics instead.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

RESULT_ON_ERROR_PATH = Rule(
    id="WFC-COR-GO-RESULT-ON-ERROR",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Result of a failed call used in its own error branch",
    concept="result-on-error-path",
    languages=frozenset({"go"}),
    cwe="CWE-476",
    confidence=70,
    doc=RuleDoc(
        what="Inside `if err != nil { ... }` right after `v, err := call()`, the branch reads a field or "
        "method of `v` (or calls `v`) without testing it against nil.",
        why="By Go's convention a failed call returns zero values beside its error: a nil pointer, "
        "interface or func. Dereferencing it on the error path panics (CWE-476), turning a handled "
        "failure into a crash.",
        example="srcF, err := f.Open()\nif err != nil {\n\tsrcF.Close()\n\treturn err\n}",
        fix="Do not touch the other results when the call failed; if the API documents a partial "
        "result, test it against nil first.",
    ),
    suggestions={"go": "if err != nil { return err } // srcF is nil here: nothing to close"},
)

RULES = (RESULT_ON_ERROR_PATH,)
