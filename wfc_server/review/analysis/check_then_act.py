"""Check-then-act on a concurrent map: a look-up, then a write that depends on it, not atomic.

A ``ConcurrentHashMap`` (Java) or ``sync.Map`` (Go) makes each call atomic, not the sequence:
``if (!cache.containsKey(k)) cache.put(k, load(k));`` lets two threads both see "absent" and both
write (the second overwrites the first one's value, which a caller may already hold), and
``v := m.Load(k); if !ok { m.Store(k, x) }`` the same. The map's type says the author expects
concurrent callers, so the race is not hypothetical; the atomic forms exist (``computeIfAbsent``,
``putIfAbsent``, ``merge``, ``LoadOrStore``). Inside ``synchronized`` nothing is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

_JAVA_MAP_FIELD = re.compile(r"\b(?:Concurrent\w*Map)\s*(?:<[^;=()]*>)?\s+([A-Za-z_$][\w$]*)\s*[;=]")
_GO_SYNC_MAP = re.compile(r"(?m)^\s*(?:var\s+)?([A-Za-z_]\w*)\s+\*?sync\.Map\b|\b([A-Za-z_]\w*)\s*(?::=|=)\s*"
                          r"(?:&sync\.Map\{\}|new\(sync\.Map\))")


@dataclass(frozen=True, slots=True)
class CheckThenAct:
    line: int  # 0-based line of the check
    map_name: str
    check: str
    act: str


def java_check_then_act(root: SgNode) -> list[CheckThenAct]:
    text = root.text()
    maps = set(_JAVA_MAP_FIELD.findall(text))
    if not maps:
        return []
    out: list[CheckThenAct] = []
    for stmt in root.find_all(kind="if_statement"):
        condition, then = stmt.field("condition"), stmt.field("consequence")
        if condition is None or then is None or _synchronized(stmt):
            continue
        cond = condition.text()
        for name in maps:
            m = re.escape(name)
            ref = rf"(?:this\.)?{m}"
            key = None
            check = re.search(rf"!\s*{ref}\.containsKey\(\s*([^()]+?)\s*\)|{ref}\.get\(\s*([^()]+?)\s*\)\s*==\s*null", cond)
            if check is not None:
                key = check.group(1) or check.group(2)
            else:
                held = re.fullmatch(r"\s*\(?\s*([A-Za-z_$][\w$]*)\s*==\s*null\s*\)?\s*", cond)
                if held is not None:
                    key = _java_held_key(stmt, held.group(1), ref)
            if key is None:
                continue
            act = re.search(rf"{ref}\.put\(\s*{re.escape(key)}\s*,", then.text())
            if act is not None:
                out.append(CheckThenAct(stmt.range().start.line, name, cond.strip("() "), act.group(0) + " ...)"))
    return out


def _java_held_key(stmt: SgNode, variable: str, ref: str) -> str | None:
    """``V v = map.get(k);`` just before ``if (v == null)``: the key looked up, else None."""
    previous = stmt.prev()
    while previous is not None and previous.kind() in {"line_comment", "block_comment"}:
        previous = previous.prev()
    if previous is None:
        return None
    m = re.search(rf"\b{re.escape(variable)}\s*=\s*{ref}\.get\(\s*([^()]+?)\s*\)\s*;", previous.text())
    return m.group(1) if m else None


def _synchronized(node: SgNode) -> bool:
    for anc in node.ancestors():
        if anc.kind() == "synchronized_statement":
            return True
        if anc.kind() == "method_declaration":
            head = anc.text().split("(", 1)[0]
            return re.search(r"\bsynchronized\b", head) is not None
    return False


def go_check_then_act(root: SgNode) -> list[CheckThenAct]:
    text = root.text()
    maps = {a or b for a, b in _GO_SYNC_MAP.findall(text)}
    if not maps:
        return []
    out: list[CheckThenAct] = []
    for stmt in root.find_all(kind="if_statement"):
        then = stmt.field("consequence")
        condition = stmt.field("condition")
        if then is None or condition is None:
            continue
        head = stmt.text()[: then.range().start.index - stmt.range().start.index]
        ok = re.fullmatch(r"\s*!\s*(\w+)\s*", condition.text())
        if ok is None:
            continue
        previous = stmt.prev()
        context = head + "\n" + (previous.text() if previous is not None else "")
        for name in maps:
            ref = rf"(?:\w+\.)?{re.escape(name)}"
            load = re.search(rf"\b{re.escape(ok.group(1))}\s*:?=\s*{ref}\.Load\(\s*([^()]+?)\s*\)", context)
            if load is None:
                continue
            store = re.search(rf"{ref}\.Store\(\s*{re.escape(load.group(1))}\s*,", then.text())
            if store is not None:
                out.append(CheckThenAct(stmt.range().start.line, name, f"{name}.Load({load.group(1)})",
                                        store.group(0) + " ...)"))
    return out
