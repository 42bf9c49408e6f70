"""Line-based maintainability rules: TODO/FIXME markers added, and blocks added twice."""

from __future__ import annotations

import re
from collections import defaultdict

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit

_M = "maintainability"
DUP_WINDOW = 6

TODO = Check(
    "WFC-MAINT-TODO",
    "The change adds a reminder of unfinished work.",
)
DUPLICATE = Check(
    "WFC-MAINT-DUPLICATE",
    "The same block of code is added more than once; fixes will have to be made in every copy.",
)

_COMMENT_TODO = re.compile(r"(#|//|/\*|--|\*)\s*.*\b(TODO|FIXME|XXX|HACK)\b")
_TRIVIAL = re.compile(
    r"^([{}()\[\];,]*|else:?|try:|finally:|pass|return|break|continue|"
    r"end|\*/|/\*\*?|\*|#.*|//.*|\"\"\"|'''|"
    r"(import|from|package|using|#include|require)\b.*|@\w+.*|\}\s*else\s*\{)$"
)


def todo_findings(source: SourceFile) -> list[RawFinding]:
    if source.language in {"markdown", "text", "json"}:
        return []  # prose: "# TODO" there is a heading or a note, not a code marker
    out = []
    for number, line in enumerate(source.text.splitlines(), start=1):
        if number in source.added_lines and _COMMENT_TODO.search(line):
            out.append(emit(TODO, source, number, "wfc-text"))
    return out


def _normalise(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip())


def duplicate_findings(sources: list[SourceFile]) -> list[RawFinding]:
    """Windows of DUP_WINDOW non-trivial added lines that appear twice (in one file or across)."""
    seen: dict[tuple[str, ...], list[tuple[SourceFile, int, int]]] = defaultdict(list)
    for source in sources:
        lines = source.text.splitlines()
        kept: list[tuple[int, str]] = []
        for number, line in enumerate(lines, start=1):
            text = _normalise(line)
            if number not in source.added_lines:
                kept.append((number, ""))  # a gap breaks windows
                continue
            if text and not _TRIVIAL.match(text):
                kept.append((number, text))
        for start in range(len(kept) - DUP_WINDOW + 1):
            window = kept[start : start + DUP_WINDOW]
            if any(not text for _, text in window):
                continue
            key = tuple(text for _, text in window)
            seen[key].append((source, window[0][0], window[-1][0]))
    out: list[RawFinding] = []
    reported: set[tuple[str, int]] = set()
    covered: dict[str, set[int]] = defaultdict(set)  # lines near a reported copy (a set: linear)
    for places in seen.values():
        if len(places) < 2:
            continue
        first = places[0]
        for source, start, end in places[1:]:
            if first[0] is source and start <= first[2]:
                continue  # overlapping windows of one repeated run
            if start in covered[source.path]:
                continue
            if (source.path, start) in reported:
                continue
            reported.add((source.path, start))
            covered[source.path].update(range(start, end + DUP_WINDOW + 1))
            out.append(
                emit(
                    DUPLICATE,
                    source,
                    start,
                    "wfc-text",
                    end_line=end,
                    detail=f"First copy: {first[0].path}:{first[1]}.",
                )
            )
    return out
