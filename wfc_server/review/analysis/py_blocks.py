"""Python block structure that does not do what it reads as: loop ``else`` clauses that always run,
and names a ``finally`` / ``except`` block reads that the ``try`` may never have bound.

* ``for e in entries: if e.key == key: entries.remove(e)`` / ``else: raise KeyError(key)``: the
  ``else`` of a loop runs when the loop was not left by ``break``; a body without ``break`` (and
  without ``return``) always reaches it, so the "not found" branch runs after a successful match.
* ``try: sock = socket.socket(...) ... finally: sock.close()``: when the first call of the ``try``
  raises, ``sock`` was never bound and the cleanup raises ``UnboundLocalError``, which replaces the
  original exception.

* ``f"(--max-redirects=parsed_args.max_redirects)"``: an f-string with no placeholder at all whose
  text names an attribute of a local (``parsed_args.max_redirects``): the braces were forgotten,
  so the message shows the expression's source instead of its value.

All are read from Python's own AST (one function at a time).
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@functools.lru_cache(maxsize=4)
def all_nodes(tree: ast.Module) -> tuple[ast.AST, ...]:
    """Every node of ``tree`` (one walk shared by the analyses of a file; trees are not mutated)."""
    return tuple(ast.walk(tree))


@dataclass(frozen=True, slots=True)
class BlockFact:
    line: int  # 1-based
    name: str  # the loop kind, or the possibly unbound name
    other: int  # line of the loop / of the try statement


def loop_else_always_runs(tree: ast.Module) -> list[BlockFact]:
    """``for``/``while`` loops with an ``else`` and no ``break`` or ``return`` of their own."""
    out = []
    for node in all_nodes(tree):
        if not isinstance(node, (ast.For, ast.AsyncFor, ast.While)) or not node.orelse:
            continue
        if isinstance(node, ast.While) and isinstance(node.test, ast.Constant) and node.test.value:
            continue  # while True: ... else: is dead, not misleading
        if _leaves(node.body):
            continue
        out.append(BlockFact(node.orelse[0].lineno - 1 if node.orelse[0].lineno > node.lineno else node.lineno,
                             "for" if not isinstance(node, ast.While) else "while", node.lineno))
    return out


def unbound_in_cleanup(tree: ast.Module) -> list[BlockFact]:
    """Loads in ``finally`` (or a catch-all ``except``) of names whose first binding in the function
    is inside the ``try`` body (and not a plain first statement that cannot raise)."""
    out: list[BlockFact] = []
    tries = [n.lineno for n in all_nodes(tree) if isinstance(n, ast.Try)
             and (n.finalbody or any(_broad(h) for h in n.handlers))]
    if not tries:
        return out
    for func in all_nodes(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or not any(
                func.lineno <= line <= (func.end_lineno or func.lineno) for line in tries):
            continue
        own = _own_nodes(func)
        if not any(isinstance(n, ast.Try) for n in own):
            continue
        params = {a.arg for a in func.args.args + func.args.posonlyargs + func.args.kwonlyargs}
        params |= {a.arg for a in (func.args.vararg, func.args.kwarg) if a is not None}
        declared = {n for node in own if isinstance(node, (ast.Global, ast.Nonlocal)) for n in node.names}
        for node in own:
            if not isinstance(node, ast.Try) or not (node.finalbody or node.handlers):
                continue
            candidates = _first_bound_in(node.body, own, node) - params - declared
            if not candidates:
                continue
            cleanups = list(node.finalbody) + [s for h in node.handlers if _broad(h) for s in h.body]
            for name, line in _unguarded_loads(cleanups, candidates):
                out.append(BlockFact(line, name, node.lineno))
    return out


def _broad(handler: ast.ExceptHandler) -> bool:
    """A handler for any failure: a specific exception type may only come from past the binding."""
    kind = handler.type
    return kind is None or (isinstance(kind, ast.Name) and kind.id in {"Exception", "BaseException"})


def _leaves(body: list[ast.stmt]) -> bool:
    """A ``break`` belonging to this loop, or a ``return`` anywhere in it (the author then relies on
    leaving early)."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Break, ast.Return)):
            return True
        if isinstance(node, _SCOPES):
            continue
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            if any(isinstance(sub, ast.Return) for sub in ast.walk(node)):
                return True
            stack.extend(node.orelse)  # a break there leaves the outer loop
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False


def _own_nodes(func: ast.AST) -> list[ast.AST]:
    """Nodes of ``func`` not inside a nested function or class."""
    out, stack = [], list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _bound_names(node: ast.AST) -> set[str]:
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in sub.names}
        elif isinstance(sub, ast.alias):
            continue
    return names


def _first_bound_in(body: list[ast.stmt], own: list[ast.AST], try_node: ast.Try) -> set[str]:
    """Names the try body binds that nothing in the function binds before the try starts."""
    inside: set[str] = set()
    always: set[str] = set()
    for index, stmt in enumerate(body):
        bound = _bound_names(stmt) if not isinstance(stmt, _SCOPES) else {getattr(stmt, "name", "")}
        if index == 0 and isinstance(stmt, ast.Assign) and not _can_raise(stmt.value):
            always |= bound  # `x = None` as the first statement is always bound
            continue
        inside |= bound
    inside -= always
    if not inside:
        return set()
    before: set[str] = set()
    for node in own:
        if getattr(node, "lineno", try_node.lineno) < try_node.lineno:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                before.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                before |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                before.add(node.name)
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and node.lineno < try_node.lineno <= (
                node.end_lineno or 0):
            return set()  # inside a loop, an earlier iteration may have bound it
    return inside - before


def _can_raise(expr: ast.expr) -> bool:
    return any(isinstance(n, (ast.Call, ast.Subscript, ast.Attribute, ast.BinOp, ast.Await)) for n in ast.walk(expr))


def _unguarded_loads(stmts: list[ast.stmt], names: set[str]) -> list[tuple[str, int]]:
    """First load of each name in the cleanup code, unless the cleanup binds it first or asks
    ``locals()`` / ``vars()``."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for stmt in stmts:
        text_calls = {n.func.id for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        if text_calls & {"locals", "vars"}:
            return []
        for node in sorted((n for n in ast.walk(stmt) if isinstance(n, ast.Name)),
                           key=lambda n: (n.lineno, n.col_offset)):
            if node.id not in names or node.id in seen:
                continue
            seen.add(node.id)
            if isinstance(node.ctx, ast.Load):
                out.append((node.id, node.lineno))
    return out


def fstrings_missing_braces(tree: ast.Module) -> list[BlockFact]:
    """f-strings without any placeholder whose text mentions ``local.attr`` of the function."""
    out: list[BlockFact] = []
    bare = [n.lineno for n in all_nodes(tree) if isinstance(n, ast.JoinedStr)
            and not any(isinstance(v, ast.FormattedValue) for v in n.values)]
    if not bare:
        return out
    for func in all_nodes(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or not any(
                func.lineno <= line <= (func.end_lineno or func.lineno) for line in bare):
            continue
        own = _own_nodes(func)
        if not any(isinstance(n, ast.JoinedStr) for n in own):
            continue
        local = {a.arg for a in func.args.args + func.args.kwonlyargs + func.args.posonlyargs}
        local |= {n.id for n in own if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        local -= {"self", "cls"}
        for node in own:
            if not isinstance(node, ast.JoinedStr) or any(isinstance(v, ast.FormattedValue) for v in node.values):
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            for match in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b", text):
                if match.group(1) in local:
                    out.append(BlockFact(node.end_lineno or node.lineno, match.group(0), node.lineno))
                    break
    return out
