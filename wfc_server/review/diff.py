"""Unified diffs: a fast validator with precise messages, and the parser the engine uses.

``validate_diff`` runs at submit time on up to 1 MB, so it is a single pass over the lines that
checks the grammar unidiff relies on (file headers, hunk headers, hunk line counts) and names the
first problem with its line number; it then lets unidiff confirm, so anything that validates also
parses. ``parse_diff`` turns the diff into :class:`DiffFile` objects holding the post-image side
of every hunk at its real line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from wfc_server.review.model import DiffValidationError

_HUNK_HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_MODE_LINE = re.compile(r"^(?:new file mode|deleted file mode|old mode|new mode) (\d+)$")
_INDEX_MODE = re.compile(r"^index [0-9a-f]+\.\.[0-9a-f]+ (\d+)$")
_SYMLINK_MODE = "120000"
_GITLINK_MODE = "160000"
_OCTAL_ESCAPE = re.compile(rb"\\([0-7]{3}|.)")
_C_ESCAPES = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\", b"a": b"\a", b"b": b"\b",
              b"f": b"\f", b"r": b"\r", b"v": b"\v"}

# Git revision syntax we accept: a ref name or object id, optionally followed by ~N / ^N steps.
#: Sizes a diff declares are bounded before anything is built from them: a hunk header is a
#: promise of line numbers and counts, and a 111-byte diff may promise line 300,000,000. No file the
#: engine could review has more lines than this (``engine.max_file_bytes`` is far smaller).
MAX_DECLARED_LINE = 10_000_000
#: Hunks in one diff; a 1 MiB diff of empty hunks holds about 80,000.
MAX_HUNKS = 20_000
#: Files in one diff (the engine reviews at most ``engine.max_files`` of them).
MAX_DIFF_FILES = 10_000

_REF_BODY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")
_REF_SUFFIX = re.compile(r"(?:~\d{0,6}|\^\d?)*")
MAX_REF_LENGTH = 256

FileStatus = Literal["added", "deleted", "renamed", "modified", "binary", "mode", "symlink", "submodule"]


def _excerpt(line: str) -> str:
    return line if len(line) <= 60 else line[:57] + "..."


def validate_diff(text: str) -> None:
    """Raise :class:`DiffValidationError` naming what is wrong when ``text`` is not a unified diff."""
    if not text or not text.strip():
        raise DiffValidationError("diff is empty")
    if "\x00" in text:
        raise DiffValidationError("diff contains NUL bytes; binary content must use 'GIT binary patch'")
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    has_header = False
    file_open = False
    files = headers = hunks = 0  # 'diff --git' and '---' headers count apart
    i = 0
    total = len(lines)
    while i < total:
        line = lines[i]
        number = i + 1
        if line.startswith("diff --git "):
            has_header = True
            file_open = True
            files = _counted(files + 1, MAX_DIFF_FILES, "files")
        elif line.startswith("--- "):
            if i + 1 >= total or not lines[i + 1].startswith("+++ "):
                raise DiffValidationError(
                    f"line {number}: '---' file header is not followed by a '+++' header"
                )
            headers = _counted(headers + 1, MAX_DIFF_FILES, "files")
            has_header = True
            file_open = True
            i += 2
            continue
        elif line.startswith("+++ "):
            raise DiffValidationError(f"line {number}: '+++' file header without a '---' header")
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            has_header = True
        elif line.startswith("@@"):
            match = _HUNK_HEADER.match(line)
            if match is None:
                raise DiffValidationError(
                    f"line {number}: malformed hunk header {_excerpt(line)!r} "
                    "(expected '@@ -start,count +start,count @@')"
                )
            if not file_open:
                raise DiffValidationError(f"line {number}: hunk header before any file header")
            hunks = _counted(hunks + 1, MAX_HUNKS, "hunks")
            _check_declared_lines(match, number)
            i = _check_hunk_body(lines, i, match)
            continue
        i += 1
    if not has_header:
        raise DiffValidationError(
            "no file header: expected 'diff --git' or '---'/'+++' lines before the hunks"
        )
    try:
        patch = PatchSet(text.replace("\r\n", "\n"), metadata_only=True)
    except UnidiffParseError as exc:
        raise DiffValidationError(f"not a parseable unified diff: {_excerpt(str(exc))}") from None
    if len(patch) == 0:
        raise DiffValidationError("no file in the diff")


def _counted(count: int, limit: int, what: str) -> int:
    if count > limit:
        raise DiffValidationError(f"diff has more than {limit} {what}; split it into smaller reviews")
    return count


def _check_declared_lines(match: re.Match[str], number: int) -> None:
    """A hunk may not declare lines beyond :data:`MAX_DECLARED_LINE` (checked before any use)."""
    for start, count in ((match.group(1), match.group(2)), (match.group(3), match.group(4))):
        if len(start) > 9 or (count is not None and len(count) > 9) or (
                int(start) + int(count or 1) > MAX_DECLARED_LINE):
            raise DiffValidationError(
                f"line {number}: hunk header declares lines beyond line {MAX_DECLARED_LINE:,}"
            )


def _check_hunk_body(lines: list[str], start: int, match: re.Match[str]) -> int:
    """Check one hunk's body against its header counts; return the index after the hunk."""
    old_left = int(match.group(2)) if match.group(2) is not None else 1
    new_left = int(match.group(4)) if match.group(4) is not None else 1
    header = f"-{match.group(1)},{old_left} +{match.group(3)},{new_left}"
    i = start + 1
    while old_left > 0 or new_left > 0:
        if i >= len(lines):
            raise DiffValidationError(
                f"line {start + 1}: hunk '{header}' ends early: {old_left} old and {new_left} new "
                "lines missing at end of input"
            )
        line = lines[i]
        kind = line[:1]
        if kind in (" ", ""):
            old_left -= 1
            new_left -= 1
        elif kind == "-":
            old_left -= 1
        elif kind == "+":
            new_left -= 1
        elif kind == "\\":
            pass
        else:
            raise DiffValidationError(
                f"line {i + 1}: hunk at line {start + 1} ('{header}') expects {old_left} more old "
                f"and {new_left} more new lines, found {_excerpt(line)!r}"
            )
        if old_left < 0 or new_left < 0:
            raise DiffValidationError(
                f"line {i + 1}: hunk at line {start + 1} has more lines than its header "
                f"'{header}' says"
            )
        i += 1
    while i < len(lines) and lines[i].startswith("\\"):
        i += 1
    if i < len(lines):
        after = lines[i]
        if (after[:1] in ("+", "-", " ") and after != "-- "
                and not after.startswith(("--- ", "+++ "))):
            raise DiffValidationError(
                f"line {i + 1}: hunk at line {start + 1} has more lines than its header "
                f"'{header}' says"
            )
    return i


def validate_ref(ref: str) -> None:
    """Raise :class:`DiffValidationError` unless ``ref`` is a plain, safe git revision."""
    if not ref:
        raise DiffValidationError("base_ref is empty")
    if len(ref) > MAX_REF_LENGTH:
        raise DiffValidationError(f"base_ref is longer than {MAX_REF_LENGTH} characters")
    body = _REF_BODY.match(ref)
    if body is None or _REF_SUFFIX.fullmatch(ref, body.end()) is None:
        raise DiffValidationError(
            "base_ref may contain only letters, digits and . _ / + - (plus ~N or ^N suffixes) "
            "and must start with a letter or digit"
        )
    name = body.group(0)
    if ".." in name or "//" in name or name.endswith(("/", ".", ".lock")):
        raise DiffValidationError("base_ref is not a valid git ref name")
    if any(part.startswith(".") or part.endswith(".lock") for part in name.split("/")):
        raise DiffValidationError("base_ref is not a valid git ref name")


@dataclass(slots=True)
class DiffFile:
    """One file of a diff, with the post-image side of each hunk at its real line numbers."""

    path: str
    old_path: str | None
    status: FileStatus
    # Per hunk: (line number, text, added) for context and added lines, in order.
    hunks: list[list[tuple[int, str, bool]]] = field(default_factory=list)
    added_lines: frozenset[int] = frozenset()

    @property
    def whole_file(self) -> bool:
        """True when the diff carries the entire post-image (a new file added in one hunk)."""
        if self.status != "added" or len(self.hunks) != 1:
            return False
        hunk = self.hunks[0]
        return bool(hunk) and hunk[0][0] == 1 and all(added for _, _, added in hunk)

    def skip_reason(self) -> str | None:
        """Why this file has nothing to review, or None when it has added content."""
        reasons = {
            "deleted": "deleted file",
            "binary": "binary file",
            "mode": "mode change only",
            "symlink": "symbolic link",
            "submodule": "submodule change",
        }
        if self.status in reasons:
            return reasons[self.status]
        if not self.hunks:
            return "renamed without changes" if self.status == "renamed" else "no content change"
        if not self.added_lines:
            return "no added lines"
        return None


def unsafe_path_reason(path: str) -> str | None:
    """Why ``path`` may not be used inside a workspace or repository, or None when it is safe."""
    if not path:
        return "empty path"
    if any(ord(ch) < 32 or ch == "\x7f" for ch in path):
        return "path contains control characters"
    if path.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", path):
        return "absolute path escapes the repository"
    parts = path.replace("\\", "/").split("/")
    if any(part == ".." for part in parts):
        return "path escapes the repository ('..')"
    if any(part in ("", ".") for part in parts) or parts[0] == ".git" or ".git" in parts:
        return "path is not a normal repository path"
    return None


def _unquote(name: str) -> str:
    """Undo git's C-style quoting of unusual path names ("caf\\303\\251.py")."""
    if len(name) < 2 or not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("utf-8", "surrogateescape")

    def repl(match: re.Match[bytes]) -> bytes:
        token = match.group(1)
        if len(token) == 3 and token.isdigit():
            return bytes([int(token, 8) & 0xFF])
        return _C_ESCAPES.get(token, token)

    return _OCTAL_ESCAPE.sub(repl, raw).decode("utf-8", "replace")


def _strip_prefix(name: str | None) -> str | None:
    if name is None:
        return None
    name = _unquote(name)
    if name == "/dev/null":
        return None
    if name.startswith(("a/", "b/")):
        return name[2:]
    return name


def _modes(patch_info: list[str] | None) -> set[str]:
    modes: set[str] = set()
    for raw in patch_info or ():
        line = str(raw).rstrip("\r\n")
        match = _MODE_LINE.match(line) or _INDEX_MODE.match(line)
        if match:
            modes.add(match.group(1))
    return modes


def parse_diff(text: str) -> list[DiffFile]:
    """Parse a unified git diff; raise :class:`DiffValidationError` when unidiff cannot."""
    try:
        patch = PatchSet(text.replace("\r\n", "\n"))
    except UnidiffParseError as exc:
        raise DiffValidationError(f"not a parseable unified diff: {_excerpt(str(exc))}") from None
    files: list[DiffFile] = []
    for pf in patch:
        source = _strip_prefix(pf.source_file)
        target = _strip_prefix(pf.target_file)
        path = target or source or _unquote(pf.path)
        modes = _modes(pf.patch_info)
        hunks: list[list[tuple[int, str, bool]]] = []
        added: set[int] = set()
        for hunk in pf:
            rows: list[tuple[int, str, bool]] = []
            for line in hunk:
                if line.target_line_no is None:
                    continue
                value = line.value.rstrip("\n")
                value = value.removesuffix("\r")
                is_added = line.is_added
                rows.append((line.target_line_no, value, is_added))
                if is_added:
                    added.add(line.target_line_no)
            hunks.append(rows)
        status: FileStatus
        if pf.is_binary_file:
            status = "binary"
        elif _SYMLINK_MODE in modes:
            status = "symlink"
        elif _GITLINK_MODE in modes:
            status = "submodule"
        elif pf.is_removed_file:
            status = "deleted"
        elif pf.is_added_file:
            status = "added"
        elif pf.is_rename:
            status = "renamed"
        elif not hunks and modes:
            status = "mode"
        else:
            status = "modified"
        old_path = source if status == "renamed" else (source if source != path else None)
        files.append(DiffFile(path=path, old_path=old_path, status=status, hunks=hunks,
                              added_lines=frozenset(added)))
    return files
