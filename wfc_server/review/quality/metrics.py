"""Maintainability metrics that are new or got worse: complexity, length, parameters, nesting.

A function is compared with the same-named function of the base version when the base is known;
otherwise it is judged as new and only clear excess is reported. Metric findings are heuristic
(they drop to info in test paths). Complexity, length and parameters come from lizard and are
function-scoped; nesting is measured on the syntax tree (nesting.py) and reported at the deepest
block.
"""

from __future__ import annotations

from dataclasses import dataclass

from wfc_server.review.tools.lizard import FunctionMetrics, function_metrics
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.nesting import deepest_per_function

_M = "maintainability"


@dataclass(frozen=True, slots=True)
class Limit:
    """Thresholds for one metric: a worsened function, a new function, and 'extreme' (medium)."""

    attr: str
    label: str
    worse_above: int
    new_above: int
    extreme_above: int
    rule: Check


LIMITS: tuple[Limit, ...] = (
    Limit(
        "ccn",
        "cyclomatic complexity",
        10,
        15,
        50,
        Check("WFC-MAINT-COMPLEXITY", "Many independent paths make the function hard to test and easy to break."),
    ),
    Limit(
        "nloc",
        "lines of code",
        60,
        80,
        300,
        Check("WFC-MAINT-LENGTH", "Long functions mix several responsibilities and are hard to review."),
    ),
    Limit(
        "params",
        "parameters",
        5,
        7,
        12,
        Check("WFC-MAINT-PARAMS", "Long parameter lists are easy to call with arguments in the wrong order."),
    ),
)
NESTING = Check(
    "WFC-MAINT-NESTING",
    "Deep nesting makes control flow hard to follow and to test.",
)
NESTING_ABOVE = 4
NESTING_EXTREME_ABOVE = 7


def check(source: SourceFile) -> list[RawFinding]:
    return _function_metrics(source) + _nesting(source)


def _function_metrics(source: SourceFile) -> list[RawFinding]:
    current = function_metrics(source.path, source.text)
    if not current:
        return []
    base: dict[str, FunctionMetrics] = {}
    if source.base_text is not None:
        for fn in function_metrics(source.path, source.base_text):
            base.setdefault(fn.long_name, fn)
            base.setdefault(fn.name, fn)
    out: list[RawFinding] = []
    for fn in current:
        before = base.get(fn.long_name) or base.get(fn.name)
        for limit in LIMITS:
            value = getattr(fn, limit.attr)
            if before is not None:
                old = getattr(before, limit.attr)
                if value <= old or value <= limit.worse_above:
                    continue
                detail = f"`{fn.name}`: {limit.label} {old} -> {value}."
            else:
                if value <= limit.new_above:
                    continue
                detail = f"`{fn.name}`: {limit.label} {value}."
            severity = "medium" if value > limit.extreme_above else "low"
            if limit.attr == "params" and not _params_are_risky(fn, limit):
                severity = "low"
            out.append(
                emit(
                    limit.rule,
                    source,
                    fn.start_line,
                    "lizard",
                    end_line=fn.end_line,
                    detail=detail,
                    scope="function",
                    severity=severity,
                )
            )
    return out


#: Constructors legitimately take many collaborators; callers usually pass them by keyword.
_CONSTRUCTOR_NAMES: frozenset[str] = frozenset({"__init__", "__new__", "constructor"})


def _params_are_risky(fn: FunctionMetrics, limit: Limit) -> bool:
    """Only many *required positional* parameters outside constructors are worth a medium."""
    short_name = fn.name.rsplit(".", 1)[-1].rsplit("::", 1)[-1]
    if short_name in _CONSTRUCTOR_NAMES:
        return False
    return fn.required_positional > limit.extreme_above


def _nesting(source: SourceFile) -> list[RawFinding]:
    """Nesting deeper than NESTING_ABOVE, reported at the deepest block, if new or worse."""
    current = deepest_per_function(source)
    base = deepest_per_function(source, source.base_text) if source.base_text is not None else {}
    out = []
    for name, deepest in current.items():
        before = base.get(name)
        if deepest.depth <= NESTING_ABOVE or (before is not None and before.depth >= deepest.depth):
            continue
        severity = "medium" if deepest.depth > NESTING_EXTREME_ABOVE else "low"
        out.append(
            emit(
                NESTING,
                source,
                deepest.line,
                "wfc-ast",
                severity=severity,
                detail=f"`{name}` nests {deepest.depth} levels deep.",
            )
        )
    return out
