"""await outside an async function: 1 rule (WFC-COR-AWAIT-OUTSIDE-ASYNC).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


AWAIT_OUTSIDE_ASYNC = Rule(
    id="WFC-COR-AWAIT-OUTSIDE-ASYNC",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="await outside an async function",
    concept="await-outside-async",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what="`await` in a regular function is a SyntaxError at import time.",
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="def handler():\n    await refresh()",
        fix="Make the function `async def` or call the coroutine differently.",
    ),
    suggestions={
        "*": "Make the function `async def` or call the coroutine differently.",
    },
)


RULES = (AWAIT_OUTSIDE_ASYNC,)
