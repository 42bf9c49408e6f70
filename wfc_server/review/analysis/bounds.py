"""Length and index facts for JavaScript/TypeScript, Java and Go: reads at index ``len``.

Two shapes of the same off-by-one, both frequent in upstream fixes:

* **index at the length**: ``xs[xs.length]``, ``list.get(list.size())``, ``s.charAt(s.length())``,
  ``xs[len(xs)]``: one past the last element (Java and Go throw or panic; JavaScript reads
  ``undefined`` and fails later);
* **a bounds check that lets the length through**: ``if (i > xs.length) return;`` followed by
  ``xs[i]``: the guard rejects every index past the end except the one that is exactly ``length``
  (the comparison should be ``>=``). Likewise ``if (i <= xs.length) { ... xs[i] ... }``.

Slices are never reported: ``s[len(s):]`` / ``s.slice(0, s.length)`` / ``substring(i)`` accept the
length as an end. Each fact is a 0-based line and a short description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.functions import enclosing_function

_NAME = r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"


@dataclass(frozen=True, slots=True)
class BoundsFact:
    line: int  # 0-based
    what: str


_NOISE = ("comment", "line_comment", "block_comment", "string", "template_string", "string_literal",
          "interpreted_string_literal", "raw_string_literal", "text_block")


def code_text(root: SgNode) -> str:
    """The text of ``root`` with comments and string literals blanked (newlines kept), so patterns
    match code only and every offset still maps to the same line (counted from ``root``'s start)."""
    text = root.text()
    if not any(mark in text for mark in ("//", "/*", '"', "'", "`")):
        return text
    chars = list(text)
    base = root.range().start.index  # the root node may start after leading blank lines
    for kind in _NOISE:
        try:
            nodes = root.find_all(kind=kind)
        except RuntimeError:  # a kind this grammar does not have
            continue
        for node in nodes:
            r = node.range()
            for i in range(r.start.index - base, min(r.end.index - base, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _length_of(family: str, seq: str) -> str:
    """A pattern for the length of ``seq`` in this language family."""
    s = re.escape(seq)
    if family == "go":
        return rf"len\(\s*{s}\s*\)"
    if family == "java":
        return rf"{s}\s*\.\s*(?:length\b(?!\s*\()|length\(\s*\)|size\(\s*\))"
    return rf"{s}\s*\.\s*length\b(?!\s*\()"


def index_at_length(root: SgNode, family: str) -> list[BoundsFact]:
    """``xs[xs.length]`` / ``xs.get(xs.size())`` / ``s.charAt(s.length())`` / ``xs[len(xs)]`` reads."""
    out: list[BoundsFact] = []
    text = code_text(root)
    if family == "go":
        pattern = re.compile(rf"(?<![\w$.])({_NAME})\[\s*len\(\s*\1\s*\)\s*\]")
    elif family == "java":
        pattern = re.compile(rf"(?<![\w$.])({_NAME})(?:\[\s*\1\.length\s*\]|\.(?:get|charAt|remove)\(\s*\1\."
                             rf"(?:size|length)\(\s*\)\s*\))")
    else:
        pattern = re.compile(rf"(?<![\w$.])({_NAME})(?:\[\s*\1\.length\s*\]|\.charAt\(\s*\1\.length\s*\))")
    for match in pattern.finditer(text):
        rest = text[match.end():match.end() + 4]
        if family == "js" and re.match(r"\s*=(?!=)", rest):
            continue  # `xs[xs.length] = v` appends in JavaScript
        line = root.range().start.line + text.count("\n", 0, match.start())
        out.append(BoundsFact(line, f"`{match.group(0)}` is one past the last element"))
    return out


def lenient_guards(root: SgNode, family: str) -> list[BoundsFact]:
    """An index read after a bounds check that admits ``index == length``."""
    out: list[BoundsFact] = []
    if not re.search(r"(>|<=)\s*(len\(|[\w$.]+\.(length|size\())|(\.length|\.size\(\s*\)|\))\s*(<|>=)", root.text()):
        return out
    for stmt in root.find_all(kind="if_statement"):
        condition = stmt.field("condition")
        if condition is None:
            continue
        cond = condition.text().strip()
        if cond.startswith("(") and cond.endswith(")"):
            cond = cond[1:-1]
        fact = _lenient(family, stmt, cond)
        if fact is not None:
            out.append(fact)
    return out


def _lenient(family: str, stmt: SgNode, cond: str) -> BoundsFact | None:
    for index, op, seq in _comparisons(family, cond):
        read = _index_read(family, seq, index)
        if op == "exit-unless-greater":
            # `if (i > len) return` then a read of seq[i] after the if, in the same function
            then = stmt.field("consequence")
            if then is None or not re.search(r"\b(return|throw|panic|continue|break)\b", then.text()):
                continue
            if "||" in cond or "&&" in cond:
                continue  # a compound guard: other parts may exclude the length
            func = enclosing_function(stmt, family)
            if func is None:
                continue
            after = func.text()[stmt.range().end.index - func.range().start.index:]
            match = read.search(_strip_reassigned(after, index))
            if match is not None and not re.search(
                    rf"(?<![\w$.]){re.escape(index)}\s*(==|>=|!=)|(==|<=|!=)\s*{re.escape(index)}(?![\w$])",
                    after[:match.start()]):
                line = stmt.range().end.line + after.count("\n", 0, match.start())
                return BoundsFact(line, f"the check at line {stmt.range().start.line + 1} lets `{index}` equal "
                                        "the length through; the comparison should be `>=`")
        else:  # `if (i <= len) { ... seq[i] ... }`
            then = stmt.field("consequence")
            if then is None or "||" in cond:
                continue
            match = read.search(then.text())
            if match is not None and not re.search(rf"(?<![\w$.]){re.escape(index)}\s*(=(?!=)|\+\+|--|\+=|-=)",
                                                   then.text()[:match.start()]):
                line = then.range().start.line + then.text().count("\n", 0, match.start())
                return BoundsFact(line, f"the condition at line {stmt.range().start.line + 1} admits `{index}` "
                                        "equal to the length; the comparison should be `<`")
    return None


def _comparisons(family: str, cond: str) -> list[tuple[str, str, str]]:
    """(index, kind, sequence) for ``i > len(s)`` / ``len(s) < i`` (exit-unless-greater) and
    ``i <= len(s)`` / ``len(s) >= i`` (inside-when-at-most) in a condition."""
    if family == "go":
        length = r"len\(\s*(?P<seq>[\w.]+)\s*\)"
    elif family == "java":
        length = r"(?P<seq>[\w$.]+?)\s*\.\s*(?:length\b(?!\s*\()|length\(\s*\)|size\(\s*\))"
    else:
        length = r"(?P<seq>[\w$.]+?)\s*\.\s*length\b(?!\s*\()"
    idx = r"(?P<idx>[A-Za-z_$][\w$]*)"
    out = []
    for pattern, kind in (
        (rf"(?<![\w$.]){idx}\s*>\s*{length}(?!\s*[-+*/])", "exit-unless-greater"),
        (rf"{length}\s*<\s*{idx}(?![\w$.(\[])", "exit-unless-greater"),
        (rf"(?<![\w$.]){idx}\s*<=\s*{length}(?!\s*[-+*/])", "inside-when-at-most"),
        (rf"{length}\s*>=\s*{idx}(?![\w$.(\[])", "inside-when-at-most"),
    ):
        for m in re.finditer(pattern, cond):
            out.append((m.group("idx"), kind, m.group("seq")))
    return out


def _index_read(family: str, seq: str, index: str) -> re.Pattern[str]:
    s, i = re.escape(seq), re.escape(index)
    if family == "java":
        return re.compile(rf"(?<![\w$.]){s}(?:\[\s*{i}\s*\]|\.(?:get|charAt)\(\s*{i}\s*\))")
    return re.compile(rf"(?<![\w$.]){s}\[\s*{i}\s*\](?!\s*=[^=])")


def _strip_reassigned(text: str, index: str) -> str:
    """The text up to the first reassignment of ``index`` (what follows reads another value)."""
    match = re.search(rf"(?<![\w$.]){re.escape(index)}\s*(=(?!=)|:=|\+\+|--|\+=|-=)", text)
    return text if match is None else text[:match.start()]


def lookahead_past_end(root: SgNode, family: str) -> list[BoundsFact]:
    """``seq[i + 1]`` read inside a loop that runs ``i`` up to the last index (``i < len(seq)``,
    ``for i := range seq``) with no test of ``i + 1`` against the length: the last iteration reads
    one past the end (Go and Java panic/throw; JavaScript gets ``undefined``)."""
    out: list[BoundsFact] = []
    text = root.text()
    if not re.search(r"\[\s*\w+\s*\+\s*1\s*\]|\.(?:charAt|get)\(\s*\w+\s*\+\s*1\s*\)", text):
        return out
    for loop in root.find_all(kind="for_statement"):
        header = _loop_header(loop, family)
        if header is None:
            continue
        index, seq = header
        body = loop.field("body")
        if body is None:
            continue
        code = code_text(body)
        i, s = re.escape(index), re.escape(seq)
        if re.search(rf"(?<![\w$.]){i}\s*(\+\+|--|\+=|-=|=(?!=)|:=)|(\+\+|--){i}\b", code):
            continue  # the loop advances the index itself
        if re.search(rf"{i}\s*\+\s*1\s*(<|>|==|!=)|(<|>|==|!=)\s*{i}\s*\+\s*1\b|(len\(\s*{s}\s*\)|{s}\s*\.\s*"
                     rf"(length|size\(\s*\)|length\(\s*\)))\s*-\s*1|\bbreak\b", code):
            continue  # a test of the look-ahead against the end (or a loop that stops early)
        if family == "java":
            access = re.compile(rf"(?<![\w$.]){s}(?:\[\s*{i}\s*\+\s*1\s*\]|\.(?:charAt|get)\(\s*{i}\s*\+\s*1\s*\))")
        else:
            access = re.compile(rf"(?<![\w$.]){s}\[\s*{i}\s*\+\s*1\s*\](?!\s*=[^=])")
        match = access.search(code)
        if match is not None:
            line = body.range().start.line + code.count("\n", 0, match.start())
            out.append(BoundsFact(line, f"`{match.group(0)}` on the last iteration, when `{index}` is the last index"))
    return out


def _steps_by_one(update: SgNode | None, index: str | None) -> bool:
    """``i++`` / ``++i`` / ``i += 1``: a loop over every index (``i += 2`` walks pairs)."""
    if update is None:
        return False
    m = re.fullmatch(r"\s*(?:([\w$]+)\s*\+\+|\+\+\s*([\w$]+)|([\w$]+)\s*\+=\s*1)\s*", update.text())
    return m is not None and (index is None or index in m.groups())


def _loop_header(loop: SgNode, family: str) -> tuple[str, str] | None:
    """(index, sequence) of a loop over every index of a sequence, else None."""
    if family == "go":
        clause = next((c for c in loop.children() if c.kind() in {"for_clause", "range_clause"}), None)
        if clause is None:
            return None
        if clause.kind() == "range_clause":
            m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*(?:,\s*\w+\s*)?:=\s*range\s+([\w.]+)\s*", clause.text())
            return (m.group(1), m.group(2)) if m and m.group(1) != "_" else None
        cond = clause.field("condition")
        m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*<\s*len\(\s*([\w.]+)\s*\)\s*", cond.text()) if cond else None
        return (m.group(1), m.group(2)) if m and _steps_by_one(clause.field("update"), m.group(1)) else None
    cond = loop.field("condition")
    if cond is None or not _steps_by_one(loop.field("increment") or loop.field("update"), None):
        return None
    if family == "java":
        m = re.fullmatch(r"\s*([A-Za-z_$][\w$]*)\s*<\s*([\w$.]+?)\s*\.\s*(?:length\b(?!\s*\()|length\(\s*\)|"
                         r"size\(\s*\))\s*;?\s*", cond.text())
    else:
        m = re.fullmatch(r"\s*([A-Za-z_$][\w$]*)\s*<\s*([\w$.]+?)\s*\.\s*length\s*;?\s*", cond.text())
    if m is None or not re.search(rf"(?<![\w$]){re.escape(m.group(1))}\s*(\+\+|\+=\s*1)|\+\+\s*{re.escape(m.group(1))}\b",
                                  (loop.field("increment") or loop.field("update")).text()):
        return None
    return m.group(1), m.group(2)
