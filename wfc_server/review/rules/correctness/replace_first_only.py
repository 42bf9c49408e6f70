"""A JavaScript ``replace`` that was meant to replace every occurrence but replaces only the first.

``s.replace('<', '&lt;')`` and ``s.replace(/-/, '_')`` change the first match only; escaping,
slug and normalisation code written this way works on the test input with one occurrence and
fails (or lets markup through) on the second. Flagged only where "every occurrence" is clearly the
intent: an escaping replacement of a markup character, or a one-character / one-class regex with
no ``g`` flag and no anchor.
"""

from __future__ import annotations

import re

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

REPLACE_FIRST_ONLY = Rule(
    id="WFC-COR-JS-REPLACE-FIRST",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="replace() changes only the first occurrence",
    concept="replace-first-only",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-185",
    confidence=70,
    doc=RuleDoc(
        what="A `String.prototype.replace` call whose pattern is a plain string or a regular expression "
        "without the `g` flag, where the replacement is clearly meant for every occurrence (escaping a "
        "markup character, swapping one separator character).",
        why="Only the first match is replaced: `'a<b<c'.replace('<', '&lt;')` leaves the second `<` in "
        "place, so escaping code lets markup through and normalising code leaves the input half-changed.",
        example="const safe = text.replace('<', '&lt;').replace('>', '&gt;');",
        fix="Use `replaceAll` with a string, or a regular expression with the `g` flag.",
    ),
    suggestions={
        "javascript": "Use text.replaceAll('<', '&lt;') or text.replace(/</g, '&lt;').",
        "typescript": "Use text.replaceAll('<', '&lt;') or text.replace(/</g, '&lt;').",
    },
)
RULES = (REPLACE_FIRST_ONLY,)

#: Separator characters that slug / number / key normalising code swaps everywhere.
_SEPARATORS = frozenset({" ", "-", "_", ","})
#: Characters that escaping code replaces everywhere, and entity-like replacements.
_ESCAPED = frozenset({"<", ">", "&", '"', "'", "\\n", "\\r", "\\t", "\\\\", "`"})
_ENTITY = re.compile(r"^&#?\w+;$|^\\\\.$|^\\\\$|^%[0-9A-Fa-f]{2}$")
#: A regex body that matches one character or one class (optionally repeated): meant globally.
_ONE_CHAR = re.compile(r"^(\\.|[^\\^$.*+?()\[\]{}|]|\[[^\]]+\])[+*]?$")


def first_only(pattern: str, replacement: str) -> bool:
    """Whether ``.replace(pattern, replacement)`` (argument source texts) replaces one occurrence
    where every occurrence is meant."""
    pattern, replacement = pattern.strip(), replacement.strip()
    regex = re.fullmatch(r"/(.+)/([a-z]*)", pattern)
    if regex is not None:
        body, flags = regex.groups()
        return "g" not in flags and "y" not in flags and _ONE_CHAR.match(body) is not None and body not in {
            "\\s+", "\\s*"}
    literal = re.fullmatch(r"""(['"])(.*)\1""", pattern)
    target = re.fullmatch(r"""(['"])(.*)\1""", replacement)
    if literal is None or target is None:
        return False
    char, new = literal.group(2), target.group(2)
    if char in _SEPARATORS and new in _SEPARATORS | {""} and new != char:
        return True  # `title.replace(' ', '-')`, `amount.replace(',', '')`: every separator is meant
    if len(char) == 1 and not char.isalnum() and new.lower() in {"\\\\" + char, f"%{ord(char):02x}"}:
        return True  # `name.replace('.', '\\.')`, `q.replace(' ', '%20')`: an escaper escapes every one
    return char in _ESCAPED and (_ENTITY.match(new) is not None or new == char * 2)
