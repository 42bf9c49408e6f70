"""Python performance rules: N+1 queries/requests in loops, quadratic list membership, string
building in loops, unbounded caches, regex compiles and deep copies in loops, readlines()."""

from __future__ import annotations

import ast
import re

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import (
    Context,
    all_nodes,
    call_name,
    dotted,
    end_line,
    function_body_nodes,
    keyword_value,
    loop_variables,
    module_nodes,
    names_in,
    parse,
    target_names,
)

_P = "performance"

N_PLUS_ONE = Check(
    "WFC-PERF-N-PLUS-ONE",
    "One round trip per iteration: latency and database load grow with the number of items.",
)
QUADRATIC = Check(
    "WFC-PERF-LIST-MEMBERSHIP",
    "`x in some_list` scans the list each time, so the loop is O(n*m).",
    severity="medium",
)
STR_CONCAT = Check(
    "WFC-PERF-STR-CONCAT",
    "Each += copies the string built so far, which is quadratic for long outputs.",
)
UNBOUNDED_LRU = Check(
    "WFC-PERF-UNBOUNDED-CACHE",
    "maxsize=None / @cache keeps every distinct argument forever; with high-cardinality "
    "arguments the process grows without limit.",
)
GROWING_GLOBAL = Check(
    "WFC-PERF-GROWING-GLOBAL",
    "A function adds to a module-level dict/list and nothing ever removes entries, so memory "
    "grows for the life of the process.",
)
REGEX_IN_LOOP = Check(
    "WFC-PERF-REGEX-IN-LOOP",
    "The pattern is constant but compiled on every iteration.",
)
DEEPCOPY_IN_LOOP = Check(
    "WFC-PERF-DEEPCOPY-IN-LOOP",
    "deepcopy walks the whole object graph on every iteration, which is slow for large objects.",
)
READLINES = Check(
    "WFC-PERF-READLINES",
    "readlines() reads every line into memory before the loop starts.",
)
POP_FRONT = Check(
    "WFC-PERF-LIST-POP-FRONT",
    "Removing or inserting at the front of a list shifts every element: O(n) per call.",
)

_QUERY_SUFFIXES = (
    ".execute",
    ".objects.get",
    ".objects.filter",
    ".objects.exclude",
    ".objects.get_or_create",
    ".query",
    ".scalar",
    ".scalars",
    ".fetch",
    ".fetchrow",
    ".fetchval",
    ".find_one",
    ".find",
)
_HTTP = re.compile(
    r"^(requests|httpx|session|self\.session|client|self\.client|http)"
    r"\.(get|post|put|patch|delete|head|request)$|(^|\.)urlopen$"
)
_LIST_FACTORIES = {"list", "sorted"}
_CACHE_LIKE = re.compile(
    r"cache|memo|seen|history|result|store|session|buffer|pending|events?$"
    r"|requests|log|visited|queue",
    re.IGNORECASE,
)


def check(source: SourceFile) -> list[RawFinding]:
    tree = parse(source.text)
    if tree is None:
        return []
    out: list[RawFinding] = []
    list_names = _list_bound_names(tree)
    for node, ctx in module_nodes(source.text):
        if isinstance(node, ast.Call):
            out += _call_in_loop(node, ctx, source)
            out += _blocking(node, ctx, source)
        elif isinstance(node, ast.Compare) and ctx.loops:
            out += _membership(node, ctx, source, list_names, tree)
            out += _nested_join(node, ctx, source)
        elif isinstance(node, ast.AugAssign) and ctx.loops:
            out += _string_concat(node, ctx, source)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += _unbounded_lru(node, ctx, source)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            if (
                isinstance(node.iter, ast.Call)
                and isinstance(node.iter.func, ast.Attribute)
                and node.iter.func.attr == "readlines"
            ):
                out.append(emit(READLINES, source, node.lineno, "wfc-ast"))
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "readlines"
            and not node.value.args
        ):
            out.append(emit(READLINES, source, node.lineno, "wfc-ast"))
    out += _growing_globals(tree, source)
    return out


BLOCKING = Check(
    "WFC-PERF-BLOCKING-IN-ASYNC",
    "A synchronous sleep/HTTP request/subprocess inside a coroutine blocks the event loop, so "
    "every other task stalls until it returns.",
)
_BLOCKING = re.compile(
    r"^(time\.sleep|requests\.\w+|subprocess\.(run|call|check_call|check_output|Popen)|"
    r"os\.system|os\.popen|(urllib\.request\.)?urlopen|socket\.create_connection)$"
)


def _blocking(call: ast.Call, ctx: Context, source: SourceFile) -> list[RawFinding]:
    """ruff's ASYNC rules need the import in view; this catches the same calls in partial files."""
    if not isinstance(ctx.func, ast.AsyncFunctionDef):
        return []
    name = call_name(call)
    if not _BLOCKING.match(name) or name in {"requests.Session", "requests.Request"}:
        return []
    return [emit(BLOCKING, source, call.lineno, "wfc-ast", end_line=end_line(call), detail=f"(`{name}`)")]


def _call_in_loop(call: ast.Call, ctx: Context, source: SourceFile) -> list[RawFinding]:
    if not ctx.loops:
        return []
    name = call_name(call)
    loop = ctx.loops[-1]
    chain = _call_chain(call)
    query = next((c for c in chain if _is_query(call_name(c))), None)
    if query is not None:
        name = call_name(query)
        varying = set().union(*(loop_variables(lp) for lp in ctx.loops))
        # `session.query(X).filter(X.id == item.id).all()`: the varying part may sit anywhere.
        arg_names = set().union(
            *(names_in(a) for c in chain for a in c.args),
            *(names_in(k.value) for c in chain for k in c.keywords),
            set(),
        )
        if varying & arg_names:
            return [
                emit(
                    N_PLUS_ONE,
                    source,
                    call.lineno,
                    "wfc-ast",
                    end_line=end_line(call),
                    detail=f"`{name}(...)` runs once per iteration of the loop at line {loop.lineno}.",
                )
            ]
        return []
    if name in {"re.compile", "regex.compile"} and call.args:
        varying = set().union(*(loop_variables(lp) for lp in ctx.loops))
        if not (names_in(call.args[0]) & varying):
            return [emit(REGEX_IN_LOOP, source, call.lineno, "wfc-ast")]
    if name in {"copy.deepcopy", "deepcopy"}:
        return [emit(DEEPCOPY_IN_LOOP, source, call.lineno, "wfc-ast")]
    if (
        isinstance(call.func, ast.Attribute)
        and call.func.attr in {"pop", "insert"}
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and call.args[0].value == 0
        and not isinstance(loop, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
    ):
        return [emit(POP_FRONT, source, call.lineno, "wfc-ast")]
    return []


def _call_chain(call: ast.Call) -> list[ast.Call]:
    """`a.query(x).filter(y).all()` -> the calls all(), filter(y), query(x) (outermost first)."""
    chain = [call]
    node: ast.AST = call.func
    while isinstance(node, (ast.Attribute, ast.Call)):
        node = node.value if isinstance(node, ast.Attribute) else node.func
        if isinstance(node, ast.Call):
            chain.append(node)
    return chain


def _is_query(name: str) -> bool:
    if not (name.endswith(_QUERY_SUFFIXES) or _HTTP.search(name)):
        return False
    return not (name.endswith((".find", ".fetch", ".query")) and not _looks_like_db(name))


def _looks_like_db(name: str) -> bool:
    head = name.rsplit(".", 1)[0].lower()
    return any(
        w in head
        for w in (
            "session",
            "db",
            "conn",
            "cursor",
            "cur",
            "collection",
            "objects",
            "repo",
            "client",
            "pool",
            "database",
        )
    )


def _list_bound_names(tree: ast.Module) -> dict[int, set[str]]:
    """Per function (by id; 0 = module), names only ever bound to lists."""
    out: dict[int, set[str]] = {}
    scopes: list[tuple[int, list[ast.AST]]] = [(0, list(tree.body))]
    for node in all_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            scopes.append((id(node), list(function_body_nodes(node))))
    annotated: dict[int, set[str]] = {}
    for node in all_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotated[id(node)] = {
                a.arg
                for a in node.args.args + node.args.kwonlyargs
                if a.annotation is not None
                and re.match(r"^(list|List|typing\.List)\b", ast.unparse(a.annotation))
            }
    for key, nodes in scopes:
        listy: set[str] = set(annotated.get(key, set()))
        other: set[str] = set()
        iterable = nodes if key else [n for s in nodes for n in ast.walk(s)]
        for node in iterable:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        (listy if _is_list_expr(node.value) else other).add(target.id)
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.value is not None
            ):
                (listy if _is_list_expr(node.value) else other).add(node.target.id)
        out[key] = listy - other
    return out


def _is_list_expr(node: ast.AST) -> bool:
    if isinstance(node, (ast.List, ast.ListComp)):
        return True
    return isinstance(node, ast.Call) and dotted(node.func) in _LIST_FACTORIES


def _membership(
    node: ast.Compare,
    ctx: Context,
    source: SourceFile,
    list_names: dict[int, set[str]],
    tree: ast.AST,
) -> list[RawFinding]:
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.In, ast.NotIn)):
        return []
    container = node.comparators[0]
    if not isinstance(container, ast.Name):
        return []
    scope = list_names.get(id(ctx.func), set()) if ctx.func else list_names.get(0, set())
    if container.id not in scope:
        return []
    loop = ctx.loops[-1]
    iterated = getattr(loop, "iter", None)
    if iterated is not None and container.id in names_in(iterated):
        return []
    param = ctx.func is not None and container.id in {a.arg for a in ctx.func.args.args}
    large = not param and _clearly_large(container.id, ctx, tree)
    return [
        emit(
            QUADRATIC,
            source,
            node.lineno,
            "wfc-ast",
            detail=f"`{container.id}` is a list.",
            severity=None if large else "low",
        )
    ]


#: Sources whose size the code does not control: query results and file contents.
_BULK_SOURCE = re.compile(
    r"\.(fetchall|fetchmany|readlines|read|all|values_list|scalars|find|load|loads)\(|"
    r"\bopen\(|\.objects\b|\.execute\(|\.query\("
)


def _clearly_large(name: str, ctx: Context, tree: ast.AST) -> bool:
    """Only a list that is loaded from a query/file, or one that grows with the iterations of
    a nested loop, is big enough for the scan to matter; a small de-duplication list is not."""
    scope: ast.AST = ctx.func if ctx.func is not None else tree
    for node in ast.walk(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(isinstance(t, ast.Name) and t.id == name for t in targets)
            if named and _BULK_SOURCE.search(ast.unparse(node.value)):
                return True
    if len(ctx.loops) < 2:
        return False
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("append", "extend", "insert")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
        for loop in ctx.loops
        for node in ast.walk(loop)
    )


NESTED_JOIN = Check(
    "WFC-PERF-NESTED-LOOP-JOIN",
    "Comparing every item of one collection with every item of another is O(n*m).",
)


def _nested_join(node: ast.Compare, ctx: Context, source: SourceFile) -> list[RawFinding]:
    """`for a in xs: for b in ys: if a.id == b.id:` (two plain for-loops, different targets)."""
    loops = [lp for lp in ctx.loops if isinstance(lp, ast.For)]
    if len(loops) < 2 or len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq):
        return []
    outer, inner = loops[-2], loops[-1]
    outer_names, inner_names = target_names(outer.target), target_names(inner.target)
    left, right = names_in(node.left), names_in(node.comparators[0])
    if (left & outer_names and right & inner_names) or (left & inner_names and right & outer_names):
        if not (names_in(inner.iter) & outer_names):  # ys independent of the outer item
            return [emit(NESTED_JOIN, source, node.lineno, "wfc-ast")]
    return []


def _string_concat(node: ast.AugAssign, ctx: Context, source: SourceFile) -> list[RawFinding]:
    if not (isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name)):
        return []
    if isinstance(ctx.loops[-1], (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        return []
    if not (isinstance(node.value, ast.JoinedStr) or _str_initialised(node.target.id, ctx)):
        return []
    return [emit(STR_CONCAT, source, node.lineno, "wfc-ast", detail=f"(`{node.target.id}`)")]


def _str_initialised(name: str, ctx: Context) -> bool:
    if ctx.func is None:
        return False
    for node in function_body_nodes(ctx.func):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = node.value
            return isinstance(value, ast.JoinedStr) or (
                isinstance(value, ast.Constant) and isinstance(value.value, str)
            )
    return False


def _unbounded_lru(
    func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context, source: SourceFile
) -> list[RawFinding]:
    if ctx.cls is not None:
        return []  # methods: ruff B019 reports these
    for decorator in func.decorator_list:
        name = dotted(decorator.func if isinstance(decorator, ast.Call) else decorator)
        if name in {"cache", "functools.cache"}:
            unbounded = True
        elif name in {"lru_cache", "functools.lru_cache"} and isinstance(decorator, ast.Call):
            size = keyword_value(decorator, "maxsize")
            if size is None and decorator.args:
                size = decorator.args[0]
            unbounded = isinstance(size, ast.Constant) and size.value is None
        else:
            continue
        if unbounded and (func.args.args or func.args.kwonlyargs):
            return [emit(UNBOUNDED_LRU, source, decorator.lineno, "wfc-ast", detail=f"(`{func.name}`)")]
    return []


_GROW_METHODS = {"append", "add", "update", "setdefault", "extend", "insert"}
_SHRINK_METHODS = {"pop", "popitem", "clear", "remove", "discard", "popleft"}


def _growing_globals(tree: ast.Module, source: SourceFile) -> list[RawFinding]:
    containers: set[str] = set()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            value = stmt.value
            if (isinstance(value, (ast.Dict, ast.List, ast.Set)) and not _has_elements(value)) or (
                isinstance(value, ast.Call)
                and dotted(value.func)
                in {
                    "dict",
                    "list",
                    "set",
                    "collections.defaultdict",
                    "defaultdict",
                    "OrderedDict",
                    "collections.OrderedDict",
                }
                and not value.args[1:]
            ):
                containers |= {t.id for t in targets if isinstance(t, ast.Name)}
    if not containers:
        return []
    shrunk: set[str] = set()
    grows: dict[str, ast.AST] = {}
    fillers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in all_nodes(tree):
        if isinstance(node, ast.Delete):
            shrunk |= {dotted(t.value) for t in node.targets if isinstance(t, ast.Subscript)}
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
        ):
            if node.func.attr in _SHRINK_METHODS:
                shrunk.add(node.func.value.id)
        elif isinstance(node, ast.Call) and dotted(node.func) == "len" and node.args:
            shrunk.add(dotted(node.args[0]))  # a size check suggests a bound
    for func in all_nodes(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or _returns_parameter(func):
            continue
        for node in function_body_nodes(func):
            target = None
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name):
                        target = t.value.id
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.attr in _GROW_METHODS
            ):
                target = node.func.value.id
            if target in containers and target not in shrunk and target not in grows:
                grows[target] = node
                fillers[target] = func
    regexes = _module_regexes(tree)
    return [
        emit(
            GROWING_GLOBAL,
            source,
            node.lineno,
            "wfc-ast",
            detail=f"(`{name}`)",
            severity="medium"
            if _CACHE_LIKE.search(name) and not _is_pure_memo(fillers[name], regexes)
            else "low",
        )
        for name, node in grows.items()
    ]


#: Builtins that neither do I/O nor depend on anything but their arguments.
_PURE_BUILTINS = frozenset(
    {
        "abs", "all", "any", "bool", "chr", "dict", "divmod", "enumerate", "float", "frozenset",
        "hash", "hex", "int", "isinstance", "len", "list", "max", "min", "oct", "ord", "range",
        "repr", "reversed", "set", "sorted", "str", "sum", "tuple", "zip",
    }
)  # fmt: skip


def _module_regexes(tree: ast.Module) -> frozenset[str]:
    """Module-level names bound to ``re.compile(...)``: their methods are pure."""
    names: set[str] = set()
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Call)
            and dotted(stmt.value.func) in {"re.compile", "compile"}
        ):
            names |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
    return frozenset(names)


def _call_root(node: ast.AST) -> ast.AST:
    """The innermost object of a call chain such as ``hex(i)[2:].upper``."""
    while True:
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return node


def _is_pure_memo(func: ast.FunctionDef | ast.AsyncFunctionDef, regexes: frozenset[str]) -> bool:
    """A memo filled only by in-process computation over the key (no I/O, no unknown callees).

    Such caches (``_looks_like_xml_cache[hash(text)] = rv``, per-charset lookup tables) are
    bounded in practice by the few distinct keys callers use; a cache filled from a database,
    network or unknown helper call is the memory leak the rule is meant to find.
    """
    if isinstance(func, ast.AsyncFunctionDef):
        return False
    # Method calls are trusted only on values built here: a parameter may be a db session.
    body = function_body_nodes(func)
    local = {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in body:
        if isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom)):
            return False
        if not isinstance(node, ast.Call):
            continue
        root = _call_root(node.func)
        if isinstance(root, ast.Constant):
            continue
        if not isinstance(root, ast.Name):
            return False
        if isinstance(node.func, ast.Name):
            if root.id not in _PURE_BUILTINS:
                return False
        elif root.id not in local and root.id not in regexes and root.id not in _PURE_BUILTINS:
            return False
    return True


def _has_elements(node: ast.AST) -> bool:
    return bool(getattr(node, "elts", None) or getattr(node, "keys", None))


def _returns_parameter(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Registration decorators (`def register(cls): REGISTRY[...] = cls; return cls`) grow once."""
    params = {a.arg for a in func.args.args}
    return any(
        isinstance(n, ast.Return) and isinstance(n.value, ast.Name) and n.value.id in params
        for n in function_body_nodes(func)
    )
