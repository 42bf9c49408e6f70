"""Ignored error: 4 rules (WFC-REL-GO-ERR-LOGGED-ONLY, WFC-REL-GO-ERR-NOT-CHECKED, WFC-REL-GO-IGNORED-ERROR, WFC-REL-GO-UNCHECKED-ERROR).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_ERR_LOGGED_ONLY = Rule(
    id="WFC-REL-GO-ERR-LOGGED-ONLY",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Error logged and then ignored",
    concept="ignored-error",
    languages=frozenset({"go"}),
    cwe="CWE-390",
    confidence=60,
    doc=RuleDoc(
        what=(
            "The branch logs the error but carries on as if the call had succeeded, using a zero or "
            "partial result."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="if err != nil {",
        fix="Return the error (or stop) after logging it.",
    ),
    suggestions={
        "*": "Return the error (or stop) after logging it.",
    },
)


GO_ERR_NOT_CHECKED = Rule(
    id="WFC-REL-GO-ERR-NOT-CHECKED",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error assigned but never checked",
    concept="ignored-error",
    languages=frozenset({"go"}),
    cwe="CWE-252",
    confidence=70,
    doc=RuleDoc(
        what=(
            "`err` receives the call's error and is overwritten or goes out of scope without being "
            "checked, so the failure is silently ignored."
        ),
        why=(
            "The return value that reports failure is not checked, so the code continues as if the "
            "call had worked (CWE-252)."
        ),
        example="err := rows.Scan(&n)",
        fix="Check `if err != nil` right after the call.",
    ),
    suggestions={
        "*": "Check `if err != nil` right after the call.",
    },
)


GO_IGNORED_ERROR = Rule(
    id="WFC-REL-GO-IGNORED-ERROR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error result ignored",
    concept="ignored-error",
    languages=frozenset({"go"}),
    cwe="CWE-391",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The call's error is assigned to `_`, so a failure goes unnoticed and the other result "
            "(usually a zero value) is used as if valid."
        ),
        why=("An error result is never looked at, so a failed operation is treated as a success (CWE-391)."),
        example="n, _ := strconv.Atoi(s)",
        fix="Check the error and handle or return it.",
    ),
    suggestions={
        "*": "Check the error and handle or return it.",
    },
)


GO_UNCHECKED_ERROR = Rule(
    id="WFC-REL-GO-UNCHECKED-ERROR",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Returned error not checked",
    concept="ignored-error",
    languages=frozenset({"go"}),
    cwe="CWE-252",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The call returns an error that is silently dropped, so a failed write/scan/decode leaves"
            " the program running on bad or missing data."
        ),
        why=(
            "The return value that reports failure is not checked, so the code continues as if the "
            "call had worked (CWE-252)."
        ),
        example="json.Unmarshal(b, v)",
        fix="Check the returned error.",
    ),
    suggestions={
        "*": "Check the returned error.",
    },
)


RULES = (
    GO_ERR_LOGGED_ONLY,
    GO_ERR_NOT_CHECKED,
    GO_IGNORED_ERROR,
    GO_UNCHECKED_ERROR,
)
