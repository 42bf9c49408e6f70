"""The last element read with no sign that there is one: ``xs[len(xs)-1]`` on a possibly empty value.

``matches := re.FindStringSubmatch(out); return matches[len(matches)-1]`` (Go: index -1 panics when
the pattern did not match), ``s.charAt(s.length() - 1)`` (Java: StringIndexOutOfBoundsException
on ""), ``items[items.length - 1].id`` (JavaScript: TypeError on undefined). The last element
exists only when the value is not empty; reported when the function has not measured the value
(``len(xs)``, ``xs.length``, ``isEmpty()``, a comparison with ``""``), ranged over it, or grown it
(``append``, ``add``, ``push``) before the read, and the value is a plain local or parameter (a
field such as a parser's stack usually carries an invariant kept elsewhere). A Go ``strings.Split``
result and a JavaScript ``split`` result are never empty, so they are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.bounds import code_text
from wfc_server.review.analysis.functions import FUNCTION_KINDS

_ID = r"[A-Za-z_$][\w$]*"
#: family -> the read of the last element (group "name" is the value).
_LAST = {
    "go": re.compile(rf"(?<![\w$.])(?P<name>{_ID})\[\s*len\(\s*(?P=name)\s*\)\s*-\s*1\s*\]"),
    "java": re.compile(rf"(?<![\w$.])(?P<name>{_ID})(?:\.charAt\(\s*(?P=name)\.length\(\)\s*-\s*1\s*\)|"
                       rf"\.get\(\s*(?P=name)\.size\(\)\s*-\s*1\s*\)|\[\s*(?P=name)\.length\s*-\s*1\s*\])"),
    "js": re.compile(rf"(?<![\w$.])(?P<name>{_ID})\[\s*(?P=name)\.length\s*-\s*1\s*\](?=\s*(?:\.(?!\.)|\[|\())"),
}
QUICK = re.compile(r"len\(\s*(\w+)\s*\)\s*-\s*1\s*\]|\.(?:length|size)\(?\)?\s*-\s*1\s*[\])]")


@dataclass(frozen=True, slots=True)
class LastRead:
    line: int  # 0-based
    name: str
    read: str


def unguarded_last_reads(root: SgNode, family: str) -> list[LastRead]:
    """Reads of the last element of a value the function never showed to be non-empty."""
    if family not in _LAST or not QUICK.search(root.text()):
        return []
    out: list[LastRead] = []
    seen: set[int] = set()
    file_code, file_raw = code_text(root), root.text()
    file_base = root.range().start.index
    for func in _functions(root, family):
        r = func.range()
        code = file_code[r.start.index - file_base: r.end.index - file_base]
        raw = file_raw[r.start.index - file_base: r.end.index - file_base]
        if not _LAST[family].search(code):
            continue
        base = r.start.line
        for match in _LAST[family].finditer(code):
            name = match.group("name")
            if _shown_non_empty(raw[: match.start()], name, family, raw) or \
                    _caller_contract(raw, name, family, match.group(0)):
                continue
            line = base + code.count("\n", 0, match.start())
            if line in seen or _inner_function_owns(func, line, family):
                continue
            seen.add(line)
            out.append(LastRead(line, name, " ".join(match.group(0).split())))
    return out


def _functions(node: SgNode, family: str) -> list[SgNode]:
    """Every function node under ``node`` (the kinds this grammar has; TSX lacks a few)."""
    out: list[SgNode] = []
    for kind in FUNCTION_KINDS[family]:
        try:
            out.extend(node.find_all(kind=kind))
        except RuntimeError:
            continue
    return out


def _shown_non_empty(before: str, name: str, family: str, whole: str) -> bool:
    n = re.escape(name)
    measured = {
        "go": rf"\blen\(\s*{n}\s*\)|(?<![\w.]){n}\s*[!=]=\s*\"\"|\"\"\s*[!=]=\s*{n}\b|\brange\s+{n}\b|"
              rf"(?<![\w.]){n}\s*=\s*append\(|(?<![\w.]){n}\s*:?=\s*(?:strings\.Split|\[\])",
        "java": rf"(?<![\w.]){n}\.(?:length|size|isEmpty|isBlank|add|append|push|offer|put)\b|"
                rf"(?:isEmpty|isBlank|isNotEmpty|isNotBlank|hasLength|hasText)\(\s*{n}\s*\)|:\s*{n}\s*\)",
        "js": rf"(?<![\w$.]){n}(?:\?)?\.(?:length|push|unshift|some|every)\b|(?<![\w$.]){n}\s*=\s*[^=;\n]*\.split\(|"
              rf"(?<![\w$.]){n}\s*=\s*\[",
    }[family]
    if re.search(measured, before):
        return True
    # Go: the value came from a string literal or composite literal in its own declaration.
    return family == "go" and re.search(rf"(?<![\w.]){n}\s*:=\s*(?:\"|`|\[\]\w+\{{)", whole) is not None


def _caller_contract(raw: str, name: str, family: str, read: str) -> bool:
    """A parameter whose non-emptiness is the caller's business (``func Last(xs []int)``); only a
    text parameter read at its last character stays in question (text is routinely empty)."""
    header = raw[: raw.find("{")] if "{" in raw else raw
    n = re.escape(name)
    if not re.search(rf"(?<![\w$.]){n}(?![\w$])", header):
        return False
    if family == "go":
        return re.search(rf"(?<![\w.]){n}\s+string\b", header) is None
    return not (family == "java" and ".charAt(" in read)


def _inner_function_owns(func: SgNode, line: int, family: str) -> bool:
    """The read belongs to a function nested in ``func``: that function reports it."""
    for inner in _functions(func, family):
        if inner == func:
            continue
        r = inner.range()
        if r.start.line <= line <= r.end.line:
            return True
    return False
