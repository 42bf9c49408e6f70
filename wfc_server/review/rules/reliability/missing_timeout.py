"""Missing timeout: 4 rules (WFC-REL-GO-HTTP-TIMEOUT, WFC-REL-JAVA-HTTP-TIMEOUT, WFC-REL-JS-FETCH-TIMEOUT, WFC-REL-NO-TIMEOUT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_HTTP_TIMEOUT = Rule(
    id="WFC-REL-GO-HTTP-TIMEOUT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="HTTP client without a timeout",
    concept="missing-timeout",
    languages=frozenset({"go"}),
    cwe="CWE-400",
    confidence=85,
    doc=RuleDoc(
        what=(
            "http.Get/Post use http.DefaultClient, which has no timeout: a hung server blocks the "
            "goroutine forever."
        ),
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="var c = &http.Client{}",
        fix="Use an http.Client with Timeout set (or a context with deadline).",
    ),
    suggestions={
        "*": "Use an http.Client with Timeout set (or a context with deadline).",
    },
)


JAVA_HTTP_TIMEOUT = Rule(
    id="WFC-REL-JAVA-HTTP-TIMEOUT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="URLConnection without timeouts",
    concept="missing-timeout",
    languages=frozenset({"java"}),
    cwe="CWE-400",
    confidence=75,
    doc=RuleDoc(
        what=(
            "URLConnection defaults to infinite connect and read timeouts; a hung server blocks the "
            "thread forever."
        ),
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="URLConnection conn = u.openConnection();",
        fix="Call setConnectTimeout() and setReadTimeout().",
    ),
    suggestions={
        "*": "Call setConnectTimeout() and setReadTimeout().",
    },
)


JS_FETCH_TIMEOUT = Rule(
    id="WFC-REL-JS-FETCH-TIMEOUT",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="fetch without a timeout or abort signal",
    concept="missing-timeout",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-400",
    confidence=60,
    doc=RuleDoc(
        what="fetch has no default timeout; a hung server keeps the request (and its caller) waiting.",
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="return fetch(u);",
        fix="Pass `signal: AbortSignal.timeout(ms)`.",
    ),
    suggestions={
        "*": "Pass `signal: AbortSignal.timeout(ms)`.",
    },
)


NO_TIMEOUT = Rule(
    id="WFC-REL-NO-TIMEOUT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="HTTP request without a timeout",
    concept="missing-timeout",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=85,
    doc=RuleDoc(
        what="Without a timeout a slow or dead peer blocks this call (and its worker) forever.",
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="CLIENT = httpx.Client(timeout=None)",
        fix="Pass `timeout=`.",
    ),
    suggestions={
        "*": "Pass `timeout=`.",
    },
)


RULES = (
    GO_HTTP_TIMEOUT,
    JAVA_HTTP_TIMEOUT,
    JS_FETCH_TIMEOUT,
    NO_TIMEOUT,
)
