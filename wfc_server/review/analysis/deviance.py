"""Deviance inference: the member that lacks what its siblings consistently do.

A codebase states its own rules by habit. When most handlers of a controller carry an
authorization decorator, or every route registered in a file passes an auth middleware, the one
state-changing handler without it is far more likely an omission than a design. This module holds
the language-independent part: given the handlers of one scope (a class, a file's routes) with
the guards each carries, it names the handlers that break a strong, consistent habit. Front-ends
(per language) decide what a handler and a guard are.

The thresholds keep clean code clean: a habit needs at least ``min_guarded`` guarded siblings and
``share`` of the scope, only state-changing handlers are reported (reading a public list is
normal), and a handler carrying any guard at all is never a deviant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Member:
    """One handler of a scope."""

    line: int  # 1-based line a finding about it belongs on
    name: str
    guards: frozenset[str]
    changes_state: bool
    verb: str = ""  # the HTTP method it serves when known ("get", "head", ...)


@dataclass(frozen=True, slots=True)
class Deviant:
    member: Member
    habit: str  # the guard the siblings carry
    siblings: int  # how many siblings carry it
    scope_size: int


def unguarded(members: list[Member], *, min_guarded: int = 3, share: float = 0.75) -> list[Deviant]:
    """State-changing members with no guard in a scope where guarding is the habit."""
    guarded = [m for m in members if m.guards]
    if len(guarded) < min_guarded or len(guarded) / len(members) < share:
        return []
    counts: dict[str, int] = {}
    for member in guarded:
        for guard in member.guards:
            counts[guard] = counts.get(guard, 0) + 1
    habit = max(sorted(counts), key=lambda g: counts[g])
    return [Deviant(m, habit, len(guarded), len(members)) for m in members if not m.guards and m.changes_state]


def unmirrored(members: list[Member]) -> list[Deviant]:
    """HEAD is GET without a body: a check one of the pair makes and the other skips."""
    by_verb = {m.verb: m for m in members if m.verb in {"get", "head"}}
    if len(by_verb) != 2:
        return []
    get, head = by_verb["get"], by_verb["head"]
    out = []
    for lacking, having in ((get, head), (head, get)):
        missing = sorted(having.guards - lacking.guards)
        if missing:
            out.append(Deviant(lacking, missing[0], 1, 2))
    return out
