"""JavaScript/TypeScript names that do not refer to what the code means: ``this`` inside a nested
plain function whose outer function saved ``this`` in an alias, and assignments to names nothing
in the file declares.

* ``var self = this; function clearTimer() { clearTimeout(this._timeout); self.off(...) }``: a
  function declared inside another one and called plainly gets its own ``this`` (undefined in
  strict code, the global object otherwise). The inner function itself uses the alias on other
  lines, so the author meant the outer object; the ``this`` line silently works on something else.
* ``totalEntries = 0;`` in a module that declares ``totalEntries`` nowhere: in strict code (ES
  modules, classes, ``'use strict'``) it throws ``ReferenceError``; in sloppy code it creates a
  global shared by every caller. Reported only in files that are modules (``import``/``export``,
  ``require``, ``module.exports``, ``'use strict'``) and that use neither ``eval`` nor ``with``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.bounds import code_text
from wfc_server.review.analysis.functions import enclosing_function

_ALIAS = re.compile(r"\b(?:var|let|const)\s+(self|that|_this|_self|me|thisObj|_that)\s*=\s*this\b")
_MODULE = re.compile(r"^\s*(?:import|export)\b|\brequire\(|\bmodule\.exports\b|\bexports\.\w+\s*=|['\"]use strict['\"]",
                     re.MULTILINE)
#: Globals of browsers, Node and test runners that code assigns on purpose or reads everywhere.
_GLOBALS = frozenset({
    "window", "document", "globalThis", "global", "self", "module", "exports", "process", "console", "location",
    "navigator", "localStorage", "sessionStorage", "history", "name", "status", "onload", "onerror", "onmessage",
    "__dirname", "__filename", "undefined", "NaN", "Infinity", "arguments",
})
_DECLARING = ("variable_declarator", "formal_parameters", "import_clause", "import_specifier", "namespace_import",
              "catch_clause", "for_in_statement", "function_declaration", "generator_function_declaration",
              "class_declaration", "function_expression", "function", "arrow_function", "enum_declaration",
              "internal_module", "ambient_declaration", "abstract_class_declaration", "class")
_NAME_KINDS = ("identifier", "shorthand_property_identifier_pattern")


@dataclass(frozen=True, slots=True)
class ScopeFact:
    line: int  # 0-based
    name: str  # the alias, or the undeclared name
    where: str  # the inner function's name, or the assignment as written


def this_beside_alias(root: SgNode) -> list[ScopeFact]:
    """``this.`` in a nested plain function that also uses the outer function's ``this`` alias."""
    if "this" not in root.text() or not _ALIAS.search(root.text()):
        return []
    out: list[ScopeFact] = []
    for inner in _plain_nested_functions(root):
        outer = enclosing_function(inner, "js")
        if outer is None:
            continue
        outer_code = code_text(outer)
        alias = _ALIAS.search(outer_code)
        body = inner.field("body")
        if alias is None or body is None:
            continue
        own = _own_code(body)
        name = alias.group(1)
        if not re.search(rf"(?<![\w$.]){name}\.", own):
            continue
        use = re.search(r"(?<![\w$.])this\.", own)
        if use is None:
            continue
        label = inner.field("name")
        line = body.range().start.line + own.count("\n", 0, use.start())
        out.append(ScopeFact(line, name, label.text() if label is not None else "function"))
    return out


def undeclared_assignments(root: SgNode) -> list[ScopeFact]:
    """``x = ...`` statements whose ``x`` no declaration, parameter or import in scope names (the
    first such assignment per name and function)."""
    text = root.text()
    if not _MODULE.search(text) or re.search(r"\beval\s*\(|\bwith\s*\(|/\*\s*global\b", text):
        return []
    candidates: list[tuple[SgNode, SgNode, SgNode]] = []
    for stmt in root.find_all(kind="expression_statement"):
        expr = next((c for c in stmt.children() if c.is_named()), None)
        if expr is None or expr.kind() not in {"assignment_expression", "augmented_assignment_expression"}:
            continue
        left = expr.field("left")
        if left is not None and left.kind() == "identifier" and left.text() not in _GLOBALS:
            candidates.append((stmt, expr, left))
    if not candidates:
        return []
    declared = _declared_names(root, {left.text() for _, _, left in candidates})
    reported: set[tuple[str, int]] = set()
    out: list[ScopeFact] = []
    for stmt, expr, left in candidates:
        at = stmt.range().start.index
        func = enclosing_function(stmt, "js")
        key = (left.text(), func.range().start.index if func is not None else -1)
        if key not in reported and not any(start <= at < end for start, end in declared.get(left.text(), ())):
            reported.add(key)
            out.append(ScopeFact(stmt.range().start.line, left.text(), " ".join(expr.text().split())[:60]))
    return out


def _plain_nested_functions(root: SgNode) -> list[SgNode]:
    """Function declarations inside another function, and function expressions stored in a local:
    both are called as plain functions (methods, callbacks and property values are left alone)."""
    out = []
    for kind in ("function_declaration", "function_expression", "function"):
        try:
            nodes = root.find_all(kind=kind)
        except RuntimeError:
            continue
        for node in nodes:
            if enclosing_function(node, "js") is None:
                continue
            parent = node.parent()
            if kind == "function_declaration" or (parent is not None and parent.kind() == "variable_declarator"):
                out.append(node)
    return out


def _own_code(body: SgNode) -> str:
    """``body``'s code with nested non-arrow functions blanked (they have their own ``this``)."""
    code = list(code_text(body))
    base = body.range().start.index
    for kind in ("function_declaration", "function_expression", "function", "method_definition"):
        try:
            nodes = body.find_all(kind=kind)
        except RuntimeError:
            continue
        for node in nodes:
            r = node.range()
            for i in range(r.start.index - base, min(r.end.index - base, len(code))):
                if code[i] != "\n":
                    code[i] = " "
    return "".join(code)


def _declared_names(root: SgNode, wanted: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Every declared name with the ranges (byte offsets) of the scopes it is visible in: the block
    of a ``let``/``const``/class/function declaration, the function of a ``var`` or a parameter, the
    file for an import."""
    names: dict[str, list[tuple[int, int]]] = {}
    for kind in _DECLARING:
        try:
            nodes = root.find_all(kind=kind)
        except RuntimeError:
            continue
        for node in nodes:
            if not any(name in _declaring_text(node, kind) for name in wanted):
                continue
            targets, scope = _declaration(node, kind, root)
            if scope is None:
                continue
            r = scope.range()
            for top in targets:
                found = [top] if top.kind() in _NAME_KINDS else []
                for kind_name in _NAME_KINDS:
                    found += top.find_all(kind=kind_name)
                for name in found:
                    if name.text() in wanted:
                        names.setdefault(name.text(), []).append((r.start.index, r.end.index))
    return names


def _declaring_text(node: SgNode, kind: str) -> str:
    """The part of a declaring node that can name something (not a function's or class's body)."""
    if kind in {"variable_declarator", "formal_parameters", "import_clause", "import_specifier", "namespace_import",
                "ambient_declaration"}:
        return node.text()
    parts = [node.field(f) for f in ("name", "parameters", "parameter", "left")]
    return " ".join(p.text() for p in parts if p is not None)


def _declaration(node: SgNode, kind: str, root: SgNode) -> tuple[list[SgNode], SgNode | None]:
    """The nodes holding the declared names, and the node whose range is their scope."""
    if kind == "variable_declarator":
        target, decl = node.field("name"), node.parent()
        if target is None or decl is None:
            return [], None
        if decl.kind() == "variable_declaration":  # var: the whole function
            return [target], enclosing_function(node, "js") or root
        return [target], decl.parent() or root
    if kind in {"formal_parameters"}:
        return [node], node.parent() or root
    if kind == "arrow_function":
        single = node.field("parameter")
        return ([single] if single is not None else []), node
    if kind in {"function_expression", "function", "class"}:
        label = node.field("name")
        return ([label] if label is not None else []), node
    if kind in {"function_declaration", "generator_function_declaration", "class_declaration",
                "abstract_class_declaration", "enum_declaration", "internal_module"}:
        label = node.field("name")
        return ([label] if label is not None else []), node.parent() or root
    if kind in {"for_in_statement", "catch_clause"}:
        target = node.field("left") if kind == "for_in_statement" else node.field("parameter")
        return ([target] if target is not None else []), node
    return [node], root  # imports and ambient declarations: the whole file
