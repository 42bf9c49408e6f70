"""Go: the result of a call that failed is used after an error branch that does not leave.

``resp, err := http.Get(u); if err != nil { log.Println(err) }; defer resp.Body.Close()``: on the
error path ``resp`` is nil, so the next line panics with a nil pointer dereference and the whole
request (or process) dies on exactly the failure the branch was meant to handle.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

NIL_AFTER_FAILED_CALL = Rule(
    id="WFC-COR-GO-NIL-AFTER-ERROR",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Result used after its call failed (nil dereference)",
    concept="nil-after-failed-call",
    languages=frozenset({"go"}),
    cwe="CWE-476",
    confidence=75,
    doc=RuleDoc(
        what="A pointer or interface result is dereferenced after an `if err != nil` branch that logs or "
        "ignores the error and falls through.",
        why="When the call fails its result is nil, so the dereference panics (CWE-476): the error "
        "path crashes the goroutine instead of being handled.",
        example='resp, err := http.Get(u)\nif err != nil {\n\tlog.Println(err)\n}\ndefer resp.Body.Close()',
        fix="Return (or continue) from the error branch, or only use the result in an else branch.",
    ),
    suggestions={"go": "Leave the function in the error branch: if err != nil { return fmt.Errorf(\"...: %w\", err) }."},
)
RULES = (NIL_AFTER_FAILED_CALL,)
