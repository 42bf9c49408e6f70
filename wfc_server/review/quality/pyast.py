"""Python AST helpers shared by the AST rules: parsing (memoised), dotted call names, scopes.

The rules need to know, for any node, its enclosing function and the loops between it and that
function; :func:`walk` yields that context so each rule stays a small, readable function.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from wfc_server.review.analysis.python_syntax import parse_module

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
LOOP_TYPES = (
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


@functools.lru_cache(maxsize=32)
def parse(text: str) -> ast.Module | None:
    """The module AST (newer syntax through a line-preserving downlevel), or None."""
    parsed = parse_module(text)
    return parsed[0] if parsed is not None else None


@dataclass(frozen=True, slots=True)
class Context:
    """Where a node sits: innermost function, loops inside that function, the class around it."""

    func: FunctionNode | None
    loops: tuple[ast.AST, ...]
    cls: ast.ClassDef | None
    in_finally: bool = False


@functools.lru_cache(maxsize=32)
def all_nodes(tree: ast.AST) -> tuple[ast.AST, ...]:
    """Every node of ``tree`` (minus operator/context singletons), once per cached tree."""
    out: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(children(node))
    return tuple(out)


@functools.lru_cache(maxsize=32)
def module_nodes(text: str) -> tuple[tuple[ast.AST, Context], ...]:
    """``walk(parse(text))`` materialised once per text: the three rule modules share it."""
    tree = parse(text)
    return tuple(walk(tree)) if tree is not None else ()


def walk(tree: ast.AST) -> Iterator[tuple[ast.AST, Context]]:
    """Every node with its :class:`Context`, depth first, in source order."""
    stack: list[tuple[ast.AST, Context]] = [(tree, Context(None, (), None))]
    while stack:
        node, ctx = stack.pop()
        yield node, ctx
        children = _child_contexts(node, ctx)
        stack.extend(reversed(children))


def _child_contexts(node: ast.AST, ctx: Context) -> list[tuple[ast.AST, Context]]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        inner = Context(node if not isinstance(node, ast.Lambda) else ctx.func, (), ctx.cls)
        if isinstance(node, ast.Lambda):
            inner = Context(ctx.func, ctx.loops, ctx.cls, ctx.in_finally)
        out: list[tuple[ast.AST, Context]] = []
        for child in children(node):
            # Decorators and defaults run in the outer scope.
            outer = child in getattr(node, "decorator_list", ()) or child is node.args
            out.append((child, ctx if outer else inner))
        return out
    if isinstance(node, ast.ClassDef):
        inner = Context(None, (), node)
        return [(child, inner) for child in children(node)]
    if isinstance(node, (ast.For, ast.AsyncFor)):
        body_ctx = Context(ctx.func, ctx.loops + (node,), ctx.cls, ctx.in_finally)
        return [(node.target, ctx), (node.iter, ctx)] + [
            (child, body_ctx) for child in node.body + node.orelse
        ]
    if isinstance(node, ast.While):
        body_ctx = Context(ctx.func, ctx.loops + (node,), ctx.cls, ctx.in_finally)
        return (
            [(node.test, body_ctx)]
            + [(child, body_ctx) for child in node.body]
            + [(child, ctx) for child in node.orelse]
        )
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        body_ctx = Context(ctx.func, ctx.loops + (node,), ctx.cls, ctx.in_finally)
        first_iter = node.generators[0].iter if node.generators else None
        return [(child, ctx if child is first_iter else body_ctx) for child in _comp_children(node)]
    if isinstance(node, ast.Try) or (hasattr(ast, "TryStar") and isinstance(node, ast.TryStar)):
        fin_ctx = Context(ctx.func, ctx.loops, ctx.cls, True)
        return (
            [(c, ctx) for c in node.body]
            + [(c, ctx) for c in node.handlers]
            + [(c, ctx) for c in node.orelse]
            + [(c, fin_ctx) for c in node.finalbody]
        )
    return [(child, ctx) for child in children(node)]


_LEAF_TYPES = (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop)


def children(node: ast.AST) -> list[ast.AST]:
    """Child nodes, without the Load/Store/operator singletons no rule looks at."""
    out: list[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            out.extend(
                v for v in value if isinstance(v, ast.AST) and not isinstance(v, _LEAF_TYPES)
            )
        elif isinstance(value, ast.AST) and not isinstance(value, _LEAF_TYPES):
            out.append(value)
    return out


def _comp_children(node: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    for gen in node.generators:  # type: ignore[attr-defined]
        out.extend([gen.iter, gen.target, *gen.ifs])
    if isinstance(node, ast.DictComp):
        out.extend([node.key, node.value])
    else:
        out.append(node.elt)  # type: ignore[attr-defined]
    return out


def dotted(node: ast.AST) -> str:
    """``a.b.c`` for Name/Attribute chains; calls in the chain appear as ``f()``."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        elif isinstance(node, ast.Call):
            parts.append(dotted(node.func) + "()")
            break
        else:
            parts.append("?")
            break
    return ".".join(reversed(parts))


def call_name(call: ast.Call) -> str:
    return dotted(call.func)


def has_keyword(call: ast.Call, name: str) -> bool:
    return any(k.arg == name for k in call.keywords) or any(k.arg is None for k in call.keywords)


def keyword_value(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def names_in(node: ast.AST) -> set[str]:
    """Every Name id read or written under ``node``."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def target_names(target: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}


def loop_variables(loop: ast.AST) -> set[str]:
    """Names bound by a loop header plus names assigned inside its body (derived per iteration)."""
    names: set[str] = set()
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        names |= target_names(loop.target)
    elif isinstance(loop, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        for gen in loop.generators:
            names |= target_names(gen.target)
        return names
    elif isinstance(loop, ast.While):
        names |= {n.id for n in ast.walk(loop.test) if isinstance(n, ast.Name)}
    for stmt in getattr(loop, "body", []):
        for node in ast.walk(stmt):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    names |= target_names(target)
            elif isinstance(node, (ast.For, ast.AsyncFor)) or isinstance(node, ast.NamedExpr):
                names |= target_names(node.target)
    return names


def function_body_nodes(func: FunctionNode) -> tuple[ast.AST, ...]:
    """Nodes of ``func`` excluding nested function and class bodies."""
    return _function_body_nodes(func)


@functools.lru_cache(maxsize=4096)
def _function_body_nodes(func: FunctionNode) -> tuple[ast.AST, ...]:
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        out.append(node)
        for child in children(node):
            if not isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            ):
                stack.append(child)
    return tuple(out)


def end_line(node: ast.AST) -> int:
    return getattr(node, "end_lineno", None) or getattr(node, "lineno", 1)


def is_logging_call(call: ast.Call) -> bool:
    """Logging, printing or error-reporting calls: evidence a handler did not hide the error."""
    name = call_name(call).lower()
    last = name.rsplit(".", 1)[-1]
    if last in {
        "print",
        "print_exc",
        "print_exception",
        "format_exc",
        "capture_exception",
        "capture_message",
        "captureexception",
        "warn",
        "notify",
        "report_exception",
    }:
        return True
    if last in {
        "debug",
        "info",
        "warning",
        "error",
        "exception",
        "critical",
        "log",
        "fatal",
        "msg",
        "err",
    }:
        head = name.rsplit(".", 1)[0] if "." in name else ""
        return any(
            word in head
            for word in (
                "log",
                "logger",
                "logging",
                "self",
                "app",
                "current_app",
                "structlog",
                "sentry",
                "console",
            )
        )
    return False


def raises(nodes: list[ast.stmt]) -> bool:
    """True when the statements contain a ``raise`` (outside nested functions)."""
    for stmt in nodes:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Raise):
                return True
    return False
