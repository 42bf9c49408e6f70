"""Lost updates: read-modify-write of shared state in code that runs on several threads.

A function handed to ``threading.Thread(target=...)`` or ``executor.submit(...)`` runs
concurrently with its siblings; ``self.n += 1`` or ``cur = self.n; self.n = cur + 1`` there is
not atomic, so increments are lost unless a lock guards them.
"""

from __future__ import annotations

import ast

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import dotted, function_body_nodes

LOST_UPDATE = Check(
    "WFC-COR-LOST-UPDATE",
    "The function runs on several threads and updates shared state with a separate read and "
    "write, so concurrent updates overwrite each other (lost updates).",
)

_THREAD_FACTORIES = {"threading.Thread", "Thread", "threading.Timer", "Timer"}
_SUBMITTERS = {"submit", "apply_async", "run_in_executor"}


def check(tree: ast.Module, source: SourceFile) -> list[RawFinding]:
    targets = _thread_targets(tree)
    if not targets:
        return []
    shared_globals = _module_names(tree)
    out: list[RawFinding] = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef) and func.name in targets and not _locks(func):
            line = _lost_update_line(func, shared_globals)
            if line is not None:
                out.append(emit(LOST_UPDATE, source, line, "wfc-ast", detail=f"(`{func.name}`)"))
    return out


def _callable_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _thread_targets(tree: ast.Module) -> set[str]:
    """Names of functions/methods started on threads or submitted to an executor."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if dotted(node.func) in _THREAD_FACTORIES:
            for kw in node.keywords:
                if kw.arg == "target" and (name := _callable_name(kw.value)):
                    names.add(name)
        elif isinstance(node.func, ast.Attribute) and node.func.attr in _SUBMITTERS and node.args:
            first = node.args[1] if node.func.attr == "run_in_executor" else node.args[0]
            if name := _callable_name(first):
                names.add(name)
    return names


def _module_names(tree: ast.Module) -> set[str]:
    return {
        t.id
        for stmt in tree.body
        if isinstance(stmt, (ast.Assign, ast.AnnAssign))
        for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
        if isinstance(t, ast.Name)
    }


def _locks(func: ast.FunctionDef) -> bool:
    """Any ``with``/``acquire`` in the function counts as synchronisation (benefit of doubt)."""
    for node in function_body_nodes(func):
        if isinstance(node, ast.With):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"acquire", "get_lock"}:
                return True
    return False


def _shared(target: ast.AST, func: ast.FunctionDef, shared_globals: set[str]) -> str | None:
    """``self.x`` or a module-level name declared ``global`` in ``func``."""
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return dotted(target)
    declared = {n for g in function_body_nodes(func) if isinstance(g, ast.Global) for n in g.names}
    if isinstance(target, ast.Name) and target.id in declared and target.id in shared_globals:
        return target.id
    return None


def _lost_update_line(func: ast.FunctionDef, shared_globals: set[str]) -> int | None:
    body = function_body_nodes(func)
    copies: dict[str, str] = {}  # local name -> shared state it was read from
    for node in sorted(
        (n for n in body if isinstance(n, (ast.Assign, ast.AugAssign))),
        key=lambda n: (n.lineno, n.col_offset),
    ):
        if isinstance(node, ast.AugAssign):
            if _shared(node.target, func, shared_globals) and isinstance(node.op, (ast.Add, ast.Sub)):
                return node.lineno
            continue
        if len(node.targets) != 1:
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name):
            source_name = _shared_read(node.value, func, shared_globals)
            if source_name:
                copies[target.id] = source_name
            continue
        written = _shared(target, func, shared_globals)
        if written is None:
            continue
        read = {dotted(n) for n in ast.walk(node.value) if isinstance(n, (ast.Attribute, ast.Name))}
        if written in read or any(copies.get(name) == written for name in read):
            if isinstance(node.value, ast.BinOp):
                return node.lineno
    return None


def _shared_read(value: ast.AST, func: ast.FunctionDef, shared_globals: set[str]) -> str | None:
    if isinstance(value, (ast.Attribute, ast.Name)):
        return _shared(value, func, shared_globals)
    return None
