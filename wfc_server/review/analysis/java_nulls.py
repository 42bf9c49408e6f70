"""Java values that may be null, followed to their first use in the same block.

``String v = params.get(key);`` then ``v.trim()`` two lines later: ``Map.get`` answers null for a
missing key, ``getParameter`` / ``getHeader`` for an absent one, ``System.getenv`` for an unset
variable, ``getResource`` for a missing file and ``File.listFiles`` for an unreadable directory.
The first statement after the declaration that mentions the variable decides: a null test there
(or a reassignment, or handing it to another call) ends the question; a dereference, a ``switch``
over it, a for-each over it, or unboxing it into a primitive is a NullPointerException waiting for
the first input without the key. Tree-sitter gives the blocks; the statements are judged by text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

#: Receivers (pattern) and methods that return null when the thing asked for is absent.
_NULLABLE = (
    (re.compile(r"\w*[rR]equest|req"), frozenset({"getParameter", "getHeader", "getQueryString", "getPathInfo",
                                                  "getCookies"})),
    (re.compile(r"System"), frozenset({"getenv", "getProperty"})),
    (re.compile(r".*(getClass\(\)|\.class|[cC]lass[lL]oader(\(\))?|[lL]oader)"),
     frozenset({"getResource", "getResourceAsStream"})),
    (re.compile(r".*"), frozenset({"listFiles"})),
    (re.compile(r"\w*[sS]ession"), frozenset({"getAttribute"})),
)
#: System properties every JVM defines.
_STANDARD_PROPERTY = re.compile(r'"(java|user|os|file|line|path)\.')
#: Map-like declarations: ``Map<String, User> users`` / ``Properties props`` / ``HashMap<..> m =``.
_MAP_DECL = re.compile(r"\b(?:\w*Map|Properties|Hashtable|Dictionary)\s*(?:<[^;=()]*>)?\s+([A-Za-z_$][\w$]*)\s*[;=,)]")
_PRIMITIVE = re.compile(r"^(?:final\s+)?(int|long|double|float|boolean|short|byte|char)$")


@dataclass(frozen=True, slots=True)
class NullableUse:
    line: int  # 0-based line of the use
    name: str
    call: str  # the call whose result may be null, as written
    how: str  # "dereferenced", "unboxed", ...


def unchecked_uses(root: SgNode) -> list[NullableUse]:
    """Every first use of a possibly-null local that does not test it for null first."""
    maps = {m.group(1) for m in _MAP_DECL.finditer(root.text())}
    out: list[NullableUse] = []
    for decl in root.find_all(kind="local_variable_declaration"):
        type_node = decl.field("type")
        for declarator in (c for c in decl.children() if c.kind() == "variable_declarator"):
            name_node, value = declarator.field("name"), declarator.field("value")
            if name_node is None or value is None or value.kind() != "method_invocation":
                continue
            call = value.text()
            if not _nullable(call, value, maps) or _checked_before(decl, call):
                continue
            name = name_node.text()
            if type_node is not None and _PRIMITIVE.match(type_node.text()) and _map_get(value, maps):
                out.append(NullableUse(decl.range().start.line, name, call, "unboxed into a primitive"))
                continue
            use = _first_use(decl, name)
            if use is not None:
                out.append(NullableUse(use[0], name, call, use[1]))
    return out


def _map_get(value: SgNode, maps: set[str]) -> bool:
    obj, method = value.field("object"), value.field("name")
    return obj is not None and method is not None and method.text() == "get" and (
        obj.text().removeprefix("this.") in maps)


def _nullable(call: str, value: SgNode, maps: set[str]) -> bool:
    """Whether ``value`` (the declared initialiser) is itself a call that may answer null."""
    args = value.field("arguments")
    arg_text = args.text() if args is not None else "()"
    if _map_get(value, maps):
        return "," not in arg_text
    obj, method = value.field("object"), value.field("name")
    if obj is None or method is None:
        return False
    if method.text() in {"getenv", "getProperty"} and ("," in arg_text or _STANDARD_PROPERTY.search(arg_text)):
        return False  # a default is given, or a property the JVM always sets
    if method.text() == "listFiles" and arg_text.strip("() "):
        return False
    return any(receiver.fullmatch(obj.text()) and method.text() in methods for receiver, methods in _NULLABLE)


def _checked_before(decl: SgNode, call: str) -> bool:
    """``if (m.containsKey(k))`` / ``m.put(k, ...)`` around the look-up: the key is known present."""
    receiver = call.split(".get(")[0] if ".get(" in call else None
    if receiver is None:
        return False
    scope = decl.parent()
    while scope is not None and scope.kind() not in {"method_declaration", "constructor_declaration",
                                                     "lambda_expression"}:
        scope = scope.parent()
    text = scope.text() if scope is not None else ""
    return re.search(rf"{re.escape(receiver)}\.(containsKey|put|putIfAbsent|computeIfAbsent|keySet|entrySet)\(",
                     text) is not None


def _null_test(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(
        rf"\b{n}\s*[!=]=\s*null\b|\bnull\s*[!=]=\s*{n}\b|\b(Objects\.\w+|Optional\.\w+|requireNonNull|"
        rf"isEmpty|isBlank|isNotEmpty|isNotBlank|hasText|hasLength|isNull|nonNull|notNull|defaultIfNull|"
        rf"firstNonNull|nullToEmpty|ofNullable|valueOf)\(\s*{n}\b|\b{n}\s+instanceof\b")


def _first_use(decl: SgNode, name: str) -> tuple[int, str] | None:
    """The line and kind of the first statement after ``decl`` (same block) that mentions
    ``name``, when that mention dereferences it without a null test first."""
    token = re.compile(rf"(?<![\w$.]){re.escape(name)}(?![\w$])")
    tested = _null_test(name)
    sibling = decl.next()
    while sibling is not None:
        if not sibling.is_named() or sibling.kind() in {"line_comment", "block_comment"}:
            sibling = sibling.next()
            continue
        text = _blank_strings(sibling.text())
        first = token.search(text)
        if first is None:
            sibling = sibling.next()
            continue
        if tested.search(text):
            return None
        rest = text[first.end():]
        before = text[:first.start()]
        line = sibling.range().start.line + text[:first.start()].count("\n")
        if re.match(r"\s*=(?!=)", rest):
            return None  # reassigned before any use
        if re.match(r"\s*\.\s*[A-Za-z_$]", rest) or re.match(r"\s*\[", rest):
            return line, "dereferenced"
        if re.search(r"\bswitch\s*\(\s*$", before):
            return line, "switched on"
        if re.search(r"\bfor\s*\([^;()]*:\s*$", before):
            return line, "iterated"
        return None  # passed to a call, returned, compared: whoever receives it decides
    return None


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _blank_strings(text: str) -> str:
    return _STRING.sub(lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)
