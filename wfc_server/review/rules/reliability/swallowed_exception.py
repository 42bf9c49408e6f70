"""Swallowed exception: 7 rules (WFC-REL-GO-EMPTY-ERR-BRANCH, WFC-REL-GO-ERROR-DROPPED, WFC-REL-JAVA-EMPTY-CATCH, WFC-REL-JAVA-INTERRUPT, WFC-REL-JAVA-SWALLOWED, WFC-REL-JS-EMPTY-CATCH, WFC-REL-SWALLOWED-EXCEPTION).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_EMPTY_ERR_BRANCH = Rule(
    id="WFC-REL-GO-EMPTY-ERR-BRANCH",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error check with an empty body",
    concept="swallowed-exception",
    languages=frozenset({"go"}),
    cwe="CWE-390",
    confidence=90,
    doc=RuleDoc(
        what="`if err != nil {}` detects the error and then ignores it.",
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="if err != nil {",
        fix="Return, log or otherwise handle the error.",
    ),
    suggestions={
        "*": "Return, log or otherwise handle the error.",
    },
)


GO_ERROR_DROPPED = Rule(
    id="WFC-REL-GO-ERROR-DROPPED",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Error checked and then discarded",
    concept="swallowed-exception",
    languages=frozenset({"go"}),
    cwe="CWE-390",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The function returns an error, but this branch returns nil after a failure, so callers "
            "believe the operation succeeded."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="if err != nil {",
        fix='Return (or wrap) err: `return fmt.Errorf("...: %w", err)`.',
    ),
    suggestions={
        "*": 'Return (or wrap) err: `return fmt.Errorf("...: %w", err)`.',
    },
)


JAVA_EMPTY_CATCH = Rule(
    id="WFC-REL-JAVA-EMPTY-CATCH",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Empty catch block",
    concept="swallowed-exception",
    languages=frozenset({"java"}),
    cwe="CWE-390",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The exception is caught and silently discarded, so failures turn into wrong results with"
            " no trace."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="try { g(); } catch (Exception e) { }",
        fix="Handle it, log it, or rethrow (wrapped if needed).",
    ),
    suggestions={
        "*": "Handle it, log it, or rethrow (wrapped if needed).",
    },
)


JAVA_INTERRUPT = Rule(
    id="WFC-REL-JAVA-INTERRUPT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="InterruptedException swallowed",
    concept="swallowed-exception",
    languages=frozenset({"java"}),
    cwe="CWE-391",
    confidence=85,
    doc=RuleDoc(
        what=(
            "Catching InterruptedException without re-interrupting or rethrowing loses the "
            "cancellation request, so the thread keeps running when asked to stop."
        ),
        why=("An error result is never looked at, so a failed operation is treated as a success (CWE-391)."),
        example="try { Thread.sleep(10); } catch (InterruptedException e) {",
        fix="Call Thread.currentThread().interrupt() (or rethrow) in the handler.",
    ),
    suggestions={
        "*": "Call Thread.currentThread().interrupt() (or rethrow) in the handler.",
    },
)


JAVA_SWALLOWED = Rule(
    id="WFC-REL-JAVA-SWALLOWED",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Broad catch returns a default",
    concept="swallowed-exception",
    languages=frozenset({"java"}),
    cwe="CWE-390",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Every failure (including bugs) becomes a silent null/default result that callers cannot "
            "tell from a real answer."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="try { return repo.load(id); } catch (Exception e) {",
        fix="Catch the specific exception, log it, or rethrow.",
    ),
    suggestions={
        "*": "Catch the specific exception, log it, or rethrow.",
    },
)


JS_EMPTY_CATCH = Rule(
    id="WFC-REL-JS-EMPTY-CATCH",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Empty catch block",
    concept="swallowed-exception",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-390",
    confidence=85,
    doc=RuleDoc(
        what=(
            "Every error thrown in the try block is silently discarded, so failures turn into wrong "
            "results with no trace."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="try { g(); } catch {} // nothing to do",
        fix="Handle the error, log it, or rethrow it.",
    ),
    suggestions={
        "*": "Handle the error, log it, or rethrow it.",
    },
)


SWALLOWED_EXCEPTION = Rule(
    id="WFC-REL-SWALLOWED-EXCEPTION",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Exception swallowed by a broad handler",
    concept="swallowed-exception",
    languages=frozenset({"python"}),
    cwe="CWE-390",
    confidence=85,
    doc=RuleDoc(
        what=(
            "Every error in the try block (including bugs) is caught and discarded without logging, "
            "so failures become silent wrong results."
        ),
        why=(
            "An error is detected and then ignored, so the program continues with bad state and the "
            "failure leaves no trace (CWE-390)."
        ),
        example="except Exception:",
        fix="Catch the specific exceptions you expect, and log or re-raise the rest.",
    ),
    suggestions={
        "*": "Catch the specific exceptions you expect, and log or re-raise the rest.",
    },
)


RULES = (
    GO_EMPTY_ERR_BRANCH,
    GO_ERROR_DROPPED,
    JAVA_EMPTY_CATCH,
    JAVA_INTERRUPT,
    JAVA_SWALLOWED,
    JS_EMPTY_CATCH,
    SWALLOWED_EXCEPTION,
)
