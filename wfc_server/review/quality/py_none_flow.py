"""Python: a value that can be None is dereferenced on a path with no check (WFC-COR-NULL-RESULT).

Where None comes from: ``re.match/search/fullmatch`` (module or compiled pattern), ``d.get(key)``
without a default, ``next(it, None)``, ``getattr(o, name, None)``, ``shutil.which``, functions of
the same file that return a value on one path and None on another (``return None``, a bare
``return``, or falling off the end after a loop that returns on a hit), and parameters annotated
``Optional[...]`` / ``X | None``. What counts as a check: any test of the name before the use
(``if m``, ``if m is None: return``, ``assert m``, ``m and m.x``, ``m.x if m else``, an
``isinstance``), a rebinding, or a ``try`` that catches the AttributeError/TypeError. The scan
follows statement order inside the function and stops at the first check, so it only reports a
use that no test of the value precedes on its path.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import all_nodes, attribute_path, function_body_nodes

NONE_DEREF = Check(
    "WFC-COR-NULL-RESULT",
    "The value can be None on this path and is used without a check (AttributeError/TypeError "
    "on the first input without a match / key / result).",
)
_PARAM_DEREF = Check(
    "WFC-COR-NULL-RESULT",
    "The parameter is declared Optional (None allowed) but is used without a None check.",
    confidence=60,
)
_FAMILY = "py-none-flow"

_REGEX_NAME = re.compile(r"(?i)^_*(re|rx|regex|pattern|pat)$|_(re|rx|regex|pattern|pat)$|^_*(re|rx|regex)_")
#: ``.get(x)`` receivers that are HTTP clients, queues or web apps, not mappings.
_NOT_MAPPING = re.compile(r"(?i)(request(s)?$|session|client|http|api$|^app$|router|queue|^q$|^s$|conn|"
                          r"browser|driver|^page$|^self$|^cls$|pool|future|result$|^ctx$|var$|^web$)")
_GUARD_CALL = re.compile(r"(?i)^(isinstance|hasattr|callable|bool|len|type)$|check|valid|ensure|require|assert|verify")
_CATCHES = frozenset({"AttributeError", "TypeError", "Exception", "BaseException", "KeyError", "IndexError"})
_ITERATING = frozenset({"len", "list", "tuple", "sorted", "set", "iter", "sum", "dict", "enumerate"})


def check(tree: ast.Module, source: SourceFile) -> list[RawFinding]:
    """Every unchecked dereference of a possibly-None value in the module's functions."""
    functions = {func: list(function_body_nodes(func)) for func in _functions(tree)}
    if not functions:
        return []
    maybe_none = _none_returning_functions(functions)
    regexes, objects = _compiled_regex_names(tree)
    out: list[RawFinding] = []
    seen: set[int] = set()
    for func, nodes in functions.items():
        if not any(isinstance(n, ast.Call) for n in nodes) and not _optional_params(func):
            continue
        for line, check_, detail in _function_findings(func, nodes, maybe_none, regexes, objects):
            if line not in seen:
                seen.add(line)
                out.append(emit(check_, source, line, _FAMILY, detail=detail))
    return out


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in all_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


# --- where None comes from ------------------------------------------------------------------

def _compiled_regex_names(tree: ast.Module) -> tuple[frozenset[str], frozenset[str]]:
    """Names (and ``self.`` attributes) bound to ``re.compile(...)``, and names bound to an
    instance of a class that is not a mapping (whose ``get(x)`` is no ``dict.get``)."""
    regexes: set[str] = set()
    objects: set[str] = set()
    for node in all_nodes(tree):
        if not (isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call)):
            continue
        callee = attribute_path(node.value.func)
        tail = callee.rsplit(".", 1)[-1]
        bucket = regexes if callee in {"re.compile", "regex.compile"} else objects if (
            tail[:1].isupper() and not _MAPPING_CLASS.search(tail)) else None
        if bucket is None:
            continue
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            if isinstance(target, ast.Name):
                bucket.add(target.id)
            elif isinstance(target, ast.Attribute):
                bucket.add(target.attr)
    return frozenset(regexes), frozenset(objects)


_MAPPING_CLASS = re.compile(r"Dict|Map|Mapping|Headers|Counter|Environ|Config|Params|Settings")


def _none_returning_functions(functions: dict) -> frozenset[str]:
    """Functions and methods of the file that return a value on one path and None on another."""
    out: set[str] = set()
    for func, nodes in functions.items():
        if func.name.startswith("__") or any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes) or any(
                attribute_path(d).split(".")[-1] in {"property", "abstractmethod", "overload", "setter",
                                              "cached_property", "fixture"} for d in func.decorator_list):
            continue
        returns = [n for n in nodes if isinstance(n, ast.Return)]
        valued = [r for r in returns if r.value is not None and not _is_none(r.value)]
        if not valued:
            continue
        if any(r.value is None or _is_none(r.value) for r in returns) or _falls_through(func.body):
            out.add(func.name)
    return frozenset(out)


def _falls_through(body: list[ast.stmt]) -> bool:
    """Whether control can reach the end of ``body`` (an implicit ``return None``)."""
    if not body:
        return True
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return False
    if isinstance(last, ast.If):
        return _falls_through(last.body) or _falls_through(last.orelse)
    if isinstance(last, (ast.For, ast.AsyncFor)):
        return True
    if isinstance(last, ast.While):
        return not (isinstance(last.test, ast.Constant) and last.test.value)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _falls_through(last.body)
    if isinstance(last, ast.Try):
        if last.finalbody and not _falls_through(last.finalbody):
            return False
        return _falls_through(last.body + last.orelse if last.orelse else last.body) or any(
            _falls_through(h.body) for h in last.handlers)
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and attribute_path(last.value.func) in {
            "sys.exit", "os._exit", "exit", "abort", "flask.abort"}:
        return False
    return not isinstance(last, ast.Match)


def _maybe_none(value: ast.expr, func_names: frozenset[str], regexes: frozenset[str],
                func: ast.AST, objects: frozenset[str] = frozenset()) -> str | None:
    """Why ``value`` (an expression) may evaluate to None, or None when it cannot."""
    if not isinstance(value, ast.Call):
        return None
    name = attribute_path(value.func)
    tail = name.rsplit(".", 1)[-1]
    if name in {"re.match", "re.search", "re.fullmatch", "regex.match", "regex.search"}:
        return f"{name}() returns None when nothing matches"
    if isinstance(value.func, ast.Attribute) and tail in {"match", "search", "fullmatch"}:
        receiver = value.func.value
        rname = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        if rname in regexes or _REGEX_NAME.search(rname or ""):
            return f"{tail}() returns None when nothing matches"
    if tail == "get" and isinstance(value.func, ast.Attribute) and len(value.args) == 1 and not value.keywords:
        receiver = value.func.value
        rname = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        key = value.args[0]
        if rname in objects:  # an instance of a non-mapping class (ContextVar.get(default))
            return None
        if isinstance(receiver, ast.Call) and attribute_path(receiver.func) not in {"dict", "vars", "globals", "locals"}:
            return None
        if not rname or _NOT_MAPPING.search(rname) or isinstance(key, ast.Constant) and isinstance(
                key.value, str) and ("/" in key.value or ":" in key.value):
            return None
        if _membership_tested(func, key, receiver):
            return None
        return f"{attribute_path(value.func) or 'dict.get'}() without a default returns None for a missing key"
    if name == "next" and len(value.args) == 2 and _is_none(value.args[1]):
        return "next(..., None) returns None when the iterator is empty"
    if name == "getattr" and len(value.args) == 3 and _is_none(value.args[2]):
        return "getattr(..., None) returns None when the attribute is missing"
    if name == "shutil.which":
        return "shutil.which() returns None when the program is not installed"
    callee = value.func.id if isinstance(value.func, ast.Name) else (
        value.func.attr if isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Name)
        and value.func.value.id in {"self", "cls"} else "")
    if callee and callee in func_names:
        return f"{callee}() returns None on some paths"
    return None


def _membership_tested(func: ast.AST, key: ast.expr, receiver: ast.expr) -> bool:
    """``key in receiver`` is tested somewhere in the function (the key is known present)."""
    key_text, recv_text = ast.unparse(key), ast.unparse(receiver)
    for node in ast.walk(func):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                and ast.unparse(node.left) == key_text and ast.unparse(node.comparators[0]) == recv_text:
            return True
    return False


def _optional_params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = func.args
    every = args.posonlyargs + args.args + args.kwonlyargs
    return [a.arg for a in every if a.annotation is not None and _optional_annotation(a.annotation)
            and a.arg not in {"self", "cls"}]


def _optional_annotation(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.Subscript) and attribute_path(node.value).rsplit(".", 1)[-1] == "Optional":
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _is_none(node.left) or _is_none(node.right) or _optional_annotation(node.left) or \
            _optional_annotation(node.right)
    return False


# --- following the value ----------------------------------------------------------------------

def _function_findings(func: ast.FunctionDef | ast.AsyncFunctionDef, nodes: list[ast.AST],
                       func_names: frozenset[str],
                       regexes: frozenset[str], objects: frozenset[str]) -> Iterator[tuple[int, Check, str]]:
    for name in _optional_params(func):
        hit = _scan(func.body, name)
        if isinstance(hit, ast.AST):
            yield hit.lineno, _PARAM_DEREF, f"(`{name}`)"
    for block in _blocks(func):
        for index, stmt in enumerate(block):
            value, target = _single_binding(stmt)
            if value is None or target is None:
                continue
            why = _maybe_none(value, func_names, regexes, func, objects)
            if why is None:
                continue
            hit = _scan(block[index + 1:], target)
            if isinstance(hit, ast.AST) and not _tested_later(block[index + 1:], target):
                yield hit.lineno, NONE_DEREF, f"(`{target}`: {why})"
    yield from _direct_uses(func, nodes, func_names, regexes, objects)


def _tested_later(stmts: list[ast.stmt], name: str) -> bool:
    """A later ``if``/``assert`` tests the name: the check is late, which
    WFC-COR-NONE-CHECK-AFTER-USE reports more precisely."""
    return any(isinstance(node, (ast.If, ast.While, ast.Assert)) and _mentions(node.test, name)
               for stmt in stmts for node in ast.walk(stmt))


def _direct_uses(func: ast.AST, nodes: list[ast.AST], func_names: frozenset[str],
                 regexes: frozenset[str], objects: frozenset[str]) -> Iterator[tuple[int, Check, str]]:
    """``d.get(k).strip()``, ``find(x).name``: the possibly-None result dereferenced at once."""
    protected = _protected_lines(nodes)
    for node in nodes:
        inner = node.value if isinstance(node, (ast.Attribute, ast.Subscript)) else node.iter if isinstance(
            node, (ast.For, ast.AsyncFor)) else None
        if inner is None or node.lineno in protected:
            continue
        why = _maybe_none(inner, func_names, regexes, func, objects) if isinstance(inner, ast.Call) else None
        if why is not None:
            yield node.lineno, NONE_DEREF, f"({why})"


def _protected_lines(nodes: list[ast.AST]) -> set[int]:
    out: set[int] = set()
    for node in nodes:
        if isinstance(node, ast.Try) and any(_catches_none_error(h) for h in node.handlers):
            for stmt in node.body:
                out.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return out


def _blocks(func: ast.AST) -> Iterator[list[ast.stmt]]:
    """Every statement list of ``func`` (its body and nested blocks), not nested functions."""
    stack: list[ast.AST] = [func]
    while stack:
        node = stack.pop()
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block
                stack.extend(s for s in block if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                    ast.ClassDef)))
        for handler in getattr(node, "handlers", ()):
            yield handler.body
            stack.extend(handler.body)
        for case in getattr(node, "cases", ()):
            yield case.body
            stack.extend(case.body)


def _single_binding(stmt: ast.stmt) -> tuple[ast.expr | None, str | None]:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.value, stmt.targets[0].id
    if isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
        return stmt.value, stmt.target.id
    return None, None


_STOP = "stop"


def _scan(stmts: list[ast.stmt], name: str) -> ast.AST | str | None:
    """The first unchecked dereference of ``name`` in ``stmts`` (a node), ``"stop"`` when the
    value is checked or rebound first, None when neither happens."""
    for stmt in stmts:
        hit = _statement(stmt, name)
        if hit is not None:
            return hit
    return None


def _statement(stmt: ast.stmt, name: str) -> ast.AST | str | None:
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return _STOP if stmt.name == name else None
    if isinstance(stmt, (ast.Global, ast.Nonlocal, ast.Match)):
        return _STOP if isinstance(stmt, ast.Match) and _mentions(stmt, name) or name in getattr(
            stmt, "names", ()) else None
    if isinstance(stmt, (ast.If, ast.While)):
        hit = _deref(stmt.test, name)
        if hit is not None:
            return hit
        if _mentions(stmt.test, name):
            return _STOP
        return _scan(stmt.body, name) or _scan(stmt.orelse, name)
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        if _is_name(stmt.iter, name):
            return stmt.iter
        hit = _deref(stmt.iter, name)
        if hit is not None:
            return hit
        if _binds(stmt.target, name):
            return _STOP
        return _scan(stmt.body, name) or _scan(stmt.orelse, name)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            hit = _deref(item.context_expr, name)
            if hit is not None:
                return hit
            if item.optional_vars is not None and _binds(item.optional_vars, name):
                return _STOP
        return _scan(stmt.body, name)
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        hit = _scan(stmt.body, name)  # type: ignore[attr-defined]
        if isinstance(hit, ast.AST) and any(_catches_none_error(h) for h in stmt.handlers):  # type: ignore[attr-defined]
            return _STOP
        if hit is not None:
            return hit
        return _scan(stmt.orelse, name) or _scan(stmt.finalbody, name)  # type: ignore[attr-defined]
    if isinstance(stmt, ast.Assert):
        return _STOP if _mentions(stmt, name) else None
    if isinstance(stmt, ast.Delete):
        hit = _deref_all(stmt.targets, name)
        return hit if hit is not None else (_STOP if any(_is_name(t, name) for t in stmt.targets) else None)
    # Simple statements: the value is evaluated before the targets are bound.
    values = [getattr(stmt, field) for field in ("value", "exc", "cause") if getattr(stmt, field, None) is not None]
    targets: list[ast.expr] = list(getattr(stmt, "targets", [])) + (
        [stmt.target] if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) else [])
    hit = _deref_all(values, name)
    if hit is None:
        hit = _deref_all([t for t in targets if not isinstance(t, ast.Name)], name)
    if hit is not None:
        return hit
    if isinstance(stmt, ast.AugAssign) and _is_name(stmt.target, name):
        return stmt.target  # ``x += 1`` on None raises TypeError
    if any(_binds(t, name) for t in targets) or _guarded(stmt, name):
        return _STOP
    return None


def _deref_all(exprs: list[ast.expr], name: str) -> ast.AST | None:
    for expr in exprs:
        hit = _deref(expr, name)
        if hit is not None:
            return hit
    return None


def _deref(expr: ast.AST, name: str) -> ast.AST | None:
    """The first place ``expr`` uses ``name`` in a way None does not support, outside a sub-
    expression that first tests it (``m and m.x``, ``m.x if m else d``)."""
    if isinstance(expr, ast.BoolOp):
        for operand in expr.values:
            hit = _deref(operand, name)
            if hit is not None:
                return hit
            if _mentions(operand, name):
                return None
        return None
    if isinstance(expr, ast.IfExp):
        hit = _deref(expr.test, name)
        if hit is not None or _mentions(expr.test, name):
            return hit
        return _deref(expr.body, name) or _deref(expr.orelse, name)
    if isinstance(expr, (ast.Lambda, ast.NamedExpr)):
        return None
    if isinstance(expr, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        first = expr.generators[0].iter
        return first if _is_name(first, name) else _deref(first, name)
    if isinstance(expr, (ast.Attribute, ast.Subscript)) and _is_name(expr.value, name):
        return expr
    if isinstance(expr, ast.Call):
        if _is_name(expr.func, name):
            return expr
        callee = attribute_path(expr.func)
        if _GUARD_CALL.search(callee.rsplit(".", 1)[-1]) and callee not in _ITERATING - {"len"} and any(
                _mentions(a, name) for a in expr.args):
            if callee == "len" and expr.args and _is_name(expr.args[0], name):
                return expr
            return None
        if callee in _ITERATING and expr.args and _is_name(expr.args[0], name):
            return expr
    if isinstance(expr, ast.Compare):
        for op, right in zip(expr.ops, expr.comparators):
            if isinstance(op, (ast.In, ast.NotIn)) and _is_name(right, name):
                return expr
        if any(_is_name(side, name) for side in [expr.left, *expr.comparators]):
            return None  # a comparison is a test, not a use
    for child in ast.iter_child_nodes(expr):
        hit = _deref(child, name)
        if hit is not None:
            return hit
    return None


def _guarded(stmt: ast.stmt, name: str) -> bool:
    """The statement tests ``name`` (a boolean operand, a comparison, a guard call)."""
    for node in ast.walk(stmt):
        if isinstance(node, ast.BoolOp) and any(_mentions(v, name) for v in node.values):
            return True
        if isinstance(node, ast.IfExp) and _mentions(node.test, name):
            return True
        if isinstance(node, ast.Compare) and any(_is_name(s, name) for s in [node.left, *node.comparators]):
            return True
        if isinstance(node, ast.Call) and _GUARD_CALL.search(attribute_path(node.func).rsplit(".", 1)[-1]) and any(
                _mentions(a, name) for a in node.args):
            return True
        if isinstance(node, ast.NamedExpr) and node.target.id == name:
            return True
    return False


def _catches_none_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(attribute_path(n).rsplit(".", 1)[-1] in _CATCHES for n in names)


# --- small helpers ---------------------------------------------------------------------------



def _is_none(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def _binds(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(target))
