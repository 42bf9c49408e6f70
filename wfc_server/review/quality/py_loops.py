"""Python: a ``while`` loop that repeats the same iteration forever (WFC-COR-LOOP-NO-PROGRESS).

The condition is built only from local names, constants and pure built-ins. A path through the
body (up to a ``continue``, or the whole body when it has no exit) that assigns none of those
names, mutates none of them and calls nothing with possible side effects leaves the state as it
was, so the loop takes the same path again and never ends.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import all_nodes

NO_PROGRESS = Check(
    "WFC-COR-LOOP-NO-PROGRESS",
    "On this path nothing changes the loop condition's variables and nothing with side effects "
    "runs, so the loop repeats the same iteration forever.",
)
_FAMILY = "py-loops"
#: Calls that read their arguments and change nothing.
_PURE = frozenset({"len", "isinstance", "ord", "chr", "int", "str", "min", "max", "abs", "bool",
                   "startswith", "endswith", "isdigit", "isspace", "isalpha", "isalnum", "isupper",
                   "islower", "lower", "upper", "strip", "lstrip", "rstrip", "find", "get", "count"})
_SKIP = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def check(tree: ast.Module, source: SourceFile) -> list[RawFinding]:
    out = []
    for node in all_nodes(tree):
        if isinstance(node, ast.While):
            line = _stuck_line(node)
            if line is not None:
                out.append(emit(NO_PROGRESS, source, line, _FAMILY))
    return out


def _stuck_line(loop: ast.While) -> int | None:
    """The line of a path that makes no progress (the ``continue`` or the ``while``), or None."""
    names = _condition_names(loop.test)
    if not names:
        return None
    for path, stop in _continue_paths(loop.body):
        if not any(_progresses(stmt, names) for stmt in path):
            return stop.lineno
    if not any(isinstance(n, (ast.Break, ast.Return, ast.Raise, ast.Yield, ast.YieldFrom, ast.Await))
               for n in _loop_nodes(loop.body)) and not any(_progresses(s, names) for s in loop.body):
        return loop.lineno
    return None


def _condition_names(test: ast.expr) -> set[str] | None:
    """The local names the condition reads, or None when it reads anything that may change
    elsewhere (an attribute, a call with effects, a walrus)."""
    names: set[str] = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Call):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if callee not in _PURE:
                return None
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            return None
        elif isinstance(node, (ast.Attribute, ast.NamedExpr, ast.Await, ast.Starred)):
            if not (isinstance(node, ast.Attribute) and node.attr in _PURE):
                return None
    return names or None


def _continue_paths(body: list[ast.stmt]) -> Iterator[tuple[list[ast.AST], ast.Continue]]:
    """For each ``continue`` of this loop: what runs before it on its path (earlier siblings at
    every level and the tests of the enclosing ``if``/``elif``)."""
    def walk(block: list[ast.stmt], before: list[ast.AST]) -> Iterator[tuple[list[ast.AST], ast.Continue]]:
        for index, stmt in enumerate(block):
            prefix = before + list(block[:index])
            if isinstance(stmt, ast.Continue):
                yield prefix, stmt
                return
            if isinstance(stmt, ast.If):
                yield from walk(stmt.body, prefix + [stmt.test])
                yield from walk(stmt.orelse, prefix + [stmt.test])
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                yield from walk(stmt.body, prefix + [i.context_expr for i in stmt.items])
            elif isinstance(stmt, ast.Try):
                yield from walk(stmt.body, prefix)
    yield from walk(body, [])


def _progresses(node: ast.AST, names: set[str]) -> bool:
    """Whether running ``node`` may change the loop's state."""
    for sub in ast.walk(node):
        if isinstance(sub, _SKIP):
            continue
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, (ast.Store, ast.Del)) and sub.id in names:
            return True
        if isinstance(sub, (ast.Subscript, ast.Attribute)) and isinstance(sub.ctx, (ast.Store, ast.Del)):
            return True
        if isinstance(sub, ast.Call):
            callee = sub.func.attr if isinstance(sub.func, ast.Attribute) else getattr(sub.func, "id", "")
            if callee not in _PURE:
                return True
        if isinstance(sub, (ast.Await, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal, ast.Break,
                            ast.Return, ast.Raise)):
            return True
    return False


def _loop_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, _SKIP):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))
