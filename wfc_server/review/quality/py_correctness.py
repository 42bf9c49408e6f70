"""Python correctness rules ruff does not have: off-by-one indexing, tautologies, lost results,
missing f-prefix, unreachable code, shadowed builtins that are then called, missing await,
division by the unchecked length of an argument."""

from __future__ import annotations

import ast
import builtins
import re

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality import py_threads
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import (
    Context,
    all_nodes,
    dotted,
    end_line,
    function_body_nodes,
    module_nodes,
    parse,
)

_C = "correctness"

OFF_BY_ONE = Check(
    "WFC-COR-OFF-BY-ONE",
    "The loop bound includes len(seq), so the last iteration indexes seq[len(seq)] and raises "
    "IndexError.",
)
ALWAYS_SAME = Check(
    "WFC-COR-TAUTOLOGY",
    "The condition's value does not depend on its inputs, so one branch is dead.",
)
NONE_RESULT = Check(
    "WFC-COR-NONE-RESULT",
    "list.sort()/reverse()/append() mutate in place and return None; the code uses that None.",
)
LOST_RESULT = Check(
    "WFC-COR-RESULT-DISCARDED",
    "Strings are immutable and sorted()/list() return new objects: the call's result is thrown "
    "away, so nothing changes.",
)
GET_DEFAULT = Check(
    "WFC-COR-GET-DEFAULT",
    "When the key is missing, get() returns a fresh default that is not stored in the dict; the"
    " mutation is silently lost.",
)
MISSING_F = Check(
    "WFC-COR-MISSING-FSTRING",
    "The literal contains `{name}` placeholders for variables in scope but has no `f` prefix, "
    "so the braces are printed literally.",
)
UNREACHABLE = Check(
    "WFC-COR-UNREACHABLE",
    "These statements follow a return/raise/continue/break in the same block and never run.",
)
SHADOWED = Check(
    "WFC-COR-SHADOWED-BUILTIN",
    "A local variable replaces a builtin and the builtin is called later in the same scope, "
    "which now calls the variable instead (TypeError).",
)
SHADOWED_LOW = Check(
    "WFC-COR-SHADOWED-BUILTIN",
    "Assigning to a builtin's name hides the builtin for the rest of the scope.",
    severity="low",
    confidence=60,
)
NOT_AWAITED = Check(
    "WFC-COR-NOT-AWAITED",
    "Calling a coroutine function only creates a coroutine object; without `await` the body "
    "never runs (RuntimeWarning: coroutine was never awaited).",
)
WRITE_THEN_READ = Check(
    "WFC-COR-WRITE-MODE-READ",
    "The file was opened in a write-only mode; reading raises io.UnsupportedOperation (and 'w' "
    "already truncated it).",
)
MUTATE_WHILE_ITERATING = Check(
    "WFC-COR-MUTATE-WHILE-ITERATING",
    "Removing from or adding to a list/dict/set inside a loop over it skips elements (lists) or"
    " raises RuntimeError (dicts, sets).",
)
CHECK_AFTER_USE = Check(
    "WFC-COR-NONE-CHECK-AFTER-USE",
    "The value is dereferenced before the code checks whether it is None: if it can be None the"
    " earlier line raises AttributeError/TypeError, and if it cannot the check is dead.",
)
INDEX_LEN = Check(
    "WFC-COR-INDEX-LEN",
    "`seq[len(seq)]` is always out of range (the last element is `seq[len(seq) - 1]`).",
)

_IN_PLACE = {"sort", "reverse", "append", "extend", "insert", "remove", "clear"}
_STR_PURE = {
    "strip",
    "lstrip",
    "rstrip",
    "lower",
    "upper",
    "title",
    "capitalize",
    "casefold",
    "removeprefix",
    "removesuffix",
    "zfill",
    "swapcase",
    "expandtabs",
}
_BUILTINS_CALLED = {
    "list",
    "dict",
    "set",
    "tuple",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "len",
    "sum",
    "max",
    "min",
    "sorted",
    "open",
    "range",
    "print",
    "map",
    "zip",
    "iter",
    "next",
    "any",
    "all",
    "abs",
    "round",
    "isinstance",
    "filter",
    "enumerate",
    "reversed",
    "repr",
    "format",
    "type",
    "id",
    "input",
    "hash",
}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[.\[][^{}]*)?(?:![rsa])?(?::[^{}]*)?\}(?!\})")


def check(source: SourceFile) -> list[RawFinding]:
    tree = parse(source.text)
    if tree is None:
        return []
    out: list[RawFinding] = []
    async_defs = _async_definitions(tree)
    lists = _list_names(tree)
    format_receivers = _format_receivers(tree)
    out += py_threads.check(tree, source)
    for node, ctx in module_nodes(source.text):
        if isinstance(node, (ast.For, ast.While)):
            out += _off_by_one_loop(node, source)
            if isinstance(node, ast.For):
                out += _short_loop(node, tree, source)
            out += _mutate_while_iterating(node, source)
        elif isinstance(node, ast.Subscript):
            out += _index_len(node, source)
        elif isinstance(node, ast.BoolOp):
            out += _bool_tautology(node, source)
        elif isinstance(node, ast.Compare) and _find_gt_zero(node, source):
            out += _find_gt_zero(node, source)
        elif isinstance(node, ast.Compare):
            out += _len_compare(node, source, _length_names(ctx.func) if ctx.func else set())
        elif isinstance(node, (ast.Assign, ast.Return, ast.AnnAssign)):
            out += _none_result(node, source, lists)
        elif isinstance(node, ast.Expr):
            out += _expr_statement(node, ctx, source, async_defs)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            out += _missing_f(node, ctx, source, format_receivers)
        if isinstance(
            node,
            (
                ast.Module,
                ast.FunctionDef,
                ast.AsyncFunctionDef,
                ast.If,
                ast.For,
                ast.While,
                ast.With,
                ast.Try,
                ast.ExceptHandler,
            ),
        ):
            out += _unreachable(node, source)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += _check_after_use(node, source)
            out += _shadowed(node, source)
            out += _write_then_read(node, source)
            out += _division_by_len(node, source)
    return out


def _off_by_one_loop(loop: ast.For | ast.While, source: SourceFile) -> list[RawFinding]:
    """`for i in range(len(x) + 1): x[i]` and `while i <= len(x): x[i]`."""
    index: str | None = None
    seq: str | None = None
    if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name):
        it = loop.iter
        if isinstance(it, ast.Call) and dotted(it.func) == "range" and it.args:
            stop = it.args[-1] if len(it.args) <= 2 else it.args[1]
            seq = _len_plus_one(stop)
            index = loop.target.id
    elif isinstance(loop, ast.While) and isinstance(loop.test, ast.Compare):
        test = loop.test
        if len(test.ops) == 1 and isinstance(test.ops[0], ast.LtE) and isinstance(test.left, ast.Name):
            seq = _len_of(test.comparators[0])
            index = test.left.id
    if not index or not seq:
        return []
    if any(
        isinstance(n, (ast.If, ast.IfExp))
        and index in {x.id for x in ast.walk(n.test) if isinstance(x, ast.Name)}
        for stmt in loop.body
        for n in ast.walk(stmt)
    ):
        return []  # the index is range-checked inside the loop
    for stmt in loop.body:
        for node in ast.walk(stmt):
            if (
                isinstance(node, ast.Subscript)
                and dotted(node.value) == seq
                and isinstance(node.slice, ast.Name)
                and node.slice.id == index
            ):
                return [
                    emit(
                        OFF_BY_ONE,
                        source,
                        loop.lineno,
                        "wfc-ast",
                        end_line=loop.lineno,
                        detail=f"(`{seq}[{index}]`)",
                    )
                ]
    return []


def _mutate_while_iterating(loop: ast.For | ast.While, source: SourceFile) -> list[RawFinding]:
    """`for x in items: items.remove(x)` (the loop continues after the mutation)."""
    if not isinstance(loop, ast.For):
        return []
    iterated = loop.iter
    if (
        isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Attribute)
        and iterated.func.attr in {"keys", "values", "items"}
        and not iterated.args
    ):
        iterated = iterated.func.value  # `for k in d.keys(): d.pop(k)` mutates d
    if not isinstance(iterated, (ast.Name, ast.Attribute)):
        return []
    target = dotted(iterated)
    for stmt in loop.body:
        for node in ast.walk(stmt):
            mutation = _mutation_of(node, target)
            if mutation is None or (isinstance(node, ast.Call) and _ends_loop_after(stmt, node)):
                continue
            detail = f"(`{mutation}` inside `for ... in {target}`)"
            return [emit(MUTATE_WHILE_ITERATING, source, node.lineno, "wfc-ast", detail=detail)]
    return []


def _mutation_of(node: ast.AST, target: str) -> str | None:
    """How ``node`` changes the collection ``target`` in place (`x.remove()`, `del x[...]`)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"remove", "append", "insert", "pop", "add", "discard", "extend"}
        and dotted(node.func.value) == target
    ):
        return f"{target}.{node.func.attr}()"
    if isinstance(node, ast.Delete) and any(
        isinstance(t, ast.Subscript) and dotted(t.value) == target for t in node.targets
    ):
        return f"del {target}[...]"
    return None


def _ends_loop_after(stmt: ast.stmt, call: ast.Call) -> bool:
    """The mutation is followed by break/return in its block: iteration stops, so it is safe."""
    for node in ast.walk(stmt):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for index, inner in enumerate(body):
                if any(n is call for n in ast.walk(inner)):
                    return any(isinstance(s, (ast.Break, ast.Return, ast.Raise)) for s in body[index + 1 :])
    return False


def _len_of(node: ast.AST) -> str | None:
    if (
        isinstance(node, ast.Call)
        and dotted(node.func) == "len"
        and len(node.args) == 1
        and isinstance(node.args[0], (ast.Name, ast.Attribute))
    ):
        return dotted(node.args[0])
    return None


def _len_plus_one(node: ast.AST) -> str | None:
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and isinstance(node.right, ast.Constant)
        and node.right.value == 1
    ):
        return _len_of(node.left)
    return None


def _index_len(node: ast.Subscript, source: SourceFile) -> list[RawFinding]:
    if _len_of(node.slice) == dotted(node.value) and isinstance(node.ctx, ast.Load):
        return [emit(INDEX_LEN, source, node.lineno, "wfc-ast", end_line=end_line(node))]
    return []


def _bool_tautology(node: ast.BoolOp, source: SourceFile) -> list[RawFinding]:
    """`x != a or x != b` is always true; `x == a and x == b` is always false (a != b)."""
    is_or = isinstance(node.op, ast.Or)
    wanted = (ast.NotEq, ast.IsNot) if is_or else (ast.Eq, ast.Is)
    seen: dict[str, set[object]] = {}
    for value in node.values:
        if not (isinstance(value, ast.Compare) and len(value.ops) == 1 and isinstance(value.ops[0], wanted)):
            continue
        left, right = value.left, value.comparators[0]
        if isinstance(left, ast.Constant):
            left, right = right, left
        if not isinstance(right, ast.Constant) or isinstance(left, ast.Constant):
            continue
        key = ast.dump(left)
        constants = seen.setdefault(key, set())
        marker = (type(right.value).__name__, repr(right.value))
        if constants and marker not in constants:
            verdict = "always true" if is_or else "always false"
            return _constant_condition(node, source, f"`{ast.unparse(node)[:80]}` is {verdict}.")
        constants.add(marker)
    return []


def _constant_condition(node: ast.expr, source: SourceFile, detail: str) -> list[RawFinding]:
    return [emit(ALWAYS_SAME, source, node.lineno, "wfc-ast", end_line=end_line(node), detail=detail)]


def _length_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Locals only ever assigned ``len(...)``: they can never be negative."""
    lengths: set[str] = set()
    other: set[str] = set()
    for node in function_body_nodes(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            (lengths if _len_of(node.value) else other).add(node.targets[0].id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            other.add(node.target.id)
    return lengths - other


FIND_GT_ZERO = Check(
    "WFC-COR-FIND-GT-ZERO",
    "`find()`/`indexOf()` return 0 when the match is at the start and -1 when absent; `> 0` "
    "treats a match at position 0 as not found.",
)


def _find_gt_zero(node: ast.Compare, source: SourceFile) -> list[RawFinding]:
    if (
        len(node.ops) == 1
        and isinstance(node.ops[0], ast.Gt)
        and isinstance(node.left, ast.Call)
        and isinstance(node.left.func, ast.Attribute)
        and node.left.func.attr in {"find", "index"}
        and isinstance(node.comparators[0], ast.Constant)
        and node.comparators[0].value == 0
    ):
        return [emit(FIND_GT_ZERO, source, node.lineno, "wfc-ast")]
    return []


def _len_compare(node: ast.Compare, source: SourceFile, lengths: set[str]) -> list[RawFinding]:
    """`len(x) < 0` is always false, `len(x) >= 0` always true (also via `n = len(x)`)."""
    is_length = _len_of(node.left) is not None or (
        isinstance(node.left, ast.Name) and node.left.id in lengths
    )
    if len(node.ops) != 1 or not is_length:
        return []
    right = node.comparators[0]
    if not (isinstance(right, ast.Constant) and right.value == 0 and type(right.value) is int):
        return []
    if isinstance(node.ops[0], (ast.Lt, ast.GtE)):
        verdict = "always false" if isinstance(node.ops[0], ast.Lt) else "always true"
        return _constant_condition(
            node, source, f"A length is never negative, so `{ast.unparse(node)}` is {verdict}."
        )
    return []


def _none_result(node: ast.AST, source: SourceFile, lists: set[str]) -> list[RawFinding]:
    value = getattr(node, "value", None)
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _IN_PLACE
        and isinstance(value.func.value, (ast.Name, ast.Attribute, ast.Call))
    ):
        receiver = value.func.value
        if isinstance(receiver, ast.Call) and dotted(receiver.func) not in {"sorted", "list"}:
            return []
        if value.func.attr not in {"sort", "reverse"} and not (
            isinstance(receiver, ast.Call) or dotted(receiver) in lists
        ):
            return []  # other classes' append()/extend() may well return something
        if value.func.attr in {"clear", "remove", "insert"} and isinstance(node, ast.Return):
            return []
        return [
            emit(
                NONE_RESULT,
                source,
                node.lineno,
                "wfc-ast",
                end_line=end_line(node),
                detail=f"`.{value.func.attr}()` returns None.",
            )
        ]
    return []


def _expr_statement(
    node: ast.Expr, ctx: Context, source: SourceFile, async_defs: dict[str, set[str]]
) -> list[RawFinding]:
    call = node.value
    if not isinstance(call, ast.Call):
        return []
    func = call.func
    name = dotted(func)
    if isinstance(func, ast.Attribute):
        receiver = func.value
        # sorted(x).reverse(): the new list is mutated and dropped.
        if (
            func.attr in {"sort", "reverse"}
            and isinstance(receiver, ast.Call)
            and dotted(receiver.func) in {"sorted", "list", "reversed"}
        ):
            return [
                emit(
                    LOST_RESULT,
                    source,
                    node.lineno,
                    "wfc-ast",
                    detail=f"`{ast.unparse(call)[:60]}` mutates a temporary list.",
                )
            ]
        if _is_str_pure(call) and not call.keywords:
            # Without string arguments the receiver may be a mutable text-like class.
            sure = bool(call.args) or isinstance(receiver, ast.Constant)
            return [
                emit(
                    LOST_RESULT,
                    source,
                    node.lineno,
                    "wfc-ast",
                    severity=None if sure else "low",
                    confidence=None if sure else 55,
                    detail=f"`{ast.unparse(call)[:60]}` returns a new string.",
                )
            ]
        # d.get(k, []).append(v)
        if (
            func.attr in {"append", "extend", "add", "update", "insert"}
            and isinstance(receiver, ast.Call)
            and isinstance(receiver.func, ast.Attribute)
            and receiver.func.attr == "get"
            and len(receiver.args) == 2
            and isinstance(receiver.args[1], (ast.List, ast.Dict, ast.Set))
        ):
            return [emit(GET_DEFAULT, source, node.lineno, "wfc-ast")]
    if name in {"sorted"}:
        return [emit(LOST_RESULT, source, node.lineno, "wfc-ast", detail="sorted() returns a new list.")]
    target = _coroutine_target(func, ctx, async_defs)
    if target:
        return [
            emit(
                NOT_AWAITED,
                source,
                node.lineno,
                "wfc-ast",
                detail=f"`{target}` is a coroutine function.",
            )
        ]
    return []


def _list_names(tree: ast.Module) -> set[str]:
    """Names (and self attributes) somewhere bound to a list display, comprehension or list()."""
    out: set[str] = set()
    for node in all_nodes(tree):
        value = getattr(node, "value", None)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and (
            isinstance(value, (ast.List, ast.ListComp))
            or (isinstance(value, ast.Call) and dotted(value.func) in {"list", "sorted"})
        ):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            out |= {dotted(t) for t in targets if isinstance(t, (ast.Name, ast.Attribute))}
    return out


def _is_str_pure(call: ast.Call) -> bool:
    func = call.func
    assert isinstance(func, ast.Attribute)
    if not isinstance(func.value, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant)):
        return False
    if func.attr == "replace":
        return len(call.args) in (2, 3) and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args[:1]
        )
    if func.attr in _STR_PURE:
        return all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
    return False


def _async_definitions(tree: ast.Module) -> dict[str, set[str]]:
    """Module-level async function names (key "") and async method names per class."""
    out: dict[str, set[str]] = {"": set()}
    sync_names: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, ast.AsyncFunctionDef):
            out[""].add(stmt.name)
        elif isinstance(stmt, ast.FunctionDef):
            sync_names.add(stmt.name)
        elif isinstance(stmt, ast.ClassDef):
            out[stmt.name] = {s.name for s in stmt.body if isinstance(s, ast.AsyncFunctionDef)}
    out[""] -= sync_names  # redefined: not sure any more
    return out


def _coroutine_target(func: ast.AST, ctx: Context, async_defs: dict[str, set[str]]) -> str | None:
    if isinstance(func, ast.Name) and func.id in async_defs[""]:
        return func.id
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and ctx.cls is not None
        and func.attr in async_defs.get(ctx.cls.name, set())
    ):
        return f"self.{func.attr}"
    if dotted(func) == "asyncio.sleep":
        return "asyncio.sleep"
    return None


def _format_receivers(tree: ast.Module) -> set[int]:
    """ids of string constants that are used as templates (``.format``/``%``/template calls)."""
    used: set[int] = set()
    template_vars: set[str] = set()
    for node in all_nodes(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"format", "format_map"}:
            if isinstance(node.value, ast.Name):
                template_vars.add(node.value.id)
            else:  # "...".format(), _("...").format(), ("a" if x else "b").format()
                used.update(id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant))
        elif isinstance(node, ast.JoinedStr):
            used.update(id(v) for v in node.values)
    for node in all_nodes(tree):
        if (
            isinstance(node, (ast.Assign, ast.AnnAssign))
            and node.value is not None
            and any(
                isinstance(t, ast.Name) and t.id in template_vars
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            )
        ):
            used.update(id(c) for c in ast.walk(node.value) if isinstance(c, ast.Constant))
        elif isinstance(node, ast.Call) and node.keywords:
            # render("Hello {name}", name=...) / Template-style APIs take the values as keywords.
            used.update(id(a) for a in node.args if isinstance(a, ast.Constant))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                used.add(id(body[0].value))
    return used


def _missing_f(
    node: ast.Constant, ctx: Context, source: SourceFile, format_receivers: set[int]
) -> list[RawFinding]:
    if ctx.func is None or id(node) in format_receivers or "{" not in node.value:
        return []
    wanted = _PLACEHOLDER.findall(node.value)
    if not wanted:
        return []
    local = _local_names(ctx.func)
    if all(name in local for name in wanted):
        return [
            emit(
                MISSING_F,
                source,
                node.lineno,
                "wfc-ast",
                end_line=end_line(node),
                detail=f"Placeholders: {', '.join(sorted(set(wanted)))}.",
            )
        ]
    return []


def _local_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    args = func.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    for node in function_body_nodes(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _unreachable(node: ast.AST, source: SourceFile) -> list[RawFinding]:
    out: list[RawFinding] = []
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if not isinstance(block, list):
            continue
        for index, stmt in enumerate(block[:-1]):
            if isinstance(stmt, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
                rest = block[index + 1 :]
                first = rest[0]
                if _harmless_tail(first):
                    break
                out.append(emit(UNREACHABLE, source, first.lineno, "wfc-ast", end_line=end_line(rest[-1])))
                break
    return out


def _harmless_tail(stmt: ast.stmt) -> bool:
    """`return; yield` (empty generator idiom), `pass` and `...` are deliberate."""
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Yield, ast.YieldFrom)):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _check_after_use(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    """`x.attr` (or `x[...]`) on a line before `if x is None` / `if not x`, same binding."""
    nodes = function_body_nodes(func)
    first_use: dict[str, int] = {}
    assigned: dict[str, list[int]] = {}
    checks: dict[str, int] = {}
    optional: set[str] = set()
    guards: dict[str, int] = {}  # first line where the name takes part in any condition
    for node in nodes:
        if (
            isinstance(node, (ast.Attribute, ast.Subscript))
            and isinstance(node.value, ast.Name)
            and isinstance(node.ctx, ast.Load)
        ):
            name = node.value.id
            first_use[name] = min(first_use.get(name, node.lineno), node.lineno)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            assigned.setdefault(node.id, []).append(node.lineno)
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and _may_return_none(node.value)
        ):
            optional.add(node.targets[0].id)
        elif isinstance(node, ast.If):
            name = _none_tested(node.test)
            if name:
                checks[name] = min(checks.get(name, node.lineno), node.lineno)
        if isinstance(node, (ast.If, ast.IfExp, ast.While, ast.Assert, ast.BoolOp)):
            tests = node.values if isinstance(node, ast.BoolOp) else [node.test]
            for test in tests:
                for inner in ast.walk(test):
                    if isinstance(inner, ast.Name):
                        guards[inner.id] = min(guards.get(inner.id, node.lineno), node.lineno)
    out = []
    for name, check_line in checks.items():
        use = first_use.get(name)
        if use is None or use >= check_line or name not in optional:
            continue
        if guards.get(name, check_line) < check_line and guards[name] <= use:
            continue  # an earlier condition already guards the use
        if any(use <= line <= check_line for line in assigned.get(name, [])):
            continue  # rebound in between: the check is about the new value
        out.append(
            emit(
                CHECK_AFTER_USE,
                source,
                use,
                "wfc-ast",
                detail=f"(`{name}` is checked for None at line {check_line})",
            )
        )
    return out


_OPTIONAL_CALLS = {
    "get",
    "first",
    "one_or_none",
    "find",
    "find_one",
    "fetchone",
    "match",
    "search",
    "fullmatch",
    "get_or_none",
    "scalar",
    "scalar_one_or_none",
}


def _may_return_none(value: ast.expr) -> bool:
    """Calls that conventionally return None for "not found" (dict/ORM get, re.match, ...)."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _OPTIONAL_CALLS
    )


def _none_tested(test: ast.expr) -> str | None:
    """The name an `if` tests for None / falsiness (`x is None`, `not x`, `x`, `x is not None`)."""
    if isinstance(test, ast.Name):
        return test.id
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name):
        return test.operand.id
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
        and isinstance(test.left, ast.Name)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return test.left.id
    return None


def _shadowed(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    assigned: dict[str, int] = {}
    called: dict[str, int] = {}
    for node in function_body_nodes(func):
        if (
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Store)
            and node.id in _BUILTINS_CALLED
            and hasattr(builtins, node.id)
        ):
            assigned.setdefault(node.id, node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _BUILTINS_CALLED
        ):
            called[node.func.id] = max(called.get(node.func.id, 0), node.lineno)
    out = []
    for name, line in assigned.items():
        if called.get(name, 0) > line:
            out.append(emit(SHADOWED, source, line, "wfc-ast", detail=f"(`{name}`)"))
        elif name not in {
            "id",
            "type",
            "input",
            "format",
            "hash",
            "filter",
            "map",
            "iter",
            "next",
            "range",
            "max",
            "min",
            "sum",
            "len",
            "repr",
        }:
            out.append(emit(SHADOWED_LOW, source, line, "wfc-ast", detail=f"(`{name}`)"))
    return out


def _write_then_read(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    """A handle opened write-only and then read, within the region where it is bound."""
    nodes = list(function_body_nodes(func))
    for node in nodes:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name) and _write_only_open(item.context_expr):
                    read = _first_read(item.optional_vars.id, node.body)
                    if read is not None:
                        return [emit(WRITE_THEN_READ, source, read.lineno, "wfc-ast")]
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and _write_only_open(node.value)
        ):
            name = node.targets[0].id
            rebinds = [
                n.lineno
                for n in nodes
                if isinstance(n, ast.Name)
                and n.id == name
                and isinstance(n.ctx, ast.Store)
                and n.lineno > node.lineno
            ]
            stop = min(rebinds, default=10**9)
            for other in nodes:
                if _is_read_of(other, name) and node.lineno < other.lineno < stop:
                    return [emit(WRITE_THEN_READ, source, other.lineno, "wfc-ast")]
    return []


def _write_only_open(call: ast.AST) -> bool:
    if not (isinstance(call, ast.Call) and dotted(call.func) in {"open", "io.open"}):
        return False
    mode = call.args[1] if len(call.args) > 1 else None
    for keyword in call.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
    return (
        isinstance(mode, ast.Constant)
        and isinstance(mode.value, str)
        and mode.value[:1] in {"w", "a", "x"}
        and "+" not in mode.value
    )


def _is_read_of(node: ast.AST, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"read", "readline", "readlines"}
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
    )


def _first_read(name: str, body: list[ast.stmt]) -> ast.AST | None:
    for stmt in body:
        for node in ast.walk(stmt):
            if _is_read_of(node, name):
                return node
    return None


DIV_BY_LEN = Check(
    "WFC-COR-DIV-BY-LEN",
    "The divisor is the length of an argument and nothing checks that it is non-empty, so an "
    "empty input raises ZeroDivisionError.",
)
_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod)
_ZERO_DIV_HANDLERS = re.compile(r"\b(ZeroDivisionError|ArithmeticError|Exception)\b")


def _division_by_len(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    """`x / len(arg)` (or `/ n` with `n = len(arg)`) where the function never tests ``arg`` (or
    ``n``) before the division; low when the only test comes after it."""
    params = {a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs}
    params |= {a.arg for a in (func.args.vararg, func.args.kwarg) if a is not None}
    params -= {"self", "cls"}
    nodes = list(function_body_nodes(func))
    if any(
        isinstance(n, ast.ExceptHandler)
        and (n.type is None or _ZERO_DIV_HANDLERS.search(ast.unparse(n.type)))
        for n in nodes
    ):
        return []
    lengths = {name: seq for name, seq in _length_sources(nodes).items() if seq in params}
    tested = _tested_lines(nodes)
    out = []
    for node in nodes:
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, _DIVISIONS)):
            continue
        if isinstance(node.op, ast.Mod) and _is_format_string(node.left, source.text):
            continue
        seq = _len_of(node.right)
        names = {seq} if seq in params else set()
        if isinstance(node.right, ast.Name) and node.right.id in lengths:
            names = {node.right.id, lengths[node.right.id]}
        if not names:
            continue
        lines = [line for name in names for line in tested.get(name, [])]
        if any(line <= node.lineno for line in lines):
            continue
        out.append(
            emit(
                DIV_BY_LEN,
                source,
                node.lineno,
                "wfc-ast",
                end_line=end_line(node),
                detail=f"(`{ast.unparse(node)[:60]}`)",
                severity="low" if lines or source.is_test else None,
            )
        )
    return out


def _is_format_string(left: ast.expr, text: str) -> bool:
    """`"%d items" % len(xs)` is printf formatting, not a modulo: the left operand is a
    str/bytes literal, an f-string, or a name assigned one."""
    if isinstance(left, ast.Constant) and isinstance(left.value, (str, bytes)):
        return True
    if isinstance(left, ast.JoinedStr):
        return True
    if isinstance(left, ast.Attribute):
        left = ast.Name(id=left.attr)
    if not isinstance(left, ast.Name):
        return False
    name = re.escape(left.id)
    return re.search(rf"(?m)^\s*(self\.)?{name}\s*(:[^=\n]*)?=\s*[rbuRBU]{{0,2}}['\"]", text) is not None


def _length_sources(nodes: list[ast.AST]) -> dict[str, str]:
    """Locals assigned exactly once, from ``len(name)``: local -> name."""
    assigned: dict[str, list[ast.expr]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name):
            assigned.setdefault(node.target.id, []).append(node.value or node.target)
    out = {}
    for name, values in assigned.items():
        seq = _len_of(values[0]) if len(values) == 1 else None
        if seq is not None:
            out[name] = seq
    return out


def _tested_lines(nodes: list[ast.AST]) -> dict[str, list[int]]:
    """Lines where each name appears in a condition (if/while/assert/ternary/and-or/min/max):
    any of them may guard against emptiness."""
    out: dict[str, list[int]] = {}
    for node in nodes:
        tests: list[ast.AST] = []
        if isinstance(node, (ast.If, ast.While, ast.Assert, ast.IfExp)):
            tests = [node.test]
        elif isinstance(node, ast.BoolOp):
            tests = list(node.values)
        elif isinstance(node, ast.Call) and dotted(node.func) in {"max", "min"}:
            tests = list(node.args)
        for test in tests:
            for name in ast.walk(test):
                if isinstance(name, ast.Name):
                    out.setdefault(name.id, []).append(node.lineno)
    return out


SHORT_LOOP = Check(
    "WFC-COR-OFF-BY-ONE",
    "`range(len(seq) - 1)` never reaches the last element, yet the body only reads `seq[i]` (no"
    " `seq[i + 1]` pairing), so the last element is silently skipped.",
    confidence=70,
)


def _short_loop(loop: ast.For, tree: ast.Module, source: SourceFile) -> list[RawFinding]:
    """`for i in range(len(xs) - 1): total += xs[i]` visits every element but the last.

    Pairwise loops (`xs[i + 1]`), loops that use the index for anything but `xs[i]`, and code
    that handles `xs[-1]` separately (separator joins) are the correct look-alikes and stay clean.
    """
    it = loop.iter
    if not (
        isinstance(loop.target, ast.Name)
        and isinstance(it, ast.Call)
        and dotted(it.func) == "range"
        and len(it.args) in (1, 2)
        and not it.keywords
        and (len(it.args) == 1 or (isinstance(it.args[0], ast.Constant) and it.args[0].value == 0))
        and not loop.orelse
    ):
        return []
    stop = it.args[-1]
    if not (
        isinstance(stop, ast.BinOp)
        and isinstance(stop.op, ast.Sub)
        and isinstance(stop.right, ast.Constant)
        and stop.right.value == 1
    ):
        return []
    seq = _len_of(stop.left)
    index = loop.target.id
    if seq is None:
        return []
    body = [n for stmt in loop.body for n in ast.walk(stmt)]
    reads = {
        id(n.slice)
        for n in body
        if isinstance(n, ast.Subscript)
        and dotted(n.value) == seq
        and isinstance(n.slice, ast.Name)
        and n.slice.id == index
        and isinstance(n.ctx, ast.Load)
    }
    uses = [n for n in body if isinstance(n, ast.Name) and n.id == index]
    if not reads or any(id(n) not in reads for n in uses):
        return []  # the index also pairs, compares or addresses something else
    if any(isinstance(n, (ast.Break, ast.Return)) for n in body):
        return []
    if not any(isinstance(n, (ast.AugAssign, ast.Call, ast.Yield)) for n in body):
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and dotted(node.value) == seq:
            key = node.slice
            if not isinstance(key, (ast.Name, ast.Slice)):
                return []  # seq[-1] / seq[len(seq) - 1]: the last element is handled apart
    return [emit(SHORT_LOOP, source, loop.lineno, "wfc-ast", detail=f"(`{seq}[{index}]`)")]
