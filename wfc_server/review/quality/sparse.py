"""Make the sparse image of a partially shown Python file parseable, keeping line numbers.

In diff-only mode a modified file is shown as its hunks at their real line numbers with blank
lines elsewhere, so a hunk that starts inside a function starts with an "unexpected indent" and
nothing parses. The parser's own errors guide a few local repairs written into those blank
lines: block headers (``def _wfc_hunk():``, ``if True:``) before an orphaned indented run,
``pass`` after a header whose body lies outside the hunk. Line numbers never move, so
findings on the repaired text point at the real lines. Hunks that start inside an expression
cannot be repaired.
"""

from __future__ import annotations

import ast
import functools

from wfc_server.review.quality.pyast import parse

MAX_REPAIRS = 50
HEADER = "def _wfc_hunk():"


@functools.lru_cache(maxsize=32)
def repair(text: str) -> str | None:
    """``text`` itself when it parses, a repaired equivalent, or None when repair fails."""
    lines = text.split("\n")
    for _ in range(MAX_REPAIRS):
        candidate = "\n".join(lines)
        try:
            ast.parse(candidate)
        except SyntaxError as exc:
            if not _fix(lines, exc):
                return None
            continue
        except (ValueError, RecursionError, MemoryError):
            return None
        return candidate
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _fix(lines: list[str], exc: SyntaxError) -> bool:
    number = exc.lineno or 0
    if not 1 <= number <= len(lines):
        return False
    msg = exc.msg or ""
    if msg.startswith("expected an indented block"):
        return _add_pass(lines, number)
    if msg in {"unexpected indent", "unindent does not match any outer indentation level"}:
        return _add_header(lines, number)
    return False


def _add_header(lines: list[str], number: int) -> bool:
    """Open every indentation level the orphaned run at line ``number`` dedents to.

    Headers go on the blank lines just above: ``def _wfc_hunk():`` at column 0, then
    ``if True:`` for each deeper level the run later returns to (e.g. a hunk that starts inside
    a loop and ends in the function body).
    """
    index = number - 1
    first = _indent(lines[index])
    levels = {0}
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        width = _indent(line)
        if width == 0:
            break
        if width < first:
            levels.add(width)
    ordered = sorted(levels)
    start = index - len(ordered)
    if start < 0 or any(lines[i].strip() for i in range(start, index)):
        return False
    for offset, width in enumerate(ordered):
        lines[start + offset] = " " * width + (HEADER if offset == 0 else "if True:")
    return True


def _add_pass(lines: list[str], number: int) -> bool:
    """The header before line ``number`` lost its body: give it ``pass`` on a blank line."""
    index = number - 1
    header = index - 1
    while header >= 0 and not lines[header].strip():
        header -= 1
    if header < 0 or header + 1 >= index:
        return False
    lines[header + 1] = " " * (_indent(lines[header]) + 4) + "pass"
    return True


def prepare(text: str, complete: bool) -> tuple[str, bool]:
    """The text Python rules should analyse, and whether it is a whole module.

    A complete file that parses is analysed as is. A partial file's sparse image, or a "complete"
    file that is really a fragment (an indented method excerpt), is repaired when possible; the
    result then is not whole, so rules that need the whole module (undefined names, syntax
    errors) stay quiet. A complete file that cannot be repaired keeps its text: its syntax
    error is real.
    """
    if parse(text) is not None:
        return text, complete
    fixed = repair(text)
    if fixed is not None:
        return fixed, False
    return text, complete


def analysable_text(text: str, complete: bool) -> str:
    return prepare(text, complete)[0]
