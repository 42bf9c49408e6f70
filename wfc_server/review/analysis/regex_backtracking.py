"""Regular expressions whose matching time can explode on a crafted input (catastrophic backtracking).

A backtracking engine (JavaScript's, Python's ``re``, Java's) tries every way a repeated group can
split the text before it gives up. When a group repeated without bound contains an element that is
itself repeated without bound, and nothing else in the group is mandatory, the same text splits in
exponentially many ways: ``(\\w+\\s?)*$`` on ``"aaaa...a!"`` takes seconds at 30 characters and
years at 60. A mandatory delimiter inside the group (``(\\w+\\.)+``) makes the split unique and the
pattern safe, so only the ambiguous shape is reported.

The parser understands the common regex syntax (escapes, classes, groups, alternation,
quantifiers); anything it cannot parse is treated as safe (no finding rather than a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class _Item:
    unbounded: bool = False  # `*`, `+`, `{n,}`
    optional: bool = False  # minimum 0 (`*`, `?`, `{0,...}`)
    group: list[list[_Item]] | None = None  # alternatives of a group
    text: str = ""
    end: int = 0  # index in the pattern just after the item and its quantifier


@dataclass
class _Parser:
    src: str
    pos: int = 0
    findings: list[str] = field(default_factory=list)

    def parse(self) -> list[list[_Item]]:
        alts = self._alternatives()
        if self.pos != len(self.src):
            raise ValueError("unbalanced")
        return alts

    def _alternatives(self) -> list[list[_Item]]:
        alts: list[list[_Item]] = [[]]
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch == ")":
                break
            if ch == "|":
                self.pos += 1
                alts.append([])
                continue
            item = self._atom()
            if item is None:
                continue
            self._quantifier(item)
            item.end = self.pos
            alts[-1].append(item)
        return alts

    def _atom(self) -> _Item | None:
        src, start = self.src, self.pos
        ch = src[self.pos]
        if ch == "\\":
            self.pos += 2
            return _Item(text=src[start:self.pos])
        if ch == "[":
            self.pos += 1
            if self.pos < len(src) and src[self.pos] == "^":
                self.pos += 1
            if self.pos < len(src) and src[self.pos] == "]":
                self.pos += 1
            while self.pos < len(src) and src[self.pos] != "]":
                self.pos += 2 if src[self.pos] == "\\" else 1
            if self.pos >= len(src):
                raise ValueError("unclosed class")
            self.pos += 1
            return _Item(text=src[start:self.pos])
        if ch == "(":
            self.pos += 1
            lookaround = False
            if src.startswith("?", self.pos):
                if src.startswith(("?=", "?!", "?<=", "?<!"), self.pos):
                    lookaround = True
                if src.startswith("?<", self.pos) and not src.startswith(("?<=", "?<!"), self.pos):
                    self.pos = src.index(">", self.pos) + 1
                else:
                    self.pos += 3 if src.startswith(("?<=", "?<!"), self.pos) else 2
            alts = self._alternatives()
            if self.pos >= len(src) or src[self.pos] != ")":
                raise ValueError("unclosed group")
            self.pos += 1
            if lookaround:
                return None  # zero-width: never repeated text
            return _Item(group=alts, text=src[start:self.pos])
        if ch in "^$":
            self.pos += 1
            return None
        self.pos += 1
        return _Item(text=ch)

    def _quantifier(self, item: _Item) -> None:
        src = self.src
        if self.pos >= len(src):
            return
        ch = src[self.pos]
        if ch in "*+?":
            self.pos += 1
            item.unbounded = ch in "*+"
            item.optional = ch in "*?"
        elif ch == "{":
            end = src.find("}", self.pos)
            body = src[self.pos + 1:end] if end > 0 else ""
            lo, comma, hi = body.partition(",")
            if end < 0 or not lo.strip().isdigit() or (hi.strip() and not hi.strip().isdigit()):
                return  # a literal brace
            self.pos = end + 1
            item.unbounded = bool(comma) and not hi.strip()
            item.optional = int(lo) == 0
        else:
            return
        if self.pos < len(src) and src[self.pos] == "?":
            self.pos += 1  # lazy: the same search space, explored in another order


def _can_repeat_unbounded(item: _Item) -> bool:
    if item.unbounded:
        return True
    if item.group is None:
        return False
    return any(any(_can_repeat_unbounded(i) for i in alt) for alt in item.group)


_SAMPLE = [chr(c) for c in range(32, 127)] + ["\t", "\n", "\u00e9"]


def _chars(atom: str) -> frozenset[str] | None:
    """The sample characters one simple atom matches (None: not a simple atom)."""
    if atom.startswith("(") or not atom:
        return None
    try:
        compiled = re.compile(atom.replace("\\/", "/"))
    except re.error:
        return None
    return frozenset(ch for ch in _SAMPLE if compiled.fullmatch(ch))


def _ambiguous_body(alts: list[list[_Item]]) -> str | None:
    """The repeated part of a group that can split one text in many ways (None: unique split).

    Ambiguous: besides the repeated element, everything in the group is optional, or every
    mandatory element can also match what the repeated one matches (``([a-z]+.)+``: the ``.`` takes
    any letter the ``[a-z]+`` gave back)."""
    for alt in alts:
        repeated = [i for i in alt if _can_repeat_unbounded(i)]
        if not repeated:
            continue
        mandatory = [i for i in alt if not i.optional and i not in repeated]
        if not mandatory:
            return repeated[0].text
        first = repeated[0]
        if first.group is not None and len(first.group) == 1 and len(first.group[0]) == 1 and \
                first.group[0][0].group is None:
            first = first.group[0][0]  # `([a-z])+` repeats one class like `[a-z]+`
        inner = _chars(first.text) if first.group is None else None
        if inner and all((other := _chars(m.text)) is not None and other & inner for m in mandatory):
            return repeated[0].text
    return None


def _walk(alts: list[list[_Item]], out: list[str], pattern: str) -> None:
    for alt in alts:
        for item in alt:
            if item.group is None:
                continue
            # the blow-up needs a later part that can fail (`$`, a delimiter); a trailing repetition
            # of an unanchored pattern simply matches what it can and succeeds
            if item.unbounded and pattern[item.end:].strip(")"):
                inner = _ambiguous_body(item.group)
                if inner is not None:
                    out.append(f"{item.text}{'*' if item.optional else '+'} repeats `{inner}`")
                    continue
            _walk(item.group, out, pattern)


def catastrophic_backtracking(pattern: str) -> str | None:
    """A short description of the nested repetition in ``pattern`` (JS / PCRE syntax), or None."""
    if len(pattern) > 2000 or "(" not in pattern:
        return None
    try:
        tree = _Parser(pattern).parse()
    except (ValueError, IndexError):
        return None
    out: list[str] = []
    _walk(tree, out, pattern)
    return out[0] if out else None
