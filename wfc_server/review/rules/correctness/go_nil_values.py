"""Go values that are nil, or panic, on a path the code does not consider: a single-value type
assertion on a map lookup, and a pointer declared with ``var`` that nothing ever assigns.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

ASSERTED_LOOKUP = Rule(
    id="WFC-COR-GO-FORCED-ASSERT",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Type assertion on a map lookup without the `ok` form",
    concept="go-nil-values",
    languages=frozenset({"go"}),
    cwe="CWE-476",
    confidence=60,
    doc=RuleDoc(
        what="`m[k].(T)` in its single-value form: the value looked up is asserted to a type without "
        "`v, ok :=`.",
        why="When the key is missing the lookup yields a nil interface, and when it holds another type "
        "the assertion fails: either way the single-value form panics (CWE-476) on configuration or "
        "input that simply lacks the key.",
        example='header = defaults["header"].(string)',
        fix="Use `v, ok := m[k].(T)` and handle the missing or mistyped value.",
    ),
    suggestions={"go": 'header, ok := defaults["header"].(string)\nif !ok { return errors.New("header not set") }'},
)

UNASSIGNED_POINTER = Rule(
    id="WFC-COR-GO-NIL-VAR",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Pointer declared with `var` is never assigned before use",
    concept="go-nil-values",
    languages=frozenset({"go"}),
    cwe="CWE-476",
    confidence=75,
    doc=RuleDoc(
        what="`var w *T` with no value, dereferenced (`w.Close()`, `w.Field`) in a function that never "
        "assigns `w` and never takes its address.",
        why="The pointer is nil at every use, so the dereference panics (CWE-476). Typically a closure "
        "created the value and returned it instead of storing it in the variable.",
        example="var brw *brotli.Writer\nt.wrap = func(w io.Writer) io.Writer { return brotli.NewWriter(w) }\n"
        "t.cleanup = func() { brw.Close() }",
        fix="Assign the variable where the value is created (`brw = brotli.NewWriter(w); return brw`).",
    ),
    suggestions={"go": "brw = brotli.NewWriterLevel(w, q)\nreturn brw, nil"},
)

RULES = (ASSERTED_LOOKUP, UNASSIGNED_POINTER)
