"""Continues after response: 2 rules (WFC-COR-GO-NO-RETURN-AFTER-RESPONSE, WFC-COR-JS-NO-RETURN-AFTER-RESPONSE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_NO_RETURN_AFTER_RESPONSE = Rule(
    id="WFC-COR-GO-NO-RETURN-AFTER-RESPONSE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Handler keeps running after responding",
    concept="continues-after-response",
    languages=frozenset({"go"}),
    cwe="CWE-670",
    confidence=85,
    doc=RuleDoc(
        what=(
            "http.Redirect/http.Error only write the response; without `return` the handler goes on "
            "to run the code meant for the other case (and may write a second response)."
        ),
        why=(
            "The control flow does not match what the code is written to do, so some statements run "
            "when they should not (CWE-670)."
        ),
        example='http.Error(w, "denied", 403)',
        fix="Add `return` right after the call.",
    ),
    suggestions={
        "*": "Add `return` right after the call.",
    },
)


JS_NO_RETURN_AFTER_RESPONSE = Rule(
    id="WFC-COR-JS-NO-RETURN-AFTER-RESPONSE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Handler keeps running after responding",
    concept="continues-after-response",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-670",
    confidence=80,
    doc=RuleDoc(
        what=(
            "next(err)/res.send() do not stop the function; without `return` the code after the `if` "
            "still runs (often sending a second response: ERR_HTTP_HEADERS_SENT)."
        ),
        why=(
            "The control flow does not match what the code is written to do, so some statements run "
            "when they should not (CWE-670)."
        ),
        example="res.end('denied');",
        fix="Write `return next(err);` / `return res.status(...).send(...);`.",
    ),
    suggestions={
        "*": "Write `return next(err);` / `return res.status(...).send(...);`.",
    },
)


RULES = (
    GO_NO_RETURN_AFTER_RESPONSE,
    JS_NO_RETURN_AFTER_RESPONSE,
)
