"""Prototype pollution by structure: key-by-key writes that can reach ``Object.prototype``.

Most prototype-pollution advisories in JavaScript libraries are one of two hand-written helpers,
whatever the data that later reaches them:

* a **deep merge / clone / extend** that loops over the keys of its source object and recurses
  into ``target[key]`` (``merge(target[key], source[key])``): a source parsed from JSON with a
  ``"__proto__"`` key makes ``target[key]`` *be* ``Object.prototype``, and the next level writes
  into it;
* a **path setter** (``set(obj, "a.b.c", value)``) that walks ``cur = cur[part]`` and writes
  ``cur[last] = value``: the path ``"__proto__.isAdmin"`` writes onto every object.

Either one is safe only with a guard on the key (``__proto__`` / ``constructor`` / ``prototype``
rejected, an own-property or allow-list check) or a prototype-less target. This module finds the
helpers and the write that lacks the guard; no rule id lives here (the caller reports it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

#: A guard on the key, or a target without a prototype, anywhere in the helper.
_GUARD = re.compile(
    r"__proto__|['\"`]constructor['\"`]|['\"`]prototype['\"`]|Object\.create\(\s*null\s*\)|"
    r"\b(is|check)(Safe|Valid|Allowed|Dangerous|Unsafe|Forbidden|Prototype|Proto)\w*\(|"
    r"(?i:(forbidden|blocked|dangerous|unsafe|reserved|banned|denied)_?keys)|\bnew Map\(|\bdefineProperty\(")
_FUNCTION_KINDS = ("function_declaration", "function_expression", "arrow_function", "method_definition",
                   "generator_function_declaration")
#: ``x.split('.')``-style path parsing, or a parameter that names a key path.
_PATH_PARAM = re.compile(r"\.split\(\s*(['\"`])[./]\1|\b(path|keyPath|keypath|keys|segments|parts|prop(erty)?Path)\b")


@dataclass(frozen=True, slots=True)
class KeyWrite:
    line: int  # 0-based
    function: str
    kind: str  # "merge" or "path"


def unguarded_key_writes(root: SgNode) -> list[KeyWrite]:
    """Every deep-merge / path-setter write without a prototype guard, one per helper."""
    out: list[KeyWrite] = []
    for kind in _FUNCTION_KINDS:
        for func in root.find_all(kind=kind):
            text = func.text()
            if "[" not in text or _GUARD.search(text):
                continue
            name = _function_name(func)
            write = _merge_write(func, name) if name else None
            if write is None:
                write = _path_write(func)
            if write is not None:
                out.append(KeyWrite(write[0], name or "(anonymous)", write[1]))
    return out


def _function_name(func: SgNode) -> str:
    name = func.field("name")
    if name is not None:
        return name.text()
    parent = func.parent()
    if parent is not None and parent.kind() == "variable_declarator":
        target = parent.field("name")
        return target.text() if target is not None else ""
    if parent is not None and parent.kind() == "pair":
        key = parent.field("key")
        return key.text().strip("'\"") if key is not None else ""
    return ""


def _loop_keys(func: SgNode) -> list[tuple[SgNode, str]]:
    """(loop body, key variable) for ``for (k in src)``, ``for (k of Object.keys(src))``,
    ``for ([k, v] of Object.entries(src))`` and ``Object.keys(src).forEach((k) => ...)``."""
    found: list[tuple[SgNode, str]] = []
    for loop in func.find_all(kind="for_in_statement"):
        left, right, body = loop.field("left"), loop.field("right"), loop.field("body")
        if left is None or body is None:
            continue
        is_in = any(c.text() == "in" for c in loop.children() if not c.is_named())
        right_text = right.text() if right is not None else ""
        if not is_in and not re.match(r"Object\.(keys|entries|getOwnPropertyNames)\(|Reflect\.ownKeys\(",
                                      right_text):
            continue
        m = re.search(r"[A-Za-z_$][\w$]*", left.text().replace("const", "").replace("let", "").replace("var", ""))
        if m:
            found.append((body, m.group(0)))
    for call in func.find_all(kind="call_expression"):
        callee = call.field("function")
        if callee is None or not re.match(r"Object\.(keys|entries)\(.*\)\.forEach$", callee.text(), re.DOTALL):
            continue
        args = call.field("arguments")
        cb = next((a for a in args.children() if a.is_named()), None) if args is not None else None
        if cb is None or cb.kind() not in {"arrow_function", "function_expression", "function"}:
            continue
        params = cb.field("parameters") or cb.field("parameter")
        m = re.search(r"[A-Za-z_$][\w$]*", params.text() if params is not None else "")
        body = cb.field("body")
        if m and body is not None:
            found.append((body, m.group(0)))
    return found


def _parameters(func: SgNode) -> set[str]:
    params = func.field("parameters") or func.field("parameter")
    if params is None:
        return set()
    return {m.group(0) for m in re.finditer(r"(?<![.\w$])[A-Za-z_$][\w$]*", re.sub(r":[^,)=]+", "", params.text()))}


def _merge_write(func: SgNode, name: str) -> tuple[int, str] | None:
    """A key loop that recurses into the target's ``target[key]`` and writes ``target[key] = <value>``
    into an object the caller passed in (a fresh local ``{}`` only gets its own prototype swapped)."""
    params = _parameters(func)
    call = rf"(?:(?<![\w$.]){re.escape(name)}|\bthis\.{re.escape(name)})\s*\("
    for body, key in _loop_keys(func):
        text = body.text()
        k = re.escape(key)
        descends = [m for m in re.finditer(rf"{call}[^;]*?\b([A-Za-z_$][\w$]*)\s*\[\s*{k}\s*\]", text)
                    if m.group(1) in params]
        if not descends:
            continue
        for node in body.find_all(kind="assignment_expression"):
            left, right = node.field("left"), node.field("right")
            if left is None or right is None or left.kind() != "subscript_expression":
                continue
            index, obj = left.field("index"), left.field("object")
            if index is None or index.text() != key or obj is None or obj.text() not in params:
                continue
            if right.kind() in {"object", "array", "string", "number", "true", "false", "null"}:
                continue  # `target[key] = {}` prepares the next level; the copy is the write
            return node.range().start.line, "merge"
    return None


def _path_write(func: SgNode) -> tuple[int, str] | None:
    """``cur = cur[part]`` walking a key path, then ``cur[last] = value``."""
    text = func.text()
    params = func.field("parameters") or func.field("parameter")
    if params is None or not _PATH_PARAM.search(text):
        return None
    walk = re.search(r"\b([A-Za-z_$][\w$]*)\s*=\s*\1\s*\[\s*([A-Za-z_$][\w$.]*|[\w$]+\[[^\]]+\])\s*\]", text)
    if walk is None:
        return None
    cursor = walk.group(1)
    for node in func.find_all(kind="assignment_expression"):
        left, right = node.field("left"), node.field("right")
        if left is None or right is None or left.kind() != "subscript_expression":
            continue
        obj, index = left.field("object"), left.field("index")
        if obj is None or index is None or obj.text() != cursor or index.kind() in {"string", "number"}:
            continue
        if right.kind() in {"object", "array"}:
            continue  # creates the next level while walking
        return node.range().start.line, "path"
    return None
