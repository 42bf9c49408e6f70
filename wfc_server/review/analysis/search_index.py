"""A position from a search (``indexOf``, ``strings.Index``, ``str.find``) used before the
"not found" answer (-1) is ruled out.

``i := strings.Index(line, "\\t")`` then ``line[:i]`` panics when there is no tab;
``name.substring(0, name.indexOf('.'))`` throws in Java; in JavaScript and Python the slice
silently takes the wrong part (``s.slice(0, -1)`` drops the last character). The first statement
after the search that mentions the position decides: a comparison (``i < 0``, ``i === -1``,
``i >= 0``, ``~i``) means someone looked; a slice or index with it means nobody did. ``s[i+1:]``
is not reported: with -1 it is the whole string, the idiom for "after the last separator".
A preceding test that the text contains the needle (``includes``/``contains``/``Contains``/``in``)
also rules it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.bounds import code_text
from wfc_server.review.analysis.functions import enclosing_function, short

_SEARCH = {
    "js": re.compile(r"\.(?:indexOf|lastIndexOf|search|findIndex)\("),
    "java": re.compile(r"\.(?:indexOf|lastIndexOf)\("),
    "go": re.compile(r"^(?:strings|bytes)\.(?:Index|LastIndex|IndexByte|LastIndexByte|IndexRune|IndexAny|"
                     r"LastIndexAny)\("),
    "python": re.compile(r"\.(?:find|rfind)\("),
}
QUICK = re.compile(r"\.(?:indexOf|lastIndexOf|search|findIndex|find|rfind)\(|\b(?:strings|bytes)\.\w*Index\w*\(")


@dataclass(frozen=True, slots=True)
class UncheckedPosition:
    line: int  # 0-based line of the use
    name: str
    search: str


def unchecked_positions(root: SgNode, family: str) -> list[UncheckedPosition]:
    if not QUICK.search(root.text()):
        return []
    out: list[UncheckedPosition] = []
    for holder, name, call in _declarations(root, family):
        callee = call.field("function") if family != "java" else call
        text = call.text()
        if family == "java":
            method = call.field("name")
            if method is None or method.text() not in {"indexOf", "lastIndexOf"}:
                continue
        elif callee is None:
            continue
        if family == "go":
            if not _SEARCH["go"].match(text):
                continue
        elif not _SEARCH[family].search(text[: text.index("(") + 1] if "(" in text else text):
            continue
        func = enclosing_function(holder, family)
        if func is None:
            continue
        use = _first_use(func, holder, name, family)
        if use is not None and not _literal_needle(call, family) and not _removes_at(func, use, name):
            continue  # a computed needle is often present by construction; a separator literal is not
        if use is not None and not _needle_tested_before(func, holder, call, family):
            out.append(UncheckedPosition(use, name, short(text)))
    return out


def _declarations(root: SgNode, family: str):
    """(statement, variable, call) for ``i = <call>`` declarations of one local."""
    if family == "js":
        for decl in root.find_all(kind="variable_declarator"):
            name, value = decl.field("name"), decl.field("value")
            if name is not None and value is not None and name.kind() == "identifier" and value.kind() == "call_expression":
                yield decl, name.text(), value
    elif family == "java":
        for decl in root.find_all(kind="variable_declarator"):
            name, value = decl.field("name"), decl.field("value")
            if name is not None and value is not None and value.kind() == "method_invocation":
                yield decl, name.text(), value
    elif family == "go":
        for stmt in root.find_all(kind="short_var_declaration"):
            left, right = stmt.field("left"), stmt.field("right")
            values = [c for c in right.children() if c.is_named()] if right is not None else []
            if left is not None and re.fullmatch(r"\w+", left.text()) and len(values) == 1 and (
                    values[0].kind() == "call_expression"):
                yield stmt, left.text(), values[0]
    else:
        for stmt in root.find_all(kind="assignment"):
            left, right = stmt.field("left"), stmt.field("right")
            if left is not None and right is not None and left.kind() == "identifier" and right.kind() == "call":
                yield stmt, left.text(), right


def _first_use(func: SgNode, holder: SgNode, name: str, family: str) -> int | None:
    code = code_text(func)
    start = holder.range().end.index - func.range().start.index
    rest = code[start:]
    n = re.escape(name)
    mention = re.compile(rf"(?<![\w$.]){n}(?![\w$])")
    first = mention.search(rest)
    if first is None:
        return None
    line_start = rest.rfind("\n", 0, first.start()) + 1
    line_end = rest.find("\n", first.start())
    line = rest[line_start: line_end if line_end >= 0 else len(rest)]
    if re.search(rf"(?<![\w$.]){n}\s*(<|>|<=|>=|===?|!==?)|(<|>|<=|>=|===?|!==?)\s*-?\s*{n}\b|~\s*{n}\b|"
                 rf"\bif\b|\bwhile\b|\?|\bmax\(|\bMath\.max\b|\bassert\b", line):
        return None
    if not _unsafe_use(line, n, family):
        return None
    return holder.range().end.line + rest.count("\n", 0, first.start())


def _unsafe_use(line: str, n: str, family: str) -> bool:
    """A slice end / index / substring with the position itself (not ``i + 1``)."""
    plain = rf"{n}(?!\s*[-+*/])"
    if family in {"go", "python"}:
        return re.search(rf"\[\s*:?\s*{plain}\s*(?:\]|:)|\[[^\[\]:]+:\s*{plain}\s*\]", line) is not None
    if family == "java":
        return re.search(rf"\.(?:substring|charAt|get|remove|set|subList|deleteCharAt)\(\s*(?:[^(),]+,\s*)?"
                         rf"{plain}\s*[,)]", line) is not None
    return re.search(rf"\.(?:substring|slice|substr|charAt|splice)\(\s*(?:[^(),]+,\s*)?{plain}\s*[,)]|"
                     rf"\[\s*{plain}\s*\]", line) is not None


_LITERAL = re.compile(r"""^(?:'(?:[^'\\]|\\.){1,8}'|"(?:[^"\\]|\\.){1,8}"|`[^`$]{1,8}`|b?'[^']{1,8}'|b?"[^"]{1,8}")$""")


def _needle(call: SgNode, family: str) -> str | None:
    args = call.field("arguments")
    values = [a.text() for a in args.children() if a.is_named()] if args is not None else []
    if not values:
        return None
    return values[-1] if family == "go" else values[0]


def _literal_needle(call: SgNode, family: str) -> bool:
    """The text searched for is a short literal (a separator): ``indexOf('@')``, ``Index(s, "=")``."""
    needle = _needle(call, family)
    return needle is not None and _LITERAL.match(needle) is not None


def _removes_at(func: SgNode, line: int, name: str) -> bool:
    """``list.splice(i, 1)`` / ``list.remove(i)`` on ``line``: with -1 it removes the last element."""
    text = func.text().splitlines()
    offset = line - func.range().start.line
    if not 0 <= offset < len(text):
        return False
    return re.search(rf"\.(?:splice|remove)\(\s*{re.escape(name)}\s*[,)]", text[offset]) is not None


def _needle_tested_before(func: SgNode, holder: SgNode, call: SgNode, family: str) -> bool:
    """``if (!s.includes(':')) return`` (or ``contains``/``Contains``/``in``) before the search."""
    needle = _needle(call, family)
    if needle is None:
        return False
    before = func.text()[: holder.range().start.index - func.range().start.index]
    return re.search(rf"(?:includes|contains|Contains|ContainsRune|ContainsAny|startsWith|HasPrefix|"
                     rf"endsWith|HasSuffix)\(\s*(?:[^(),]+,\s*)?{re.escape(needle)}\s*\)|"
                     rf"{re.escape(needle)}\s+(?:not\s+)?in\b", before) is not None


