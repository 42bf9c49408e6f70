"""Nesting depth of control flow per function (lizard's own nesting count is not reliable).

``elif`` / ``else if`` chains count as one level, as a reader sees them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from wfc_server.review.model import SourceFile
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.sg_common import (
    FUNCTION_KINDS,
    find_kinds,
    grammar_for,
    line_of,
    root_for,
)

_PY_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.Match)
_SG_BLOCKS = frozenset(
    {
        "if_statement",
        "for_statement",
        "for_in_statement",
        "while_statement",
        "do_statement",
        "switch_statement",
        "try_statement",
        "enhanced_for_statement",
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
        "try_with_resources_statement",
    }
)


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
    probe = SourceFile(
        path=source.path, language=source.language, text=text, added_lines=source.added_lines
    )
    root = root_for(probe)
    if root is None:
        return {}
    return _sweep(root, text, grammar_for(probe) or "")


def _sweep(root: object, text: str, grammar: str) -> dict[str, Deepest]:
    """Depth by interval containment: blocks and functions sorted by start, one stack sweep.

    Much cheaper than walking ancestors per node on large files. An ``if`` that directly follows
    ``else`` is a chain link, not a new level. Note: ``index`` counts characters in ast-grep.
    """
    spans: list[tuple[int, int, bool, object]] = []  # start, end, is_function, node
    for node in find_kinds(root, FUNCTION_KINDS | _SG_BLOCKS, grammar):  # type: ignore[arg-type]
        where = node.range()
        spans.append((where.start.index, where.end.index, node.kind() in FUNCTION_KINDS, node))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: dict[str, Deepest] = {}
    # Stack entries: (end, is_function, depth_inside, function_name)
    stack: list[tuple[int, bool, int, str | None]] = []
    for start, end, is_function, node in spans:
        while stack and stack[-1][0] <= start:
            stack.pop()
        depth = stack[-1][2] if stack else 0
        func = stack[-1][3] if stack else None
        if is_function:
            name_node = node.field("name")  # type: ignore[attr-defined]
            name = name_node.text() if name_node is not None else (f"<anonymous@{line_of(node)}>")  # type: ignore[arg-type]
            stack.append((end, True, 0, name))
            continue
        if func is None:
            stack.append((end, False, depth, None))
            continue
        is_chain = text[max(0, start - 64) : start].rstrip().endswith("else")
        here = depth if is_chain else depth + 1
        stack.append((end, False, here, func))
        if here and (func not in out or out[func].depth < here):
            out[func] = Deepest(func, here, line_of(node))  # type: ignore[arg-type]
    return out


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
            if (
                field == "orelse"
                and isinstance(stmt, ast.If)
                and len(inner) == 1
                and isinstance(inner[0], ast.If)
            ):
                best = _py_depth(inner, depth, best)  # elif: same level
            else:
                best = _py_depth(inner, here, best)
        for handler in getattr(stmt, "handlers", []):
            best = _py_depth(handler.body, here, best)
        for case in getattr(stmt, "cases", []):
            best = _py_depth(case.body, here, best)
    return best
