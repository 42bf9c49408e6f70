"""Path globs as users write them in ignore lists: ``*`` within a segment, ``**`` across them.

A pattern without a ``/`` matches a file name in any directory (``*.min.js``); a pattern ending
in ``/`` matches everything below that directory (``vendor/``); otherwise it matches from the
repository root (``src/**/generated_*.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache


class GlobError(ValueError):
    pass


@lru_cache(maxsize=1024)
def compile_glob(pattern: str) -> re.Pattern[str]:
    if not pattern or len(pattern) > 500 or "\x00" in pattern or pattern.strip() != pattern:
        raise GlobError(f"{pattern!r} is not a usable path glob (1-500 characters, no surrounding spaces)")
    text = pattern.lstrip("/") if pattern.startswith("/") else (pattern if "/" in pattern.rstrip("/") else "**/" + pattern)
    if text.endswith("/"):
        text += "**"
    out = []
    i = 0
    while i < len(text):
        if text.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif text.startswith("**", i):
            out.append(".*")
            i += 2
        elif text[i] == "*":
            out.append("[^/]*")
            i += 1
        elif text[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(text[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def matches(pattern: str, path: str) -> bool:
    return compile_glob(pattern).match(path.lstrip("/")) is not None


def first_match(patterns: list[str] | tuple[str, ...], path: str) -> str | None:
    return next((p for p in patterns if matches(p, path)), None)
