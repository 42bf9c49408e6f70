"""Inline suppressions: ``wfc: ignore[RULE-ID] reason`` in a comment, read from the diff.

A comment suppresses the named rules on its own line, and on the next line when it stands alone
(a comment-only line above the code). It must be a comment in the file's language (``#`` in
Python, ``//`` or ``/* */`` in JavaScript, TypeScript, Go and Java, ``--`` or ``/* */`` in SQL):
the same text inside a string does nothing. A comment without a rule id, or naming an unknown
one, suppresses nothing and is itself reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wfc_server.gate.rule_ids import known_rule_ids
from wfc_server.review.diff import DiffFile, parse_diff
from wfc_server.review.languages import language_for_path

_C_LIKE = ("//", "/*")
COMMENT_MARKERS: dict[str, tuple[str, ...]] = {
    "python": ("#",),
    "javascript": _C_LIKE,
    "typescript": _C_LIKE,
    "go": _C_LIKE,
    "java": _C_LIKE,
    "sql": ("--", "/*"),
}
_ANY = ("#", "//", "/*", "--")
_DIRECTIVE = re.compile(r"wfc:\s*ignore\b(?:\[(?P<ids>[^\]]*)\])?(?P<reason>.*)$")


@dataclass(frozen=True, slots=True)
class Mark:
    """One suppression comment: the rules it names apply to ``lines``."""

    path: str
    line: int  # where the comment is
    lines: frozenset[int]
    rule_ids: tuple[str, ...]
    reason: str
    problem: str | None = None  # "bare" or "unknown:<ids>": reported, not honoured


def _comment_body(text: str, markers: tuple[str, ...]) -> tuple[str, bool] | None:
    """The comment text holding a directive, and whether the line is only that comment."""
    at = text.find("wfc:")
    if at < 0:
        return None
    before = text[:at]
    starts = [(before.rfind(marker), marker) for marker in markers]
    position, marker = max(starts)
    if position < 0 or before[position + len(marker):].strip():
        return None  # no comment marker right before the directive
    if _in_string(text[:position]):
        return None
    body, after = text[at:], ""
    if marker == "/*":
        body, _, after = body.partition("*/")
    return body, not text[:position].strip() and not after.strip()


def _in_string(prefix: str) -> bool:
    """Whether ``prefix`` ends inside a quoted string (an odd count of unescaped quotes)."""
    for quote in ('"', "'", "`"):
        if len(re.findall(r"(?<!\\)" + re.escape(quote), prefix)) % 2:
            return True
    return False


def scan_text(path: str, rows: list[tuple[int, str]]) -> list[Mark]:
    """Marks in ``rows`` (line number, text) of ``path``."""
    markers = COMMENT_MARKERS.get(language_for_path(path), _ANY)
    marks: list[Mark] = []
    for number, text in rows:
        found = _comment_body(text, markers)
        if found is None:
            continue
        body, alone = found
        match = _DIRECTIVE.match(body)
        if match is None:
            continue
        ids = tuple(part.strip() for part in (match.group("ids") or "").split(",") if part.strip())
        reason = match.group("reason").strip().rstrip("*/").strip() or "(no reason given)"
        lines = frozenset({number, number + 1} if alone else {number})
        problem = None
        if not ids:
            problem = "bare"
        else:
            unknown = [rule_id for rule_id in ids if rule_id not in known_rule_ids()]
            if unknown:
                problem = "unknown:" + ",".join(unknown)
                ids = tuple(rule_id for rule_id in ids if rule_id not in unknown)
        marks.append(Mark(path, number, lines, ids, reason, problem))
    return marks


def scan_diff(diff_text: str, files: list[DiffFile] | None = None) -> list[Mark]:
    """Every suppression comment on the post-image lines the diff carries (added or context).

    ``files`` is the diff already parsed, when the caller has it.
    """
    marks: list[Mark] = []
    for diff_file in parse_diff(diff_text) if files is None else files:
        rows = [(number, text) for hunk in diff_file.hunks for number, text, _ in hunk]
        marks.extend(scan_text(diff_file.path, rows))
    return marks
