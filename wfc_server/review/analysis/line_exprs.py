"""Expressions read from one source line: a call's arguments, the receiver before ``.method(``,
the last assignment to a name above a line. For checks whose evidence sits on one line and the
assignments it names, in any of the C-like languages and Python, without a parse.
"""

from __future__ import annotations

import re

#: Lines longer than this are bundled / minified code: nobody reviews them line by line.
MINIFIED = 500
#: Names that are modules or the object itself, never a value someone assigned.
_NOT_VALUES = frozenset({"os", "path", "self", "this", "strings", "filepath", "binary"})


def last_assignment(lines: list[str], number: int, name: str, stop: int = 300) -> str:
    """The text of the last assignment to ``name`` (or its last attribute) at or above ``number``."""
    found = assignment_at(lines, number, name, stop)
    return found[1] if found else ""


def assignment_at(lines: list[str], number: int, name: str, stop: int = 300) -> tuple[int, str] | None:
    """(line index, assigned text) of the last assignment to ``name`` at or above ``number``, looking
    at most ``stop`` lines up; ``a, err := f()`` assigns ``a`` too."""
    last = name.split(".")[-1]
    if not last or last in _NOT_VALUES:
        return None
    pattern = re.compile(rf"(?<![\w$]){re.escape(last)}\s*(?:,\s*[\w$]+\s*)*(?::=|(?<![=!<>+\-*/%&|^])=(?!=))")
    for i in range(number, max(-1, number - stop), -1):
        match = pattern.search(lines[i])
        if match:
            return i, lines[i][match.end():]
    return None


def receiver(line: str, dot: int) -> str:
    """The expression just before ``.method(`` at ``dot``: identifiers, dots and balanced brackets."""
    i = dot
    while i > 0:
        ch = line[i - 1]
        if ch in ")]":
            depth, j = 0, i - 1
            while j >= 0:
                depth += {")": 1, "]": 1, "(": -1, "[": -1}.get(line[j], 0)
                if depth == 0:
                    break
                j -= 1
            if j < 0:
                return line[:dot]
            i = j
        elif ch.isalnum() or ch in "_$.":
            i -= 1
        else:
            break
    return line[i:dot]


def call_arguments(line: str, start: int) -> list[str] | None:
    """The comma-separated arguments of a call whose ``(`` ends just before ``start``; None when the
    call does not close on this line."""
    depth, args, current = 0, [], []
    quote = ""
    for ch in line[start:]:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                args.append("".join(current))
                return [a for a in args if a.strip()] if any(a.strip() for a in args) else []
            depth -= 1
        elif ch == "," and depth == 0:
            args.append("".join(current))
            current = []
            continue
        current.append(ch)
    return None


def in_string(line: str, position: int) -> bool:
    """Inside a string literal (documentation, an example), judged by the quotes before it."""
    before = line[:position]
    return any(before.count(q) % 2 == 1 for q in "\"'`")


def candidate_lines(text: str, pattern: re.Pattern[str]) -> list[int]:
    """0-based numbers of the lines where ``pattern`` matches, found by one scan of the whole text
    (far cheaper than testing every line when few lines qualify)."""
    out: list[int] = []
    line, position = 0, 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not out or out[-1] != line:
            out.append(line)
    return out
