"""Resource leak: 8 rules (WFC-REL-COUNTER-NO-FINALLY, WFC-REL-GO-BODY-CLOSE, WFC-REL-GO-LOST-CANCEL, WFC-REL-GO-ROWS-CLOSE, WFC-REL-INLINE-OPEN, WFC-REL-JAVA-RESOURCE-LEAK, WFC-REL-LEAKED-INTERVAL, WFC-REL-RESOURCE-LEAK).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


COUNTER_NO_FINALLY = Rule(
    id="WFC-REL-COUNTER-NO-FINALLY",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Counter/flag restored after await without try/finally",
    concept="resource-leak",
    languages=frozenset({"typescript"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The counter or flag is set before the await and restored after it; when the awaited call"
            " throws, the restore never runs and the limiter/lock stays taken for good."
        ),
        why=(
            "The failure mode is silent or delayed: under load, on an error path or after a long run "
            "the program hangs, leaks or loses errors instead of failing clearly."
        ),
        example="await task();",
        fix="Restore it in a `finally` block.",
    ),
    suggestions={
        "*": "Restore it in a `finally` block.",
    },
)


GO_BODY_CLOSE = Rule(
    id="WFC-REL-GO-BODY-CLOSE",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="HTTP response body never closed",
    concept="resource-leak",
    languages=frozenset({"go"}),
    cwe="CWE-772",
    confidence=80,
    doc=RuleDoc(
        what=(
            "An unclosed resp.Body leaks the connection (and its goroutine); the transport cannot reuse it."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example="resp, err := c.Do(r)",
        fix="Add `defer resp.Body.Close()` right after checking err.",
    ),
    suggestions={
        "*": "Add `defer resp.Body.Close()` right after checking err.",
    },
)


GO_LOST_CANCEL = Rule(
    id="WFC-REL-GO-LOST-CANCEL",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Context cancel function discarded",
    concept="resource-leak",
    languages=frozenset({"go"}),
    cwe="CWE-772",
    confidence=90,
    doc=RuleDoc(
        what="Dropping the cancel func leaks the context's timer and goroutines until the parent ends.",
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example="ctx, _ := context.WithTimeout(p, time.Second)",
        fix="Keep cancel and `defer cancel()`.",
    ),
    suggestions={
        "*": "Keep cancel and `defer cancel()`.",
    },
)


GO_ROWS_CLOSE = Rule(
    id="WFC-REL-GO-ROWS-CLOSE",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="sql.Rows never closed",
    concept="resource-leak",
    languages=frozenset({"go"}),
    cwe="CWE-772",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Rows that are not closed keep their database connection checked out; the pool runs dry "
            "under load."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example='rows, err := db.Query("select 1")',
        fix="Add `defer rows.Close()` right after checking err.",
    ),
    suggestions={
        "*": "Add `defer rows.Close()` right after checking err.",
    },
)


INLINE_OPEN = Rule(
    id="WFC-REL-INLINE-OPEN",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="File opened without being closed",
    concept="resource-leak",
    languages=frozenset({"python"}),
    cwe="CWE-772",
    confidence=60,
    doc=RuleDoc(
        what=(
            "`open(...)` used inline relies on garbage collection to close the file; on PyPy or in "
            "long-lived loops descriptors pile up, and written data may not be flushed."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example="return json.load(open(p))",
        fix="Use `with open(...) as fh:` or pathlib's read_text()/write_text().",
    ),
    suggestions={
        "*": "Use `with open(...) as fh:` or pathlib's read_text()/write_text().",
    },
)


JAVA_RESOURCE_LEAK = Rule(
    id="WFC-REL-JAVA-RESOURCE-LEAK",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Resource not managed by try-with-resources",
    concept="resource-leak",
    languages=frozenset({"java"}),
    cwe="CWE-772",
    confidence=75,
    doc=RuleDoc(
        what=(
            "The stream/connection/statement is closed only on the happy path (or never), so an "
            "exception leaks it."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772)."
        ),
        example="Stream<String> s = Files.lines(p);",
        fix="Declare it in a try-with-resources statement.",
    ),
    suggestions={
        "*": "Declare it in a try-with-resources statement.",
    },
)


LEAKED_INTERVAL = Rule(
    id="WFC-REL-LEAKED-INTERVAL",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="setInterval handle never cleared",
    concept="resource-leak",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-401",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The interval is created inside a function and its handle is never passed to "
            "clearInterval, so every call adds a timer that runs (and keeps its closure alive) "
            "forever."
        ),
        why=(
            "Memory is retained long after it is needed and grows with traffic until the process is "
            "killed (CWE-401)."
        ),
        example="setInterval(() => monitor.ping(req.params.id), 1000);",
        fix="Keep the handle and clearInterval it when the work is done (e.g. on `req.on('close')`).",
    ),
    suggestions={
        "*": "Keep the handle and clearInterval it when the work is done (e.g. on `req.on('close')`).",
    },
)


RESOURCE_LEAK = Rule(
    id="WFC-REL-RESOURCE-LEAK",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Resource not closed on every path",
    concept="resource-leak",
    languages=frozenset({"python", "javascript", "typescript", "go"}),
    cwe="CWE-772",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A file, socket, descriptor or pooled connection is acquired and not released on every path "
            "out of the function: never closed, or closed only after a `return`/`throw`/failing call "
            "that can leave first (Python: opened outside a `with` block; JavaScript: `fs.openSync`, "
            "`fs.promises.open`, `await pool.connect()` released outside `finally`; Go: `os.Open` and "
            "friends without a `defer Close()` on an early return)."
        ),
        why=(
            "A resource that is not released on every path leaks file handles, connections or memory "
            "until the process runs out (CWE-772); a pool that lost its connections hangs every later "
            "request."
        ),
        example="const client = await pool.connect();\nconst res = await client.query(sql);\nclient.release();",
        fix="Release it on every path: `with` (Python), `try { ... } finally { release }` (JavaScript), "
        "`defer f.Close()` right after the error check (Go).",
    ),
    suggestions={
        "*": "Use `with ...:` so it is closed on every path.",
        "javascript": "Acquire, then `try { ... } finally { client.release() / fs.closeSync(fd) / await fh.close() }`.",
        "typescript": "Acquire, then `try { ... } finally { client.release() / fs.closeSync(fd) / await fh.close() }`.",
        "go": "`defer f.Close()` right after the error check.",
    },
)


RULES = (
    COUNTER_NO_FINALLY,
    GO_BODY_CLOSE,
    GO_LOST_CANCEL,
    GO_ROWS_CLOSE,
    INLINE_OPEN,
    JAVA_RESOURCE_LEAK,
    LEAKED_INTERVAL,
    RESOURCE_LEAK,
)
