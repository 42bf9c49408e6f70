"""Missing await: 2 rules (WFC-COR-ASYNC-FOREACH, WFC-COR-NOT-AWAITED).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ASYNC_FOREACH = Rule(
    id="WFC-COR-ASYNC-FOREACH",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="async callback passed to forEach",
    concept="missing-await",
    languages=frozenset({"javascript", "typescript"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "forEach ignores the returned promises, so the loop finishes before the work does and "
            "rejections go unhandled."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="xs.forEach(async (x) => { await save(x); });",
        fix="Use `for (const x of xs) { await ... }` or `await Promise.all(xs.map(...))`.",
    ),
    suggestions={
        "*": "Use `for (const x of xs) { await ... }` or `await Promise.all(xs.map(...))`.",
    },
)


NOT_AWAITED = Rule(
    id="WFC-COR-NOT-AWAITED",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Coroutine called without await",
    concept="missing-await",
    languages=frozenset({"javascript", "python", "typescript"}),
    confidence=85,
    doc=RuleDoc(
        what=(
            "Calling a coroutine function only creates a coroutine object; without `await` the body "
            "never runs (RuntimeWarning: coroutine was never awaited)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="save(1);",
        fix="Add `await` (or schedule it with asyncio.create_task and keep the task).",
    ),
    suggestions={
        "python": "Add `await` (or schedule it with asyncio.create_task and keep the task).",
        "javascript": "`await` the call (or return/collect the promise).",
    },
)


RULES = (
    ASYNC_FOREACH,
    NOT_AWAITED,
)
