"""Python reliability rules: swallowed and overly broad exception handlers, leaked resources,
locks released outside finally, unbounded retry loops, network and process calls without
timeouts."""

from __future__ import annotations

import ast
import re

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import (
    call_name,
    dotted,
    end_line,
    function_body_nodes,
    has_keyword,
    is_logging_call,
    keyword_value,
    module_nodes,
    parse,
    raises,
    walk,
)

_R = "reliability"

SWALLOWED = Check(
    "WFC-REL-SWALLOWED-EXCEPTION",
    "Every error in the try block (including bugs) is caught and discarded without logging, so "
    "failures become silent wrong results.",
)
BARE = Check(
    "WFC-REL-BARE-EXCEPT",
    "`except:` also catches KeyboardInterrupt and SystemExit, so the process cannot be stopped "
    "cleanly and real bugs are hidden.",
)
BROAD_LOGGED = Check(
    "WFC-REL-BROAD-EXCEPT",
    "Catching Exception hides unexpected errors behind the handler's fallback behaviour.",
)
FILE_LEAK = Check(
    "WFC-REL-RESOURCE-LEAK",
    "The file/socket/connection is opened outside a `with` block and never closed: it stays "
    "open until garbage collection (later on PyPy, never if a reference is kept), and buffered "
    "writes may be lost.",
)
FILE_LEAK_EXC = Check(
    "WFC-REL-RESOURCE-LEAK",
    "close() is called, but not in a `finally`, so an exception before it leaks the resource.",
    confidence=70,
)
LOCK = Check(
    "WFC-REL-LOCK-RELEASE",
    "If anything between acquire() and release() raises, the lock stays held and every other "
    "thread waiting for it deadlocks.",
)
RETRY = Check(
    "WFC-REL-UNBOUNDED-RETRY",
    "`while True` retries on every exception with no attempt limit, so a permanent failure "
    "spins (and hammers the dependency) forever.",
)
NO_TIMEOUT = Check(
    "WFC-REL-NO-TIMEOUT",
    "Without a timeout a slow or dead peer blocks this call (and its worker) forever.",
)
SUBPROCESS_TIMEOUT = Check(
    "WFC-REL-SUBPROCESS-TIMEOUT",
    "If the child hangs, this call waits forever and ties up the caller.",
)

_BROAD = {"Exception", "BaseException", "builtins.Exception"}
_OPENERS = {
    "open",
    "aiohttp.ClientSession",
    "httpx.Client",
    "httpx.AsyncClient",
    "io.open",
    "socket.socket",
    "socket.create_connection",
    "sqlite3.connect",
    "psycopg2.connect",
    "pymysql.connect",
    "MySQLdb.connect",
    "urlopen",
    "urllib.request.urlopen",
    "request.urlopen",
    "ftplib.FTP",
    "smtplib.SMTP",
    "telnetlib.Telnet",
    "zipfile.ZipFile",
    "tarfile.open",
    "gzip.open",
}
_SUBPROCESS = {
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
}


def check(source: SourceFile) -> list[RawFinding]:
    tree = parse(source.text)
    if tree is None:
        return []
    out: list[RawFinding] = []
    for node, _ctx in module_nodes(source.text):
        if isinstance(node, ast.ExceptHandler):
            out += _handler(node, source)
        elif isinstance(node, ast.Call):
            out += _timeouts(node, source)
            out += _inline_open(node, source)
        elif isinstance(node, ast.While):
            out += _retry(node, source)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += _leaks(node, source)
            out += _locks(node, source)
    return out


def _is_broad(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(k is not None and dotted(k) in _BROAD for k in kinds)


def _handler(handler: ast.ExceptHandler, source: SourceFile) -> list[RawFinding]:
    bare = handler.type is None
    if not (bare or _is_broad(handler)) or raises(handler.body):
        return []
    span = {"end_line": handler.lineno}
    logged = any(
        isinstance(n, ast.Call) and is_logging_call(n)
        for stmt in handler.body
        for n in ast.walk(stmt)
    )
    if bare:
        return [emit(BARE, source, handler.lineno, "wfc-ast", **span)]
    if not logged and _swallows(handler.body):
        explained = _has_comment(source, handler.lineno, end_line(handler))
        return [
            emit(
                SWALLOWED,
                source,
                handler.lineno,
                "wfc-ast",
                **span,
                severity="low" if explained else None,
                detail=f"The handler only does `{ast.unparse(handler.body[0])[:40]}`"
                + (" (a comment says it is deliberate)." if explained else "."),
            )
        ]
    return [emit(BROAD_LOGGED, source, handler.lineno, "wfc-ast", **span)]


def _has_comment(source: SourceFile, first: int, last: int) -> bool:
    """A comment on the handler's lines: the author documented why the error is ignored."""
    lines = source.text.splitlines()[first - 1 : last]
    return any("#" in line and "wfc-expect" not in line for line in lines)


def _swallows(body: list[ast.stmt]) -> bool:
    """pass / continue / ... / return None / bare return: nothing is done with the error."""
    for stmt in body:
        if isinstance(stmt, (ast.Pass, ast.Continue, ast.Break)):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Return) and (
            stmt.value is None
            or (isinstance(stmt.value, ast.Constant) and stmt.value.value is None)
        ):
            continue
        return False
    return True


_HTTP_CALL = re.compile(r"^(requests|httpx)\.(get|post|put|patch|delete|head|options|request)$")


def _timeouts(call: ast.Call, source: SourceFile) -> list[RawFinding]:
    name = call_name(call)
    detail = _timeout_problem(call, name, source)
    if detail is None:
        return []
    rule = SUBPROCESS_TIMEOUT if name in _SUBPROCESS else NO_TIMEOUT
    return [emit(rule, source, call.lineno, "wfc-ast", end_line=end_line(call), detail=detail)]


def _timeout_problem(call: ast.Call, name: str, source: SourceFile) -> str | None:
    """Why ``call`` can block forever (the finding's detail), or None when it is bounded."""
    if _HTTP_CALL.match(name):
        # ruff's S113 needs to see the import; in a partial file it may be outside the hunk.
        timeout = keyword_value(call, "timeout")
        unbounded = not has_keyword(call, "timeout") or (
            isinstance(timeout, ast.Constant) and timeout.value is None
        )
        return f"(`{name}`)" if unbounded else None
    if name in {"httpx.Client", "httpx.AsyncClient"}:
        timeout = keyword_value(call, "timeout")
        if isinstance(timeout, ast.Constant) and timeout.value is None:
            return "(`timeout=None` disables httpx's default timeout)"
        return None
    if name.endswith("urlopen") and not has_keyword(call, "timeout") and len(call.args) < 3:
        return f"(`{name}`)"
    if (
        name in {"socket.create_connection"}
        and not has_keyword(call, "timeout")
        and len(call.args) < 2
    ):
        return f"(`{name}`)"
    if name in _SUBPROCESS and not has_keyword(call, "timeout") and not source.is_test:
        return f"(`{name}`)"
    return None


def _retry(loop: ast.While, source: SourceFile) -> list[RawFinding]:
    test = loop.test
    if not (isinstance(test, ast.Constant) and test.value in (True, 1)):
        return []
    tries = [s for s in loop.body if isinstance(s, ast.Try)]
    others = [s for s in loop.body if not isinstance(s, ast.Try)]
    if not tries or any(_exits(s) for s in others):
        return []
    for attempt in tries:
        success_exit = any(_exits(s) for s in attempt.body + attempt.orelse)
        if not success_exit:
            continue  # a worker loop, not a retry loop
        for handler in attempt.handlers:
            if not (_is_broad_or_bare(handler) or _waits(handler)) or _delegates(handler):
                continue  # `except BlockingIOError: wait_readable()` is I/O, not a retry
            if not any(_exits(s) for s in handler.body) and not _exits_finally(attempt):
                return [emit(RETRY, source, loop.lineno, "wfc-ast", end_line=loop.lineno)]
    return []


def _is_broad_or_bare(handler: ast.ExceptHandler) -> bool:
    return handler.type is None or _is_broad(handler)


def _delegates(handler: ast.ExceptHandler) -> bool:
    """The exception object is handed to a function (which may convert and raise it)."""
    if handler.name is None:
        return False
    return any(
        isinstance(n, ast.Call)
        and any(isinstance(a, ast.Name) and a.id == handler.name for a in n.args)
        for stmt in handler.body
        for n in ast.walk(stmt)
    )


def _waits(handler: ast.ExceptHandler) -> bool:
    """The handler sleeps or explicitly continues: the shape of a retry."""
    for stmt in handler.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Continue):
                return True
            if isinstance(node, ast.Call) and call_name(node).endswith("sleep"):
                return True
    return False


def _exits(stmt: ast.AST) -> bool:
    for node in ast.walk(stmt):
        if isinstance(node, (ast.Raise, ast.Return, ast.Break)):
            return True
        if isinstance(node, ast.Call) and dotted(node.func) in {"sys.exit", "exit", "os._exit"}:
            return True
    return False


def _exits_finally(attempt: ast.Try) -> bool:
    return any(_exits(s) for s in attempt.finalbody)


INLINE_OPEN = Check(
    "WFC-REL-INLINE-OPEN",
    "`open(...)` used inline relies on garbage collection to close the file; on PyPy or in "
    "long-lived loops descriptors pile up, and written data may not be flushed.",
)


def _inline_open(call: ast.Call, source: SourceFile) -> list[RawFinding]:
    """`open(p).read()` or `json.load(open(p))`: the handle is never closed explicitly."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and call_name(func.value) in {"open", "io.open"}
        and func.attr in {"read", "readlines", "readline", "write", "writelines"}
    ):
        return [emit(INLINE_OPEN, source, call.lineno, "wfc-ast")]
    if call_name(call) in {
        "json.load",
        "pickle.load",
        "yaml.safe_load",
        "yaml.load",
        "csv.reader",
        "csv.DictReader",
        "json.dump",
        "pickle.dump",
    } and any(isinstance(a, ast.Call) and call_name(a) in {"open", "io.open"} for a in call.args):
        return [emit(INLINE_OPEN, source, call.lineno, "wfc-ast")]
    return []


def _leaks(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    opened: dict[str, ast.Assign] = {}
    for node in function_body_nodes(func):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and call_name(node.value) in _OPENERS
            and not (
                node.value.args
                and isinstance(node.value.args[0], ast.Name)
                and call_name(node.value).endswith(("ZipFile", "open"))
                and call_name(node.value) not in {"open", "io.open"}
            )
        ):
            opened.setdefault(node.targets[0].id, node)
    if not opened:
        return []
    closed_finally: set[str] = set()
    closed: set[str] = set()
    escapes: set[str] = set()
    for node, ctx in walk(func):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.attr in {"close", "quit", "shutdown"}
        ):
            (closed_finally if ctx.in_finally else closed).add(node.func.value.id)
        elif isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom)) and node.value is not None:
            escapes |= _handed_out(node.value)
        elif isinstance(node, ast.withitem):
            escapes |= {n.id for n in ast.walk(node.context_expr) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Assign) and not all(
            isinstance(t, ast.Name) for t in node.targets
        ):
            escapes |= {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Call) and dotted(node.func).endswith(
            ("closing", "enter_context", "callback", "append")
        ):
            escapes |= {n.id for a in node.args for n in ast.walk(a) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Call):
            # A bound method handed over (`setwriter(f.write)`) keeps the handle alive elsewhere.
            escapes |= {
                a.value.id
                for a in node.args
                if isinstance(a, ast.Attribute) and isinstance(a.value, ast.Name)
            }
    out = []
    for name, assign in opened.items():
        if name in escapes or name in closed_finally:
            continue
        rule = FILE_LEAK_EXC if name in closed else FILE_LEAK
        out.append(
            emit(
                rule,
                source,
                assign.lineno,
                "wfc-ast",
                end_line=end_line(assign),
                detail=f"(`{name} = {call_name(assign.value)}(...)`)",
            )
        )
    return out


def _handed_out(value: ast.AST) -> set[str]:
    """Names the expression passes on as objects (``return fh``, ``return Reader(fh)``), not
    names it only calls methods on (``return fh.read()``)."""
    receivers = {
        id(n.value)
        for n in ast.walk(value)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }
    return {n.id for n in ast.walk(value) if isinstance(n, ast.Name) and id(n) not in receivers}


def _locks(func: ast.FunctionDef | ast.AsyncFunctionDef, source: SourceFile) -> list[RawFinding]:
    if func.name in {"__enter__", "__aenter__", "acquire", "lock", "__init__"}:
        return []  # the release lives in the matching exit method
    acquired: dict[str, ast.AST] = {}
    released_finally: set[str] = set()
    for node, ctx in walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = dotted(node.func.value)
            if node.func.attr == "acquire" and target != "self" and not ctx.in_finally:
                acquired.setdefault(target, node)
            elif node.func.attr == "release" and ctx.in_finally:
                released_finally.add(target)
    return [
        emit(LOCK, source, node.lineno, "wfc-ast", detail=f"(`{name}.acquire()`)")
        for name, node in acquired.items()
        if name not in released_finally
    ]
