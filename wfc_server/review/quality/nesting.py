"""Nesting depth of control flow per function (lizard's own nesting count is not reliable).

``elif`` / ``else if`` chains count as one level, as a reader sees them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from wfc_server.review.model import SourceFile
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.sg_common import FUNCTION_KINDS, find_kind, line_of, root_for

_PY_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try,
              ast.Match)
_SG_BLOCKS = frozenset({
    "if_statement", "for_statement", "for_in_statement", "while_statement", "do_statement",
    "switch_statement", "try_statement", "enhanced_for_statement", "expression_switch_statement",
    "type_switch_statement", "select_statement", "try_with_resources_statement",
})


@dataclass(frozen=True, slots=True)
class Deepest:
    function: str
    depth: int
    line: int


def deepest_per_function(source: SourceFile, text: str | None = None) -> dict[str, Deepest]:
    """Function name -> its deepest control-flow nesting (only functions with any nesting)."""
    text = source.text if text is None else text
    if source.language == "python":
        return _python(text)
    probe = SourceFile(path=source.path, language=source.language, text=text,
                       added_lines=source.added_lines)
    root = root_for(probe)
    if root is None:
        return {}
    out: dict[str, Deepest] = {}
    for kind in FUNCTION_KINDS:
        for func in find_kind(root, kind):
            name_node = func.field("name")
            name = name_node.text() if name_node is not None else f"<anonymous@{line_of(func)}>"
            best = Deepest(name, 0, line_of(func))
            for block_kind in _SG_BLOCKS:
                for node in find_kind(func, block_kind):
                    depth = 0
                    for anc in [node, *node.ancestors()]:
                        if anc.kind() in FUNCTION_KINDS:
                            break
                        if anc.kind() in _SG_BLOCKS and not _is_else_if(anc):
                            depth += 1
                    if depth > best.depth:
                        best = Deepest(name, depth, line_of(node))
            if best.depth and (name not in out or out[name].depth < best.depth):
                out[name] = best
    return out


def _is_else_if(node: object) -> bool:
    parent = node.parent()  # type: ignore[attr-defined]
    if node.kind() != "if_statement" or parent is None:  # type: ignore[attr-defined]
        return False
    if parent.kind() == "else_clause":
        return True
    alternative = parent.field("alternative") if parent.kind() == "if_statement" else None
    return alternative is not None and alternative.range() == node.range()  # type: ignore[attr-defined]


def _python(text: str) -> dict[str, Deepest]:
    tree = parse(text)
    if tree is None:
        return {}
    out: dict[str, Deepest] = {}
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            best = _py_depth(func.body, 0, Deepest(func.name, 0, func.lineno))
            if best.depth and (func.name not in out or out[func.name].depth < best.depth):
                out[func.name] = best
    return out


def _py_depth(body: list[ast.stmt], depth: int, best: Deepest) -> Deepest:
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if not isinstance(stmt, _PY_BLOCKS):
            continue
        here = depth + 1
        if here > best.depth:
            best = Deepest(best.function, here, stmt.lineno)
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, field, None) or []
            if (field == "orelse" and isinstance(stmt, ast.If) and len(inner) == 1
                    and isinstance(inner[0], ast.If)):
                best = _py_depth(inner, depth, best)  # elif: same level
            else:
                best = _py_depth(inner, here, best)
        for handler in getattr(stmt, "handlers", []):
            best = _py_depth(handler.body, here, best)
        for case in getattr(stmt, "cases", []):
            best = _py_depth(case.body, here, best)
    return best
