"""Beliefs the code states about its own calls, and the call sites that contradict them.

When most call sites of ``mapper.map(...)`` test the result for null before using it, the authors
believe that it can be null; a site that dereferences the result (or hands it on) untested is the
likely bug, whatever the callee's documentation says. This is the "deviant behaviour" inference of
Engler et al. (2001), applied per file: no model of any API is needed, only the file's own habit.

Each call site of a callee (``recv.method`` with ``this.`` / ``self.`` dropped, or a plain function
name) is classified from the text that follows it in its function:

* **checked**: the result is compared with null / None / nil (or tested for truthiness, or reached
  through ``?.``) before any other use, directly or through the local it is stored in;
* **used**: the result is dereferenced first (``.field``, ``[i]``, a method call), directly or
  through its local; or it is passed straight into another call (reported as "handed on");
* anything else (returned, stored in a field, compared with something else) says nothing.

A site is reported when the callee has at least two checked sites, the checked sites are at least
two thirds of the classified ones, and the same call (same text) was not already tested earlier in
the function. Works on tree-sitter trees of Python, JavaScript/TypeScript, Java and Go.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.bounds import code_text
from wfc_server.review.analysis.functions import enclosing_function

_CALL_KIND = {"js": "call_expression", "java": "method_invocation", "go": "call_expression", "python": "call"}
_NULL = {"js": r"(?:null|undefined)", "java": r"null", "go": r"nil", "python": r"None"}
#: Callees whose results are never absent, or whose absence other rules already model (Map.get).
_SKIP_METHODS = frozenset({
    "get", "getOrDefault", "toString", "valueOf", "equals", "hashCode", "length", "size", "len", "str", "int",
    "append", "make", "new", "format", "Sprintf", "Errorf", "join", "split", "trim", "strip", "keys", "values",
    "items", "require", "isinstance", "getattr", "list", "dict", "set", "tuple", "sorted", "filter", "max", "min",
})
_MIN_CHECKED = 2
_NULL_AFTER = re.compile(r"\s*(?:[!=]==?\s*(?:null|undefined|nil|None)\b|is\s+(?:not\s+)?None\b)")
_QUICK = {"js": r"[!=]==?\s*(?:null|undefined)\b|\bif\s*\(\s*!|\?\.", "java": r"[!=]=\s*null\b",
          "go": r"[!=]=\s*nil\b", "python": r"\bis\s+(?:not\s+)?None\b"}


@dataclass(frozen=True, slots=True)
class Deviation:
    line: int  # 0-based line of the untested use
    callee: str
    checked: int  # sites of the callee that test the result
    sites: int  # classified sites
    how: str  # "dereferenced" or "handed on"


def worth_reading(text: str, family: str) -> bool:
    """At least two null tests in the text: without them there is no habit to deviate from."""
    return len(re.findall(_QUICK[family], text)) >= _MIN_CHECKED


def unchecked_against_habit(root: SgNode, family: str) -> list[Deviation]:
    """Call sites that use a result the rest of the file tests for null first."""
    if not worth_reading(root.text(), family):
        return []
    kind = _CALL_KIND[family]
    file_code = code_text(root)
    file_base = root.range().start.index
    near_null = re.compile(_QUICK[family])
    calls: dict[str, list[SgNode]] = defaultdict(list)
    for call in root.find_all(kind=kind):
        callee = _callee(call, family)
        if callee is not None:
            calls[callee].append(call)
    verdicts: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    texts: dict[int, str] = {}
    for callee, nodes in calls.items():
        if len(nodes) <= _MIN_CHECKED:
            continue
        # Cheap first look: a habit needs at least two sites with a null test in the next lines.
        tested = sum(1 for n in nodes if near_null.search(
            file_code, n.range().end.index - file_base, n.range().end.index - file_base + 240))
        if tested < _MIN_CHECKED:
            continue
        for call in nodes:
            func = enclosing_function(call, family)
            if func is None:
                continue
            key = func.range().start.index
            if key not in texts:
                r = func.range()
                texts[key] = file_code[r.start.index - file_base: r.end.index - file_base]
            verdict, line = _classify(call, func, texts[key], family)
            if verdict:
                verdicts[callee].append((verdict, line, call.text()))
    out: list[Deviation] = []
    for callee, sites in verdicts.items():
        checked = sum(1 for v, _, _ in sites if v == "checked")
        if checked < _MIN_CHECKED or checked * 3 < len(sites) * 2:
            continue
        for verdict, line, _ in sites:
            if verdict in {"dereferenced", "handed on"}:
                out.append(Deviation(line, callee, checked, len(sites), verdict))
    return out


def _callee(call: SgNode, family: str) -> str | None:
    if family == "java":
        name, obj = call.field("name"), call.field("object")
        if name is None:
            return None
        method = name.text()
        text = f"{obj.text()}.{method}" if obj is not None else method
    else:
        func = call.field("function")
        if func is None or func.kind() not in {"identifier", "member_expression", "selector_expression",
                                                "attribute"}:
            return None
        text = func.text()
        method = re.split(r"[.]", text)[-1]
    if "(" in text or "\n" in text or method in _SKIP_METHODS:
        return None
    text = re.sub(r"^(?:this|self)\.", "", text)
    parts = text.split(".")
    return ".".join(parts[-2:])


def _classify(call: SgNode, func: SgNode, code: str, family: str) -> tuple[str, int]:
    """("checked" | "dereferenced" | "handed on" | "", 0-based line of the use)."""
    base = func.range().start.index
    start, end = call.range().start.index - base, call.range().end.index - base
    if start < 0 or end > len(code):
        return "", 0
    line0 = func.range().start.line
    null = _NULL[family]
    before, after = code[:start], code[end:]
    if _tested_before(code[max(0, start - 3000):start], code[start:end], null) or \
            re.search(_TEST_AFTER[family] + r"\s*\)?\s*(?::|\{)?\s*(?:return|raise|throw)\b", code[max(0, start - 300):start]):
        return "", 0  # the same call tested earlier, or a null guard that leaves just before
    # The call itself compared with null / tested.
    head = before[-40:]
    if re.match(rf"\s*(?:[!=]==?\s*{null}\b|is\s+(?:not\s+)?None\b|\?\.|\?\?)", after) or \
            re.search(rf"\b{null}\s*[!=]==?\s*$", head):
        return "checked", 0
    line_of = call.range().start.line
    if re.match(r"\s*(?:\.(?!\.)|\[)", after):
        return "dereferenced", line_of
    parent = call.parent()
    if parent is not None and parent.kind() in {"argument_list", "arguments"} and not _benign_sink(parent) and not re.search(
            rf"\b(?:if|while|assert|require\w*|isNull|nonNull|ofNullable|isinstance|bool|len)\s*\(\s*$|!\s*$", head):
        return "handed on", line_of
    name = _stored_in(before, after, family)
    if name is None:
        return "", 0
    if re.search(r"(?:\b(?:if|elif|while|and|or)|&&|\|\||!)\s*\(*\s*[\w$]+\s*:?=\s*\(*\s*$", before[-80:]):
        return "checked", 0  # `if ((m = s.match(re)))`: the assignment is the test
    return _first_use(name, after, null, line_of, family)


#: Calls that take a possibly-null value in their stride (containers, logging, formatting).
_BENIGN_SINK = frozenset({
    "append", "add", "push", "extend", "insert", "put", "set", "setdefault", "update", "log", "debug", "info",
    "warn", "warning", "error", "trace", "print", "println", "printf", "Println", "Printf", "Sprintf", "Errorf",
    "format", "String", "str", "repr", "equals", "valueOf", "isinstance", "len", "bool", "assertEquals",
    "assertNull", "assertNotNull", "assertEqual", "assertIsNone", "assertIsNotNone", "requireNonNull",
    "ofNullable", "isNull", "nonNull",
})


def _benign_sink(arguments: SgNode) -> bool:
    outer = arguments.parent()
    if outer is None:
        return False
    func = outer.field("name") or outer.field("function") or outer.field("constructor")
    if func is None:
        return False
    return func.text().rsplit(".", 1)[-1] in _BENIGN_SINK


def _tested_before(before: str, call_text: str, null: str) -> bool:
    """The very same call was already tested earlier in the function (``if (m.get(k) != null)
    use(m.get(k).x)``): the author knows."""
    start = before.find(call_text)
    while start >= 0:
        after = before[start + len(call_text): start + len(call_text) + 20]
        ahead = before[max(0, start - 12): start]
        if _NULL_AFTER.match(after) or re.search(rf"\b{null}\s*[!=]==?\s*$", ahead):
            return True
        start = before.find(call_text, start + 1)
    return False


def _stored_in(before: str, after: str, family: str) -> str | None:
    """The local the call's result is stored in: ``x = call`` / ``T x = call`` / ``x := call`` (casts,
    ``await`` and parentheses allowed between)."""
    if not re.match(r"\s*[;\n)]", after) and not re.match(r"\s*$", after[:1]):
        return None
    tail = before[-120:]
    match = re.search(r"([A-Za-z_$][\w$]*)\s*(?::=|=)\s*(?:await\s+|\([\w.<>\[\] ]+\)\s*|\()*$", tail)
    if match is None or tail[: match.start(1)].rstrip()[-1:] in {".", ","}:
        return None  # a field store, or one of several results (Go's `v, err :=`)
    return match.group(1)


#: family -> how a use that tests the value reads just after / just before the name.
_TEST_AFTER = {
    "js": r"\s*(?:[!=]==?\s*(?:null|undefined)\b|\?\.|\?\?|\|\||&&|\?(?![.?]))",
    "java": r"\s*[!=]=\s*null\b",
    "go": r"\s*[!=]=\s*nil\b",
    "python": r"\s*(?:is\s+(?:not\s+)?None\b|[!=]=\s*None\b)",
}
_TEST_BEFORE = {
    "js": r"(?:\b(?:null|undefined)\s*[!=]==?|!|\bif\s*\(|\bwhile\s*\()\s*$",
    "java": r"(?:\bnull\s*[!=]=|(?:isNull|nonNull|ofNullable|requireNonNull\w*)\()\s*$",
    "go": r"\bnil\s*[!=]=\s*$",
    "python": r"\bNone\s*(?:is(?:\s+not)?|[!=]=)\s*$",
}


def _first_use(name: str, after: str, null: str, line_of: int, family: str) -> tuple[str, int]:
    n = re.escape(name)
    for use in re.finditer(rf"(?<![\w$.]){n}(?![\w$])", after):
        pre = after[max(0, use.start() - 30): use.start()]
        post = after[use.end(): use.end() + 30]
        line = line_of + after.count("\n", 0, use.start())
        if re.match(_TEST_AFTER[family], post) or re.search(_TEST_BEFORE[family], pre):
            return "checked", 0
        if re.match(r"\s*(?::?=)(?!=)", post):
            return "", 0  # reassigned first
        if re.match(r"\s*(?:\.(?!\.)|\[)", post):
            return "dereferenced", line
        return "", 0
    return "", 0
