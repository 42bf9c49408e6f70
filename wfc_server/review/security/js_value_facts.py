"""JS/TS expressions whose value cannot carry the text they were computed from.

Taint rules judge an operand by the request data it mentions; some operations keep none of that
text in their result, whatever their input:

* predicates and positions: ``set.has(x)``, ``list.includes(x)``, ``/re/.test(x)``,
  ``s.startsWith(x)``, ``arr.indexOf(x)``, ``a.localeCompare(b)`` give a boolean or a number;
* allow-list filters: ``s.replace(/[^a-z0-9_-]/gi, '')`` keeps only the characters its negated
  class names, so no markup, quote, shell or path character survives.
"""

from __future__ import annotations

import re

_RECEIVER = r"(?:/(?:\\/|\[[^\]]*\]|[^/\n])+/[dgimsuy]*|[\w$.]+(?:\([^()]*\))?(?:\[[^\]]*\])?|\)|\])"
_PREDICATE = re.compile(
    rf"\s*!?\s*{_RECEIVER}\s*\.\s*(has|includes|test|startsWith|endsWith|some|every|indexOf|lastIndexOf|"
    r"findIndex|localeCompare|hasOwnProperty|isArray|isInteger|isFinite|isNaN)\(")
_ALLOW_LIST_REPLACE = re.compile(
    r"\.replace(?:All)?\(\s*/\[\^((?:\\.|[^\]\\])*)\][+*]?/[gimsuy]*\s*,\s*(?:''|\"\"|``)\s*\)\s*$")
#: Inside a negated class: ranges of letters/digits, \w, \d, and these harmless characters.
_HARMLESS_KEPT = re.compile(r"(?:[a-zA-Z]-[a-zA-Z]|[0-9]-[0-9]|\\[wd]|[\w \-]|\\-)*")


def carries_no_text(expr: str) -> bool:
    """True when ``expr`` (one operand) yields a boolean/number, or text filtered to an allow-list."""
    if _PREDICATE.match(expr) and _balanced_call_ends(expr):
        return True
    m = _ALLOW_LIST_REPLACE.search(expr)
    return m is not None and _HARMLESS_KEPT.fullmatch(m.group(1)) is not None


def _balanced_call_ends(expr: str) -> bool:
    """The predicate call is the whole operand (``s.has(x)``), not the start of a longer chain
    that could turn back into text (``s.has(x) && x``)."""
    depth = 0
    closed_at = -1
    start = expr.find("(", _PREDICATE.match(expr).end() - 1)  # type: ignore[union-attr]
    for i in range(start, len(expr)):
        ch = expr[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                closed_at = i
                break
    return closed_at != -1 and not expr[closed_at + 1:].strip()
