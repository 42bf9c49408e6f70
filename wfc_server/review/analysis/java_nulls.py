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

import bisect
import functools
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
    blocks: dict[int, _Block] = {}
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
            use = _first_use(decl, name, blocks)
            if use is not None:
                out.append(NullableUse(use[0], name, call, use[1]))
    return out


def direct_map_derefs(root: SgNode) -> list[NullableUse]:
    """``users.get(id).getName()``: a map look-up (or ``Properties.getProperty`` without a default)
    dereferenced in the same expression, with no ``containsKey`` / ``put`` of that map in the method."""
    text = root.text()
    if ".get(" not in text and ".getProperty(" not in text:
        return []
    maps = {m.group(1) for m in _MAP_DECL.finditer(text)}
    out: list[NullableUse] = []
    for call in root.find_all(kind="method_invocation"):
        obj = call.field("object")
        if obj is None or obj.kind() != "method_invocation":
            continue
        method = obj.field("name")
        args = obj.field("arguments")
        if method is None or args is None or "," in args.text():
            continue
        if method.text() == "getProperty" and _map_receiver(obj, maps) or (
                method.text() == "get" and _map_get(obj, maps)):
            if not _checked_before(call, obj.text().replace(".getProperty(", ".get(")):
                out.append(NullableUse(obj.range().end.line, obj.text(), obj.text(), "dereferenced"))
    return out


def _map_receiver(call: SgNode, maps: set[str]) -> bool:
    obj = call.field("object")
    return obj is not None and obj.text().removeprefix("this.") in maps


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


@functools.lru_cache(maxsize=1024)
def _null_test(name: str) -> re.Pattern[str]:
    n = re.escape(name)
    return re.compile(
        rf"\b{n}\s*[!=]=\s*null\b|\bnull\s*[!=]=\s*{n}\b|\b(Objects\.\w+|Optional\.\w+|requireNonNull|"
        rf"isEmpty|isBlank|isNotEmpty|isNotBlank|hasText|hasLength|isNull|nonNull|notNull|defaultIfNull|"
        rf"firstNonNull|nullToEmpty|ofNullable|valueOf)\(\s*{n}\b|\b{n}\s+instanceof\b")


class _Block:
    """The statements of one block, their string-blanked texts and which statements mention each
    identifier: built once, so following a variable costs only the statements that name it."""

    def __init__(self, parent: SgNode) -> None:
        self.statements = [c for c in parent.children()
                           if c.is_named() and c.kind() not in {"line_comment", "block_comment"}]
        self.position = {c.range().start.index: i for i, c in enumerate(self.statements)}
        self.texts = [_blank_strings(c.text()) for c in self.statements]
        self.mentions: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for token in set(_TOKEN.findall(text)):
                self.mentions.setdefault(token, []).append(i)

    def after(self, node: SgNode, name: str) -> list[int]:
        """Indexes of the statements after ``node`` that mention ``name``, in order."""
        here = self.position.get(node.range().start.index)
        if here is None:
            return []
        found = self.mentions.get(name, [])
        return found[bisect.bisect_right(found, here):]


def _block(node: SgNode, blocks: dict[int, _Block]) -> _Block | None:
    parent = node.parent()
    if parent is None:
        return None
    key = parent.range().start.index * 31 + parent.range().end.index
    if key not in blocks:
        blocks[key] = _Block(parent)
    return blocks[key]


def _first_use(decl: SgNode, name: str, blocks: dict[int, _Block],
               tested_already: bool = False) -> tuple[int, str] | None:
    """The line and kind of the first statement after ``decl`` (same block) that mentions
    ``name``, when that mention dereferences it without a null test first.

    A null test that does not stop the null path (``if (v != null && ...) {...}``, a ternary) says
    the value can be null, so the search goes on past it: a later unguarded dereference is the bug
    the author's own test points at. A guard (``if (v == null) return;``), a reassignment or a hand-
    over to another call ends it."""
    block = _block(decl, blocks)
    if block is None:
        return None
    token = re.compile(rf"(?<![\w$.]){re.escape(name)}(?![\w$])")
    tested = _null_test(name)
    for index in block.after(decl, name):
        sibling, text = block.statements[index], block.texts[index]
        first = token.search(text)
        if first is None:
            continue
        if tested.search(text):
            if _guards(sibling, name, text):
                return None
            tested_already = True
            continue
        rest = text[first.end():]
        before = text[:first.start()]
        line = sibling.range().start.line + text[:first.start()].count("\n")
        after = " after a null test that does not stop the null path" if tested_already else ""
        if re.match(r"\s*=(?!=)", rest):
            return None  # reassigned before any use
        if re.match(r"\s*\.\s*[A-Za-z_$]", rest) or re.match(r"\s*\[", rest):
            if tested_already and before.count("{") > before.count("}"):
                return None  # inside a loop / branch of its own: its condition may well exclude null
            if re.search(r"@SuppressWarnings\([^)]*\"null\"", sibling.text()):
                return None  # the author has reasoned that it cannot be null here
            return line, "dereferenced" + after
        if re.search(r"\bswitch\s*\(\s*$", before):
            return line, "switched on" + after
        if re.search(r"\bfor\s*\([^;()]*:\s*$", before):
            return line, "iterated" + after
        if tested_already and not re.match(r"\s*return\b", text):
            continue  # handed to a call: still possibly null for what follows
        return None  # passed to a call, returned, compared: whoever receives it decides
    return None


def first_use(decl: SgNode, name: str, blocks: dict[int, _Block]) -> tuple[int, str] | None:
    """The first unguarded use of local ``name`` declared by ``decl`` (see :func:`_first_use`); for
    callers that know from elsewhere that the value may be null (a helper that returns null)."""
    return _first_use(decl, name, blocks)


def _guards(stmt: SgNode, name: str, text: str) -> bool:
    """Whether a statement that tests ``name`` for null leaves it non-null for what follows: an
    ``if (v == null)`` that returns / throws / assigns, an else branch that does, an assert or a
    ``requireNonNull``."""
    n = re.escape(name)
    if stmt.kind() != "if_statement":
        return bool(re.search(rf"requireNonNull\(\s*{n}\b|^\s*assert\b|^\s*{n}\s*=(?!=)", text))
    condition = stmt.field("condition")
    cond = condition.text() if condition is not None else ""
    exits = re.compile(rf"\b(return|throw|continue|break)\b|\b{n}\s*=(?!=)")
    then, other = stmt.field("consequence"), stmt.field("alternative")
    if re.search(rf"\b{n}\s*==\s*null|\bnull\s*==\s*{n}\b|\b(isEmpty|isBlank|isNull)\(\s*{n}\b", cond):
        return then is not None and exits.search(then.text()) is not None
    return other is not None and exits.search(other.text()) is not None


def inconsistent_checks(root: SgNode) -> list[NullableUse]:
    """``if (v != null) {...}`` (no exit on null) followed in the same block by ``v.m()``: the code
    says ``v`` can be null and then dereferences it anyway. Locals and parameters only."""
    blocks: dict[int, _Block] = {}
    scopes: dict[int, tuple[bool, frozenset[str]]] = {}
    out: list[NullableUse] = []
    for stmt in root.find_all(kind="if_statement"):
        parent = stmt.parent()
        if parent is None or parent.kind() not in {"block", "constructor_body", "switch_block_statement_group"}:
            continue
        condition = stmt.field("condition")
        cond = condition.text() if condition is not None else ""
        names = set(re.findall(r"(?<![\w$.])([a-z_$][\w$]*)\s*[!=]=\s*null\b", cond))
        if not names:
            continue
        suppressed, variables = _scope_facts(stmt, scopes)
        if suppressed:
            continue
        for name in names & variables:
            if _guards(stmt, name, _blank_strings(stmt.text())):
                continue
            use = _first_use(stmt, name, blocks, tested_already=True)
            if use is not None:
                out.append(NullableUse(use[0], name, cond.strip("() "), use[1]))
    return out


def _scope_facts(node: SgNode, scopes: dict[int, tuple[bool, frozenset[str]]]) -> tuple[bool, frozenset[str]]:
    """For the method around ``node`` (once per method): whether it carries
    ``@SuppressWarnings("null")`` (the author has reasoned about it), and its parameter and local
    variable names."""
    scope = node.parent()
    while scope is not None and scope.kind() not in {"method_declaration", "constructor_declaration",
                                                     "lambda_expression"}:
        scope = scope.parent()
    if scope is None:
        return True, frozenset()
    key = scope.range().start.index
    if key not in scopes:
        head = scope.text()[:300]
        suppressed = scope.kind() != "lambda_expression" and '"null"' in head and "SuppressWarnings" in head
        params = scope.field("parameters")
        names = set(re.findall(r"([A-Za-z_$][\w$]*)\s*(?:[,)]|$)", params.text())) if params is not None else set()
        names |= {d.field("name").text() for d in scope.find_all(kind="variable_declarator")
                  if d.field("name") is not None}
        scopes[key] = (suppressed, frozenset(names))
    return scopes[key]


_TOKEN = re.compile(r"[A-Za-z_$][\w$]*")
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _blank_strings(text: str) -> str:
    return _STRING.sub(lambda m: '"' + " " * (len(m.group(0)) - 2) + '"', text)
