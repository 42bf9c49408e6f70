"""Go values that are nil (or panic) on a path the code does not consider.

* ``header = opts["header"].(string)``: a single-value type assertion on a map lookup panics when
  the key is missing (the lookup yields a nil interface) or holds another type; the two-value form
  ``v, ok := m[k].(string)`` is the one that can fail gracefully.
* ``var w *gzip.Writer`` and later ``w.Close()`` in a function that never assigns ``w`` (nor takes
  its address): the pointer is still nil at the call, typically because a closure built the value
  and returned it instead of storing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode


@dataclass(frozen=True, slots=True)
class NilFact:
    line: int  # 0-based
    name: str  # the map lookup asserted, or the variable
    what: str  # the assertion as written, or the dereference


def asserted_map_lookups(root: SgNode) -> list[NilFact]:
    """``m[k].(T)`` in its single-value form (not ``v, ok :=``, not a type switch)."""
    if ".(" not in root.text():
        return []
    out: list[NilFact] = []
    for node in root.find_all(kind="type_assertion_expression"):
        operand = next((c for c in node.children() if c.is_named()), None)
        if operand is None or operand.kind() != "index_expression":
            continue
        holder = node.parent()
        stmt = holder.parent() if holder is not None and holder.kind() == "expression_list" else holder
        if stmt is not None and stmt.kind() in {"short_var_declaration", "assignment_statement", "var_spec"}:
            left = stmt.field("left") or stmt.field("name")
            right = stmt.field("right") or stmt.field("value")
            if left is not None and right is not None and "," in left.text() and "," not in right.text():
                continue  # v, ok := m[k].(T)
        if stmt is not None and stmt.kind() == "type_switch_statement":
            continue
        mapping = operand.field("operand")
        out.append(NilFact(node.range().start.line, mapping.text() if mapping is not None else operand.text(),
                           " ".join(node.text().split())[:60]))
    return out


def never_assigned_pointers(root: SgNode) -> list[NilFact]:
    """``var x *T`` (no value) dereferenced in a function that never assigns ``x`` nor takes ``&x``."""
    if "var " not in root.text():
        return []
    out: list[NilFact] = []
    for kind in ("function_declaration", "method_declaration", "func_literal"):
        for func in root.find_all(kind=kind):
            body = func.field("body")
            if body is None:
                continue
            text = body.text()
            for spec in body.find_all(kind="var_spec"):
                name, typ = spec.field("name"), spec.field("type")
                if name is None or typ is None or typ.kind() != "pointer_type" or spec.field("value") is not None:
                    continue
                if _owner(spec) != func:
                    continue
                n = re.escape(name.text())
                if re.search(rf"(?<![\w.]){n}\s*(?:,[^=\n]*)?=(?!=)|&\s*{n}\b|,\s*{n}\s*(?:,[^=\n]*)?:?=(?!=)", text):
                    continue
                use = re.search(rf"(?<![\w.]){n}\.\w+", text)
                if use is None:
                    continue
                line = body.range().start.line + text.count("\n", 0, use.start())
                out.append(NilFact(line, name.text(), use.group(0)))
    return out


def _owner(node: SgNode) -> SgNode | None:
    cur = node.parent()
    while cur is not None and cur.kind() not in {"function_declaration", "method_declaration", "func_literal"}:
        cur = cur.parent()
    return cur
