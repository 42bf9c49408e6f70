"""Blocking call in async: 2 rules (WFC-PERF-BLOCKING-IN-ASYNC, WFC-PERF-JS-SYNC-IO).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


BLOCKING_IN_ASYNC = Rule(
    id="WFC-PERF-BLOCKING-IN-ASYNC",
    role=Role.PERFORMANCE,
    severity=Severity.HIGH,
    title="Blocking call in an async function",
    concept="blocking-call-in-async",
    languages=frozenset({"python"}),
    cwe="CWE-400",
    confidence=85,
    doc=RuleDoc(
        what=(
            "A synchronous sleep/HTTP request/subprocess inside a coroutine blocks the event loop, so"
            " every other task stalls until it returns."
        ),
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="async def fetch():\n    return requests.get(url, timeout=5)",
        fix=(
            "Use the async equivalent (asyncio.sleep, aiohttp/httpx.AsyncClient, "
            "asyncio.create_subprocess_exec) or asyncio.to_thread."
        ),
    ),
    suggestions={
        "*": (
            "Use the async equivalent (asyncio.sleep, aiohttp/httpx.AsyncClient, "
            "asyncio.create_subprocess_exec) or asyncio.to_thread."
        ),
    },
)


JS_SYNC_IO = Rule(
    id="WFC-PERF-JS-SYNC-IO",
    role=Role.PERFORMANCE,
    severity=Severity.MEDIUM,
    title="Synchronous I/O in async code",
    concept="blocking-call-in-async",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-400",
    confidence=80,
    doc=RuleDoc(
        what="The *Sync call blocks the event loop, stalling every other request until it finishes.",
        why=(
            "Unbounded waits or work let one slow peer or large input exhaust threads, connections or"
            " the event loop, so the service stops answering (uncontrolled resource consumption, "
            "CWE-400)."
        ),
        example="return fs.readFileSync(p, 'utf8');",
        fix="Use the promise API (fs.promises, util.promisify(exec)).",
    ),
    suggestions={
        "*": "Use the promise API (fs.promises, util.promisify(exec)).",
    },
)


RULES = (
    BLOCKING_IN_ASYNC,
    JS_SYNC_IO,
)
