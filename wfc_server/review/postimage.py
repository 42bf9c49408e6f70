"""Post-images in diff-only mode: sparse files that keep real line numbers, and Python repair.

Without the repository the engine only knows the hunks. It lays their post-image lines at their
real line numbers with blank lines elsewhere, so every finding points at the right line. Python
hunks that start inside a block or end mid-statement do not parse on their own; they are repaired
hunk by hunk (dedent, give a dangling block header a ``...`` body, comment out a broken line)
without adding or removing lines. Python 3.11's ``ast`` is only the fast first check: code it
rejects is confirmed with ruff's parser (which knows 3.12+ syntax) before anything is changed.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import textwrap
import warnings

from wfc_server.review.diff import DiffFile

_RUFF_TIMEOUT_SECONDS = 20.0
_MAX_REPAIR_STEPS = 200
_RUFF_CALLS_PER_HUNK = 2
_ON_LINE = re.compile(r"on line (\d+)")


def oversize_reason(diff_file: DiffFile, max_file_bytes: int, max_line_chars: int) -> str | None:
    """Why this file's post-image must not be built, judged from the hunks alone (so before any
    allocation): a hunk at line L implies at least L bytes, and one very long line makes every
    line-oriented analyzer slow (generated or minified code)."""
    highest = 0
    longest = 0
    for hunk in diff_file.hunks:
        if hunk:
            highest = max(highest, hunk[-1][0])
            longest = max(longest, max(len(text) for _, text, _ in hunk))
    if highest > max_file_bytes:
        return f"its hunks reach line {highest:,}, beyond the {max_file_bytes}-byte file limit"
    return long_line_reason(longest, max_line_chars)


def long_line_reason(longest: int, max_line_chars: int) -> str | None:
    if longest > max_line_chars:
        return (f"has a line of {longest:,} characters, over the limit of {max_line_chars:,} "
                "(generated or minified code?)")
    return None


def sparse_image(diff_file: DiffFile) -> str:
    """The post-image as far as the diff shows it: hunk lines in place, blank lines elsewhere."""
    rows = [row for hunk in diff_file.hunks for row in hunk]
    if not rows:
        return ""
    size = max(number for number, _, _ in rows)
    lines = [""] * size
    for number, text, _ in rows:
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


def hunk_ranges(diff_file: DiffFile) -> list[tuple[int, int]]:
    """1-based inclusive post-image line ranges covered by each hunk (empty hunks left out)."""
    ranges = []
    for hunk in diff_file.hunks:
        if hunk:
            ranges.append((hunk[0][0], hunk[-1][0]))
    return ranges


def _ast_error(text: str) -> tuple[int, str] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as exc:
        return (exc.lineno or 1, exc.msg or "invalid syntax")
    except (ValueError, RecursionError, MemoryError) as exc:
        return (1, type(exc).__name__)
    return None


def ruff_accepts(text: str, ruff_bin: str) -> bool:
    """True when ruff's parser (newest Python grammar) finds no syntax error in ``text``."""
    try:
        proc = subprocess.run(
            [ruff_bin, "check", "--isolated", "--no-cache", "--select", "E902",
             "--target-version", "py313", "--output-format", "json",
             "--stdin-filename", "snippet.py", "-"],
            input=text, capture_output=True, text=True, timeout=_RUFF_TIMEOUT_SECONDS,
            check=False, encoding="utf-8", errors="replace",
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    if proc.returncode not in (0, 1):
        return False
    try:
        diagnostics = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        return False
    return not any(d.get("code") in ("invalid-syntax", None) for d in diagnostics)


def _find_header(lines: list[str], before: int) -> int | None:
    """Index of the last non-blank line before ``before`` if it is a block header ending in ':'."""
    for j in range(min(before, len(lines)) - 1, -1, -1):
        stripped = lines[j].strip()
        if not stripped or stripped.startswith("#"):
            continue
        return j if stripped.endswith(":") else None
    return None


def _comment_out(line: str) -> str:
    stripped = line.lstrip()
    if not stripped or stripped.startswith("#"):
        return line
    return line[: len(line) - len(stripped)] + "# " + stripped


def _repair_region(lines: list[str], ruff_bin: str | None) -> tuple[list[str], list[str]]:
    """Make one hunk's lines parse on their own; the line count never changes."""
    notes: list[str] = []
    dedented = False
    ruff_budget = _RUFF_CALLS_PER_HUNK
    for _ in range(_MAX_REPAIR_STEPS):
        error = _ast_error("\n".join(lines) + "\n")
        if error is None:
            return lines, notes
        lineno, msg = error
        if ruff_bin is not None and ruff_budget > 0 and "indent" not in msg:
            ruff_budget -= 1
            if ruff_accepts("\n".join(lines) + "\n", ruff_bin):
                return lines, notes  # newer syntax 3.11 cannot parse: nothing to repair
        index = max(0, min(lineno - 1, len(lines) - 1))
        if "unexpected indent" in msg and not dedented:
            lines = textwrap.dedent("\n".join(lines)).split("\n")
            dedented = True
            notes.append("dedented")
            continue
        if "expected an indented block" in msg:
            named = _ON_LINE.search(msg)
            if named is not None and 1 <= int(named.group(1)) <= len(lines):
                header: int | None = int(named.group(1)) - 1
            else:
                header = _find_header(lines, min(lineno - 1, len(lines)))
            if header is not None and not lines[header].rstrip().endswith("..."):
                lines[header] = lines[header].rstrip() + " ..."
                notes.append(f"gave line +{header} an empty body")
                continue
        target = index
        if not lines[target].strip() or lines[target].lstrip().startswith("#"):
            # The error points past the code (unclosed bracket at EOF): neutralise the last line.
            candidates = [j for j in range(len(lines)) if lines[j].strip()
                          and not lines[j].lstrip().startswith("#")]
            if not candidates:
                return lines, notes
            target = candidates[-1]
        lines[target] = _comment_out(lines[target])
        notes.append(f"neutralised line +{target}")
    return lines, notes


def repair_python(text: str, ranges: list[tuple[int, int]], ruff_bin: str | None) -> tuple[str, bool]:
    """Return ``(text, repaired)``: ``text`` made parseable hunk by hunk, line numbers kept."""
    if _ast_error(text) is None:
        return text, False
    if ruff_bin is not None and ruff_accepts(text, ruff_bin):
        return text, False
    lines = text.split("\n")
    repaired = False
    for start, end in ranges:
        region = lines[start - 1 : end]
        if _ast_error("\n".join(region) + "\n") is None:
            continue
        fixed, _notes = _repair_region(list(region), ruff_bin)
        if fixed != region:
            lines[start - 1 : end] = fixed
            repaired = True
    return "\n".join(lines), repaired
