"""Where each identifier occurs in a function, by line: the index that keeps taint look-ups linear.

The line-based taint pass asks, for one variable at one sink, "where was it last assigned / guarded
/ appended to before this line?". Scanning the function's lines backwards for every such question
costs (sinks x variables x function length): a servlet ``doPost`` of a few thousand lines with a
sink per branch then takes minutes. Built once per function, this index answers with the few lines
that mention the name, so each question costs only what it reads.
"""

from __future__ import annotations

import bisect
import re

_TOKEN = re.compile(r"[A-Za-z_$][\w$]*")


class LineIndex:
    """Token -> sorted line numbers (0-based, relative to the lines given) that contain it."""

    __slots__ = ("_lines",)

    def __init__(self, lines: list[str]) -> None:
        table: dict[str, list[int]] = {}
        for number, line in enumerate(lines):
            for token in set(_TOKEN.findall(line)):
                table.setdefault(token, []).append(number)
        self._lines = table

    def lines_of(self, name: str, start: int = 0, stop: int | None = None) -> list[int]:
        """Lines in ``[start, stop)`` where ``name`` occurs as a whole identifier, ascending."""
        found = self._lines.get(name)
        if not found:
            return []
        lo = bisect.bisect_left(found, max(0, start))
        hi = len(found) if stop is None else bisect.bisect_left(found, stop)
        return found[lo:hi]


def any_between(lines: list[int], start: int, stop: int) -> bool:
    """Whether the sorted line numbers ``lines`` hold one in ``[start, stop)``."""
    i = bisect.bisect_left(lines, start)
    return i < len(lines) and lines[i] < stop
