"""Functions that can return null / nil, and the callers that dereference their result unchecked.

A helper ``findUser(id)`` that ends one path with ``return null`` (JavaScript/TypeScript, Java) or
``return nil`` (Go, a single pointer result) tells every caller "test me". A caller that writes
``findUser(id).name``, or keeps the result in a local and dereferences it before any test, crashes
on exactly the input the helper was written to reject. The summaries are built over every file of
one review (a helper in ``store.go`` and its caller in ``handler.go`` are one package), and a name
counts only when each of its declarations can answer null, so an overload or a same-named method
elsewhere that never does makes the call ambiguous and nothing is said.

Calls are resolved conservatively: a plain call ``f(x)`` (or ``this.f(x)``) to a function or method
declared in the review; in Go also ``s.m(x)`` where ``s`` is the receiver of the calling method and
``m`` a method of the review. Calls on other receivers could be a library's method of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis import java_nulls
from wfc_server.review.analysis.functions import FUNCTION_KINDS, enclosing_function

#: Quick test that a file can contribute a summary at all (most files cannot: skip their walk).
NULL_RETURN_TEXT = re.compile(r"\breturn\s+(null|nil|undefined)\s*[;}\n]")

FAMILIES = {"javascript": "js", "typescript": "js", "java": "java", "go": "go"}


@dataclass(frozen=True, slots=True)
class NullDeref:
    line: int  # 0-based line of the dereference
    callee: str  # the function whose result may be null
    variable: str | None  # the local that holds it, when there is one
    origin: str  # where the callee returns null: "path:line"


@dataclass(frozen=True, slots=True)
class Unit:
    """One parsed file of the review: its path, language family and syntax tree."""

    path: str
    family: str
    root: SgNode


def summaries(units: Iterable[Unit]) -> dict[str, dict[str, str]]:
    """Per language family: function name -> "path:line" of a ``return null`` in it, for the names
    whose every declaration in the review can return null (Go: keys of methods are ``.name``)."""
    nullable: dict[str, dict[str, str]] = {}
    never: dict[str, set[str]] = {}
    for unit in units:
        for name, line in _declarations(unit):
            if line is None:
                never.setdefault(unit.family, set()).add(name)
            else:
                nullable.setdefault(unit.family, {}).setdefault(name, f"{unit.path}:{line + 1}")
    return {family: {n: o for n, o in names.items() if n not in never.get(family, set())}
            for family, names in nullable.items()}


def _declarations(unit: Unit) -> Iterable[tuple[str, int | None]]:
    """(name, 0-based line of a null return or None) for each function declared in the file."""
    if unit.family == "js":
        yield from _js_declarations(unit.root)
    elif unit.family == "java":
        for method in unit.root.find_all(kind="method_declaration"):
            name, kind = method.field("name"), method.field("type")
            if name is None or kind is None or kind.text() == "void":
                continue
            yield name.text(), _null_return_line(method, "null_literal", FUNCTION_KINDS["java"])
    elif unit.family == "go":
        for func in unit.root.find_all(kind="function_declaration") + unit.root.find_all(kind="method_declaration"):
            name, result = func.field("name"), func.field("result")
            if name is None:
                continue
            key = ("." if func.kind() == "method_declaration" else "") + name.text()
            if result is None or result.kind() != "pointer_type":
                yield key, None
                continue
            yield key, _null_return_line(func, "nil", FUNCTION_KINDS["go"])


def _js_declarations(root: SgNode) -> Iterable[tuple[str, int | None]]:
    """Functions by name, methods by ``.name``; an async one's key ends in ``!`` (its result is
    null only once awaited)."""
    functions = [(f, f) for f in root.find_all(kind="function_declaration") + root.find_all(kind="method_definition")]
    functions += [(d, d.field("value")) for d in root.find_all(kind="variable_declarator")
                  if d.field("value") is not None and d.field("value").kind() in {
                      "arrow_function", "function_expression", "function"}]
    for holder, func in functions:
        name = holder.field("name")
        if name is None:
            continue
        prefix = "." if holder.kind() == "method_definition" else ""
        asynchronous = func.text().startswith("async") or any(c.text() == "async" for c in func.children())
        yield prefix + name.text() + ("!" if asynchronous else ""), _null_return_line(func, "null", FUNCTION_KINDS["js"])


def _null_return_line(func: SgNode, null_kind: str, function_kinds: frozenset[str]) -> int | None:
    """The line of the first ``return <null>`` that belongs to ``func`` itself (not a nested function)."""
    for ret in func.find_all(kind="return_statement"):
        values = [c for c in ret.children() if c.is_named() and c.kind() not in {"comment", "line_comment",
                                                                                  "block_comment"}]
        if len(values) == 1 and values[0].kind() == "expression_list":
            values = [c for c in values[0].children() if c.is_named()]
        if len(values) != 1 or not (values[0].kind() == null_kind or values[0].text() == "undefined"
                                    and null_kind == "null"):
            continue
        owner = ret.parent()
        while owner is not None and owner.kind() not in function_kinds:
            owner = owner.parent()
        if owner is not None and owner.range().start.index == func.range().start.index and not (
                _passes_null_through(ret, func)):
            return ret.range().start.line
    return None


_MISSING_TEST = re.compile(r"!\s*([A-Za-z_$][\w$]*)|([A-Za-z_$][\w$]*)\s*[=!]==?\s*(?:null|undefined|nil)|"
                           r"(?:null|undefined|nil)\s*[=!]==?\s*([A-Za-z_$][\w$]*)")


def _passes_null_through(ret: SgNode, func: SgNode) -> bool:
    """``if (!input) return null``: null in, null out. Callers that pass a value get a value, so
    this path says nothing about them."""
    stmt = ret.parent()
    while stmt is not None and stmt.kind() in {"block", "statement_block", "statement_list", "expression_statement"}:
        stmt = stmt.parent()
    if stmt is None or stmt.kind() != "if_statement":
        return False
    condition = stmt.field("condition")
    text = condition.text().strip("() \t\n") if condition is not None else ""
    match = _MISSING_TEST.fullmatch(text)
    if match is None:
        return False
    name = next(g for g in match.groups() if g)
    params = func.field("parameters")
    return params is not None and re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$])", params.text()) is not None


def unchecked_derefs(unit: Unit, nullable: dict[str, str]) -> list[NullDeref]:
    """Dereferences in ``unit`` of results of ``nullable`` functions with no null test first."""
    if not nullable:
        return []
    kind = {"js": "call_expression", "java": "method_invocation", "go": "call_expression"}[unit.family]
    out: list[NullDeref] = []
    seen: set[int] = set()
    java_blocks: dict = {}
    visible = _js_visible(unit.root) if unit.family == "js" else None
    for call in unit.root.find_all(kind=kind):
        callee = _resolved(unit.family, call, nullable)
        if visible is not None and callee is not None and not callee.startswith(".") and callee.rstrip("!") not in visible:
            continue  # a plain call to a name this file neither declares nor imports from the project
        if callee is None or _FLAG_ARGUMENT.search(_arguments(call)):
            continue  # `find(key, true)`: the null path usually hangs on the flag
        origin = nullable[callee]
        holder, name = _holder(unit.family, call)
        if holder is None:
            line = _direct_deref(unit.family, call)
            if line is not None and line not in seen:
                seen.add(line)
                out.append(NullDeref(line, callee.strip(".!"), None, origin))
            continue
        line = _first_deref(unit.family, holder, name, java_blocks)
        if line is not None and line not in seen:
            seen.add(line)
            out.append(NullDeref(line, callee.strip(".!"), name, origin))
    return out


_RELATIVE_IMPORT = re.compile(
    r"\bimport\s+(?:type\s+)?([^;]*?)\s+from\s+['\"]\.{1,2}/[^'\"]*['\"]|"
    r"\b(?:const|let|var)\s+([^=;]+?)\s*=\s*require\(\s*['\"]\.{1,2}/[^'\"]*['\"]\s*\)")


def _js_visible(root: SgNode) -> set[str]:
    """Plain names a JavaScript file can call into the review with: its own top-level functions and
    what it imports from relative modules (``import {f} from './x'``, ``const {f} = require('./x')``)."""
    names = {n.text() for f in root.find_all(kind="function_declaration") if (n := f.field("name")) is not None}
    names |= {d.field("name").text() for d in root.find_all(kind="variable_declarator")
              if d.field("name") is not None and d.field("value") is not None
              and d.field("value").kind() in {"arrow_function", "function_expression", "function"}}
    for match in _RELATIVE_IMPORT.finditer(root.text()):
        bound = match.group(1) or match.group(2) or ""
        names |= set(re.findall(r"(?:\bas\s+|:\s*|^|[{,]\s*)([A-Za-z_$][\w$]*)\s*(?=[,}]|$)", bound.strip()))
    return names


_FLAG_ARGUMENT = re.compile(r"[(,]\s*(true|false)\s*[,)]")


def _arguments(call: SgNode) -> str:
    args = call.field("arguments")
    return args.text() if args is not None else ""


def _resolved(family: str, call: SgNode, nullable: dict[str, str]) -> str | None:
    """The summary key ``call`` certainly refers to, or None."""
    if family == "java":
        obj, name = call.field("object"), call.field("name")
        if name is None or (obj is not None and obj.text() != "this"):
            return None
        return name.text() if name.text() in nullable else None
    function = call.field("function")
    if function is None:
        return None
    awaited = call.parent() is not None and call.parent().kind() == "await_expression"
    if function.kind() == "identifier":
        name = function.text()
        if family == "js":
            return name if name in nullable else (name + "!" if awaited and name + "!" in nullable else None)
        return name if name in nullable else None
    if family == "js" and function.kind() == "member_expression":
        obj, prop = function.field("object"), function.field("property")
        if obj is None or prop is None or obj.kind() != "this":
            return None
        key = "." + prop.text()
        return key if key in nullable else (key + "!" if awaited and key + "!" in nullable else None)
    if family == "go" and function.kind() == "selector_expression":
        operand, field = function.field("operand"), function.field("field")
        if operand is None or field is None or "." + field.text() not in nullable:
            return None
        if operand.kind() == "identifier" and operand.text() == _go_receiver(call):
            return "." + field.text()
    return None


def _go_receiver(node: SgNode) -> str | None:
    """The receiver name of the method around ``node`` (``s`` in ``func (s *Store) ...``)."""
    owner = node.parent()
    while owner is not None and owner.kind() not in {"function_declaration", "method_declaration"}:
        owner = owner.parent()
    if owner is None or owner.kind() != "method_declaration":
        return None
    receiver = owner.field("receiver")
    match = re.match(r"\(\s*(\w+)\s", receiver.text()) if receiver is not None else None
    return match.group(1) if match else None


def _holder(family: str, call: SgNode) -> tuple[SgNode | None, str | None]:
    """The declaration that keeps the call's result in one local, and that local's name."""
    parent = call.parent()
    if family == "js" and parent is not None and parent.kind() == "await_expression":
        parent = parent.parent()
    if parent is None:
        return None, None
    if family == "js" and parent.kind() == "variable_declarator":
        name = parent.field("name")
        if name is not None and name.kind() == "identifier":
            return parent, name.text()
    if family == "java" and parent.kind() == "variable_declarator":
        name, decl = parent.field("name"), parent.parent()
        if name is not None and decl is not None and decl.kind() == "local_variable_declaration":
            return decl, name.text()
    if family == "go" and parent.kind() == "expression_list":
        stmt = parent.parent()
        if stmt is not None and stmt.kind() in {"short_var_declaration", "assignment_statement"} and len(
                [c for c in parent.children() if c.is_named()]) == 1:
            left = stmt.field("left")
            if left is not None and re.fullmatch(r"\w+", left.text()):
                return stmt, left.text()
    return None, None


def _direct_deref(family: str, call: SgNode) -> int | None:
    """The line of ``f(x).member`` / ``f(x)[i]``: the result dereferenced where it is produced."""
    parent = call.parent()
    if family == "js" and parent is not None and parent.kind() == "await_expression":
        call, parent = parent, parent.parent()
        if parent is not None and parent.kind() == "parenthesized_expression":
            call, parent = parent, parent.parent()
    if parent is None:
        return None
    if family == "js" and parent.kind() in {"member_expression", "subscript_expression"}:
        obj = parent.field("object")
        rest = parent.text()[len(call.text()):].lstrip()
        if obj is not None and obj.range().start.index == call.range().start.index and not rest.startswith("?."):
            return call.range().end.line
    if family == "java" and parent.kind() in {"method_invocation", "field_access"}:
        obj = parent.field("object")
        if obj is not None and obj.range().start.index == call.range().start.index:
            return call.range().end.line
    if family == "go" and parent.kind() == "selector_expression":
        operand = parent.field("operand")
        if operand is not None and operand.range().start.index == call.range().start.index:
            return call.range().end.line
    return None


def _first_deref(family: str, holder: SgNode, name: str, java_blocks: dict) -> int | None:
    if family == "java":
        use = java_nulls.first_use(holder, name, java_blocks)
        return use[0] if use is not None and use[1].startswith("dereferenced") else None
    owner = enclosing_function(holder, family)
    if owner is None:
        return None
    end = holder.range().end.line
    lines = owner.text().splitlines()
    first = end - owner.range().start.line + 1
    return first_unchecked_line(family, name, lines[first:], end + 1)


def first_unchecked_line(family: str, name: str, lines: list[str], start: int) -> int | None:
    """The first line after the declaration that mentions ``name``, when it dereferences it with no
    test on that line; a test, a fallback, a reassignment or a hand-over first ends the question."""
    n = re.escape(name)
    mention = re.compile(rf"(?<![\w$.]){n}(?![\w$])")
    if family == "js":
        deref = re.compile(rf"(?<![\w$.]){n}(\.[A-Za-z_$]|\[)")
        guard = re.compile(rf"\bif\b|\bwhile\b|\?\.|&&|\|\||\?\?|!\s*{n}\b|{n}\s*[!=]==?|[!=]==?\s*{n}\b|typeof|"
                           rf"\bassert\w*\(|\bexpect\(|\s\?\s|\bcatch\b|{n}\s*=[^=]")
    else:
        deref = re.compile(rf"(?<![\w.]){n}\.[A-Za-z_]")
        guard = re.compile(rf"\bif\b|\bswitch\b|&&|\|\||\bnil\b|{n}\s*:?=[^=]")
    for offset, line in enumerate(lines):
        code = re.sub(r"//.*$", "", line)
        if not mention.search(code):
            continue
        if guard.search(code) or not deref.search(code):
            return None
        return start + offset
    return None


_JS_MAP_DECL = re.compile(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*new\s+(?:Weak)?Map\(\s*\)")


def js_map_lookups(root: SgNode) -> list[NullDeref]:
    """``cache.get(key).field`` (or ``const v = cache.get(key); v.field``) on an empty ``new Map()``
    held in a variable, with no ``has`` / ``set`` of that map in the function: ``Map.prototype.get``
    answers undefined for a missing key. Maps held in fields are left alone: classes commonly fill
    them with a fixed set of keys in the constructor."""
    text = root.text()
    maps = set(_JS_MAP_DECL.findall(text))
    if not maps:
        return []
    out: list[NullDeref] = []
    for call in root.find_all(kind="call_expression"):
        function = call.field("function")
        if function is None or function.kind() != "member_expression":
            continue
        obj, prop = function.field("object"), function.field("property")
        if obj is None or prop is None or prop.text() != "get":
            continue
        name = obj.text()
        if name not in maps:
            continue
        owner = enclosing_function(call, "js")
        scope = owner.text() if owner is not None else text
        if re.search(rf"(?<![\w$]){re.escape(obj.text())}\.(?:has|set)\(", scope):
            continue  # the key's presence is established (or it was just stored)
        holder, variable = _holder("js", call)
        line = _direct_deref("js", call) if holder is None else _first_deref("js", holder, variable, {})
        if line is not None:
            out.append(NullDeref(line, f"{obj.text()}.get", variable, "a Map look-up"))
    return out
