"""JavaScript/TypeScript rules (ast-grep): empty catch, unhandled promises, fetch without an
abort signal, awaited queries in loops, sync I/O in async code, off-by-one loops, NaN and
self comparisons, async callbacks passed to forEach."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.js_numeric_sort import check_call as numeric_sort
from wfc_server.review.quality.sg_common import (
    INDEX_OF_GT_ZERO,
    block_statements,
    enclosing_function,
    enclosing_loops,
    end_of,
    find_kind,
    find_kinds,
    grammar_for,
    identifiers,
    is_async_function,
    line_of,
    loop_bound_names,
    misleading_indentation,
    next_statement,
    responded_then_continued,
    root_for,
    trailing_call,
)

EMPTY_CATCH = Check(
    "WFC-REL-JS-EMPTY-CATCH",
    "Every error thrown in the try block is silently discarded, so failures turn into wrong "
    "results with no trace.",
)
UNHANDLED_PROMISE = Check(
    "WFC-REL-JS-UNHANDLED-PROMISE",
    "A rejection in this `.then()` chain is never handled: it becomes an unhandledRejection, "
    "which crashes Node.js by default.",
)
FETCH_NO_SIGNAL = Check(
    "WFC-REL-JS-FETCH-TIMEOUT",
    "fetch has no default timeout; a hung server keeps the request (and its caller) waiting.",
)
N_PLUS_ONE = Check(
    "WFC-PERF-N-PLUS-ONE",
    "One round trip per iteration, executed sequentially: latency grows with the item count.",
)
SYNC_IO = Check(
    "WFC-PERF-JS-SYNC-IO",
    "The *Sync call blocks the event loop, stalling every other request until it finishes.",
)
OFF_BY_ONE = Check(
    "WFC-COR-OFF-BY-ONE",
    "`i <= arr.length` makes the last iteration read arr[arr.length], which is undefined.",
)
NAN_COMPARE = Check(
    "WFC-COR-NAN-COMPARE",
    "NaN is not equal to anything, itself included, so this comparison is constant.",
)
SELF_COMPARE = Check(
    "WFC-COR-SELF-COMPARE",
    "Both operands are the same expression; the result is constant, so the other operand was "
    "probably meant to differ.",
)
ASSIGN_IN_IF = Check(
    "WFC-COR-ASSIGN-IN-CONDITION",
    "`if (a = b)` assigns instead of comparing; the branch depends on the assigned value.",
)
ASYNC_FOREACH = Check(
    "WFC-COR-ASYNC-FOREACH",
    "forEach ignores the returned promises, so the loop finishes before the work does and "
    "rejections go unhandled.",
)
TYPEOF_TYPO = Check(
    "WFC-COR-TYPEOF",
    "typeof never returns this string, so the comparison is constant.",
)

INDEX_GT_ZERO = INDEX_OF_GT_ZERO
NO_RETURN_CALLBACK = Check(
    "WFC-COR-JS-CALLBACK-NO-RETURN",
    "The callback has a block body without `return`, so map() yields undefined for every "
    "element (filter/find/some/every see a falsy result).",
)
NEGATION_PRECEDENCE = Check(
    "WFC-COR-JS-NEGATION-PRECEDENCE",
    "`!a > b` is `(!a) > b`: the boolean is compared, not the value.",
)
CONTINUES_AFTER_RESPONSE = Check(
    "WFC-COR-JS-NO-RETURN-AFTER-RESPONSE",
    "next(err)/res.send() do not stop the function; without `return` the code after the `if` "
    "still runs (often sending a second response: ERR_HTTP_HEADERS_SENT).",
)
_RESPONSE_CALL = re.compile(
    r"^(next|done|callback|cb)$|^(res|response|reply)\b.*\.(send|json|end|"
    r"redirect|render|sendStatus|sendFile|download)$"
)
THROW_IN_CALLBACK = Check(
    "WFC-REL-JS-THROW-IN-CALLBACK",
    "The callback runs later on its own stack; nothing can catch this throw, so it becomes an "
    "uncaughtException that crashes the process (or the error response is never sent).",
)
NOT_AWAITED = Check(
    "WFC-COR-NOT-AWAITED",
    "The promise is dropped: the caller continues before the work finishes and a rejection "
    "becomes an unhandled rejection.",
    severity="medium",
    confidence=75,
)
_QUERY_CALL = re.compile(
    r"(^|\.)(query|execute|exec|findOne|findById|findByPk|findUnique|findFirst|findMany|"
    r"find|get|post|put|patch|delete|fetch|request|select|insert|update|count|aggregate|"
    r"findAll|raw)$"
)
_DB_RECEIVER = re.compile(
    r"(db|database|pool|client|conn|connection|knex|prisma|repo|repository|model|collection|"
    r"axios|http|api|session|sequelize|mongoose|redis|sql|store)",
    re.IGNORECASE,
)
_SYNC_CALL = re.compile(
    r"(^|\.)(readFileSync|writeFileSync|execSync|spawnSync|execFileSync|"
    r"readdirSync|statSync|appendFileSync|existsSync|pbkdf2Sync|scryptSync)$"
)
_TYPEOF_OK = {"undefined", "object", "boolean", "number", "bigint", "string", "symbol", "function"}


def check(source: SourceFile) -> list[RawFinding]:
    root = root_for(source)
    if root is None:
        return []
    out: list[RawFinding] = []
    for node in root.find_all(kind="catch_clause"):
        out += _empty_catch(node, source)
    async_names = {
        n.field("name").text()
        for n in root.find_all(kind="function_declaration")
        if n.field("name") is not None and is_async_function(n)
    }
    declared_async = promise_methods(root, source)
    for node in root.find_all(kind="expression_statement"):
        out += _unhandled_then(node, source)
        out += _not_awaited(node, async_names, source)
        out += floating_promise(node, declared_async, source)
    for node in root.find_all(kind="call_expression"):
        out += _call(node, source)
        out += _slice_window(node, source)
    for node in root.find_all(kind="for_statement"):
        out += _off_by_one(node, source)
    for node in root.find_all(kind="statement_block"):
        out += unguarded_counter(node, source)
    for node in root.find_all(kind="new_expression"):
        out += date_month(node, source)
    out += growing_module_caches(root, source)
    for node in root.find_all(kind="throw_statement"):
        out += _throw_in_callback(node, source)
    for node in root.find_all(kind="binary_expression"):
        out += _binary(node, source)
    for node in root.find_all(kind="if_statement"):
        out += _continues_after_response(node, source)
        out += misleading_indentation(node, source)
        cond = node.field("condition")
        named = [c for c in cond.children() if c.is_named()] if cond is not None else []
        if len(named) == 1 and named[0].kind() == "assignment_expression":
            right = named[0].field("right")
            deliberate = right is not None and right.kind() in {
                "call_expression",
                "await_expression",
            }
            out.append(
                emit(
                    ASSIGN_IN_IF,
                    source,
                    line_of(node),
                    "ast-grep",
                    severity="low" if deliberate else None,
                )
            )
    return out


def _empty_catch(node: SgNode, source: SourceFile) -> list[RawFinding]:
    body = node.field("body")
    if body is None:
        return []
    named = block_statements(body)
    if not named and not _comment_before(source, line_of(node)):
        return [emit(EMPTY_CATCH, source, line_of(node), "ast-grep")]
    reason = _softened_catch(named, source, line_of(node))
    if reason is None:
        return []
    return [emit(EMPTY_CATCH, source, line_of(node), "ast-grep", severity="low", detail=reason)]


def _softened_catch(named: list[SgNode], source: SourceFile, line: int) -> str | None:
    """Why a catch that swallows the error is only worth a low finding (None: not swallowed)."""
    if not named and _comment_before(source, line):
        return "A comment just before it marks the silence as deliberate."
    code = [c for c in named if c.kind() != "comment"]
    if code and all(re.fullmatch(r"console\.\w+\(.*\);?", c.text(), re.DOTALL) for c in code):
        return "The handler only logs to the console and carries on."
    if all(c.kind() == "comment" for c in named):
        return "Only a comment explains the silence."
    return None


def _continues_after_response(node: SgNode, source: SourceFile) -> list[RawFinding]:
    body = node.field("consequence")
    if body is None or node.field("alternative") is not None:
        return []
    statements = block_statements(body) if body.kind() == "statement_block" else [body]
    statements = [st for st in statements if st.kind() != "comment"]
    call = trailing_call(statements)
    if call is None:
        return []
    func, args = call.field("function"), call.field("arguments")
    name = func.text() if func is not None else ""
    has_args = args is not None and any(a.is_named() for a in args.children())
    if not _RESPONSE_CALL.search(name) or (
        name in {"next", "done", "callback", "cb"} and not has_args
    ):
        return []
    if next_statement(node) is None:
        return []
    return [
        responded_then_continued(statements[-1], source, CONTINUES_AFTER_RESPONSE, f"{name}(...)")
    ]


def _throw_in_callback(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """`fs.readFile(p, function (err, buf) { if (err) throw err; ... })`."""
    func = enclosing_function(node)
    if func is None or func.kind() not in {"function_expression", "function", "arrow_function"}:
        return []
    parent = func.parent()
    if parent is None or parent.kind() != "arguments":
        return []
    params = func.field("parameters")
    first = next((p for p in params.children() if p.is_named()), None) if params else None
    if first is None or not re.fullmatch(r"(err|error|e|er)\b.*", first.text()):
        return []
    return [emit(THROW_IN_CALLBACK, source, line_of(node), "ast-grep")]


def _comment_before(source: SourceFile, line: int) -> bool:
    lines = source.text.splitlines()
    previous = lines[line - 2].strip() if line >= 2 and len(lines) >= line - 1 else ""
    return previous.startswith(("//", "/*", "*"))


def _unhandled_then(node: SgNode, source: SourceFile) -> list[RawFinding]:
    expr = next((c for c in node.children() if c.is_named()), None)
    if expr is None or expr.kind() != "call_expression":
        return []
    text = expr.text()
    if ".then(" not in text or re.search(r"\.(catch|finally)\s*\(", text):
        return []
    func = expr.field("function")
    if func is None or func.kind() != "member_expression":
        return []
    prop = func.field("property")
    if prop is None or prop.text() != "then":
        return []
    args = expr.field("arguments")
    if args is not None and len([a for a in args.children() if a.is_named()]) >= 2:
        return []  # .then(onFulfilled, onRejected)
    return [emit(UNHANDLED_PROMISE, source, line_of(node), "ast-grep", end_line=end_of(node))]


def _not_awaited(node: SgNode, async_names: set[str], source: SourceFile) -> list[RawFinding]:
    """A bare statement calling an async function of this file inside an async function."""
    expr = next((c for c in node.children() if c.is_named()), None)
    if expr is None or expr.kind() != "call_expression":
        return []
    func = expr.field("function")
    if func is None or func.kind() != "identifier" or func.text() not in async_names:
        return []
    if not is_async_function(enclosing_function(node)):
        return []
    return [emit(NOT_AWAITED, source, line_of(node), "ast-grep", detail=f"(`{func.text()}`)")]


def _call(node: SgNode, source: SourceFile) -> list[RawFinding]:
    func = node.field("function")
    if func is None:
        return []
    name = func.text()
    out: list[RawFinding] = []
    args = node.field("arguments")
    arg_nodes = [a for a in args.children() if a.is_named()] if args is not None else []
    if (
        name == "fetch"
        and not any("signal" in a.text() for a in arg_nodes[1:2])
        and not (len(arg_nodes) > 1 and arg_nodes[1].kind() == "identifier")
    ):
        out.append(emit(FETCH_NO_SIGNAL, source, line_of(node), "ast-grep"))
    if _SYNC_CALL.search(name):
        func_node = enclosing_function(node)
        if is_async_function(func_node) or _is_handler(func_node):
            out.append(emit(SYNC_IO, source, line_of(node), "ast-grep", detail=f"(`{name}`)"))
    if (
        name.endswith(".forEach")
        and arg_nodes
        and is_async_function(arg_nodes[0])
        and arg_nodes[0].kind() in {"arrow_function", "function_expression", "function"}
    ):
        out.append(emit(ASYNC_FOREACH, source, line_of(node), "ast-grep"))
    out += _query_in_loop(node, name, arg_nodes, source)
    out += numeric_sort(node, name, arg_nodes, source)
    out += leaked_interval(node, name, source)
    out += unhandled_pipe(node, name, arg_nodes, source)
    out += _membership_in_loop(node, func, source)
    if (
        re.search(r"\.(map|filter|find|findIndex|some|every|flatMap)$", name)
        and arg_nodes
        and arg_nodes[0].kind() in {"arrow_function", "function_expression", "function"}
    ):
        body = arg_nodes[0].field("body")
        if (
            body is not None
            and body.kind() == "statement_block"
            and block_statements(body)
            and not find_kind(body, "return_statement")
            and not find_kind(body, "throw_statement")
        ):
            out.append(
                emit(
                    NO_RETURN_CALLBACK,
                    source,
                    line_of(node),
                    "ast-grep",
                    detail=f"(`{name.rsplit('.', 1)[-1]}`)",
                )
            )
    return out


LINEAR_LOOKUP = Check(
    "WFC-PERF-LIST-MEMBERSHIP",
    "includes()/indexOf() scan the whole array on every iteration, so the loop is O(n*m).",
    confidence=55,
)


def _membership_in_loop(node: SgNode, func: SgNode, source: SourceFile) -> list[RawFinding]:
    if func.kind() != "member_expression":
        return []
    prop, obj = func.field("property"), func.field("object")
    if (
        prop is None
        or obj is None
        or prop.text() not in {"includes", "indexOf"}
        or obj.kind() != "identifier"
    ):
        return []
    loops = enclosing_loops(node)
    if not loops or obj.text() in loop_bound_names(loops[0]):
        return []
    header = loops[0].text().split("{", 1)[0]
    if re.search(rf"\b{re.escape(obj.text())}\b", header):
        return []  # iterating the same array
    return [emit(LINEAR_LOOKUP, source, line_of(node), "ast-grep", detail=f"(`{obj.text()}`)")]


def _is_handler(func: SgNode | None) -> bool:
    """Express-style request handlers `(req, res) => ...` run on the event loop per request."""
    if func is None:
        return False
    params = func.field("parameters")
    text = params.text() if params is not None else ""
    return bool(re.match(r"\(\s*(req|request)\b.*\b(res|response)\b", text))


def _query_in_loop(
    node: SgNode, name: str, args: list[SgNode], source: SourceFile
) -> list[RawFinding]:
    parent = node.parent()
    if parent is None or parent.kind() != "await_expression":
        return []
    if not _is_remote_call(name):
        return []
    loops = enclosing_loops(node)
    if not loops:
        return []
    varying = set().union(*(loop_bound_names(loop) for loop in loops))
    used = set().union(*(identifiers(a) for a in args), set())
    if not varying & used:
        return []
    return [
        emit(
            N_PLUS_ONE,
            source,
            line_of(node),
            "ast-grep",
            end_line=end_of(node),
            detail=f"`{name}(...)` is awaited once per iteration of the loop at line {line_of(loops[0])}.",
        )
    ]


def _is_remote_call(name: str) -> bool:
    """fetch/axios, or a query-like method on a receiver that looks like a DB/HTTP client or a
    model class (``User.findById``)."""
    if name in {"fetch", "axios", "request", "got"}:
        return True
    if "." not in name or not _QUERY_CALL.search(name):
        return False
    receiver = name.rsplit(".", 1)[0]
    last = receiver.rsplit(".", 1)[-1]
    return bool(_DB_RECEIVER.search(receiver)) or last[:1].isupper()


def _off_by_one(node: SgNode, source: SourceFile) -> list[RawFinding]:
    cond = node.field("condition")
    if cond is None:
        return []
    match = re.search(r"(\w+)\s*<=\s*([\w.]+)\.length\b", cond.text())
    if not match:
        return []
    index, seq = match.group(1), match.group(2)
    body = node.field("body")
    if body is not None and re.search(
        rf"\b{re.escape(seq)}\[\s*{re.escape(index)}\s*\]", body.text()
    ):
        return [emit(OFF_BY_ONE, source, line_of(node), "ast-grep")]
    return []


def _binary(node: SgNode, source: SourceFile) -> list[RawFinding]:
    op = node.field("operator")
    left, right = node.field("left"), node.field("right")
    if op is None or left is None or right is None:
        return []
    func = left.field("function") if left.kind() == "call_expression" else None
    if (
        op.text() == ">"
        and right.text() == "0"
        and func is not None
        and func.text().endswith(".indexOf")
    ):
        return [emit(INDEX_GT_ZERO, source, line_of(node), "ast-grep")]
    if (
        op.text() in {">", "<", ">=", "<=", "==", "===", "!=", "!=="}
        and left.kind() == "unary_expression"
        and left.text().startswith("!")
        and not left.text().startswith("!!")
        and right.kind() in {"number", "identifier", "member_expression"}
    ):
        return [emit(NEGATION_PRECEDENCE, source, line_of(node), "ast-grep")]
    if op.text() not in {"==", "===", "!=", "!=="}:
        return []
    if "NaN" in {left.text(), right.text(), "Number.NaN"} or right.text() == "Number.NaN":
        return [emit(NAN_COMPARE, source, line_of(node), "ast-grep")]
    if (
        op.text() in {"==", "==="}
        and left.text() == right.text()
        and left.kind() in {"identifier", "member_expression"}
    ):
        return [emit(SELF_COMPARE, source, line_of(node), "ast-grep")]
    for side, other in ((left, right), (right, left)):
        if (
            side.kind() == "unary_expression"
            and side.text().startswith("typeof")
            and other.kind() == "string"
        ):
            value = other.text().strip("'\"`")
            if value not in _TYPEOF_OK:
                return [emit(TYPEOF_TYPO, source, line_of(node), "ast-grep", detail=f"(`{value}`)")]
    return []


SLICE_END = Check(
    "WFC-COR-OFF-BY-ONE",
    "`seq.slice(start, start + n - 1)` returns n - 1 items: the end index is already exclusive,"
    " so the `- 1` drops the last element of every window/page.",
    confidence=75,
)
_SLICE_WINDOW = re.compile(r"^\(\s*(\w+)\s*,\s*(\w+)\s*\+\s*\w+\s*-\s*1\s*\)$")


def _slice_window(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """`xs.slice(start, start + size - 1)`; `s.slice(0, n - 1)` (drop the last char) stays clean."""
    func = node.field("function")
    args = node.field("arguments")
    if func is None or args is None or not func.text().endswith((".slice", ".subarray")):
        return []
    match = _SLICE_WINDOW.match(args.text())
    if not match or match.group(1) != match.group(2):
        return []
    return [emit(SLICE_END, source, line_of(node), "ast-grep")]


FLOATING_PROMISE = Check(
    "WFC-REL-FLOATING-PROMISE",
    "The promise of an async client/repository call is neither awaited, returned nor "
    "`.catch`ed: the function reports success before the write happens and a failure becomes an"
    " unhandled rejection.",
)
#: Receivers (last segment, whole word) that are clients of something remote.
_ASYNC_RECEIVER = re.compile(
    r"(db|database|pool|\w*client|conn|connection|knex|prisma|\w*repo|\w*repository|"
    r"\w*collection|\w*api|redis|sequelize|\w*dao|\w*service|producer|publisher)",
    re.IGNORECASE,
)
_ASYNC_METHOD = re.compile(
    r"(query|execute|exec|insert\w*|update\w*|delete\w*|upsert|save|create|remove|destroy|"
    r"send|publish|findOne|findById|findMany|findAll|bulkWrite|post|put|patch|request|"
    r"enqueue|commit|rollback)"
)


_METHOD_KINDS = frozenset({"method_signature", "method_definition"})


def promise_methods(root: SgNode, source: SourceFile) -> set[str]:
    """Methods this file declares as async or returning a Promise (interfaces, classes)."""
    grammar = grammar_for(source)
    names: set[str] = set()
    sync: set[str] = set()
    for node in find_kinds(root, _METHOD_KINDS, grammar) if grammar else []:
        name, ret = node.field("name"), node.field("return_type")
        if name is None:
            continue
        if (ret is not None and "Promise<" in ret.text()) or is_async_function(node):
            names.add(name.text())
        else:
            sync.add(name.text())
    return names - sync  # a name also declared synchronous is ambiguous


def floating_promise(node: SgNode, methods: set[str], source: SourceFile) -> list[RawFinding]:
    """A bare ``db.insert(...)`` statement in an async function (`void db.x()` is deliberate)."""
    expr = next((c for c in node.children() if c.is_named()), None)
    if expr is None or expr.kind() != "call_expression":
        return []
    func = expr.field("function")
    if func is None or func.kind() != "member_expression":
        return []
    receiver, prop = func.field("object"), func.field("property")
    if receiver is None or prop is None or receiver.kind() not in {"identifier", "member_expression"}:
        return []
    last = receiver.text().rsplit(".", 1)[-1]
    method = prop.text()
    remote = _ASYNC_RECEIVER.fullmatch(last) is not None and _ASYNC_METHOD.fullmatch(method) is not None
    if not (remote or method in methods):
        return []
    if not is_async_function(enclosing_function(node)):
        return []
    return [emit(FLOATING_PROMISE, source, line_of(node), "ast-grep", detail=f"(`{func.text()}`)")]


UNGUARDED_COUNTER = Check(
    "WFC-REL-COUNTER-NO-FINALLY",
    "The counter or flag is set before the await and restored after it; when the awaited call "
    "throws, the restore never runs and the limiter/lock stays taken for good.",
)
_TAKE = re.compile(r"^((?:this\.)?\w+)\s*(\+\+|\+=\s*1\b|=\s*true\b)")
_TAKE_PREFIX = re.compile(r"^\+\+\s*((?:this\.)?\w+)")


def _restores(text: str, name: str, flag: bool) -> bool:
    target = re.escape(name)
    if flag:
        return re.match(rf"^{target}\s*=\s*false\b", text) is not None
    return re.match(rf"^({target}\s*(--|-=)|--\s*{target}\b)", text) is not None


def unguarded_counter(block: SgNode, source: SourceFile) -> list[RawFinding]:
    """`n++; await work(); n--;` as siblings of one block of an async function."""
    if not is_async_function(enclosing_function(block)):
        return []
    statements = [s for s in block_statements(block) if not s.kind().endswith("comment")]
    out: list[RawFinding] = []
    for i, stmt in enumerate(statements):
        if stmt.kind() != "expression_statement":
            continue
        text = stmt.text().strip()
        match = _TAKE.match(text) or _TAKE_PREFIX.match(text)
        if not match:
            continue
        name = match.group(1)
        flag = "true" in match.group(0)
        awaited: SgNode | None = None
        for later in statements[i + 1 :]:
            if later.kind() == "try_statement":
                break  # the awaited work is guarded (or the restore sits in finally)
            if _restores(later.text().strip(), name, flag):
                if awaited is not None:
                    out.append(
                        emit(UNGUARDED_COUNTER, source, line_of(awaited), "ast-grep", detail=f"(`{name}`)")
                    )
                break
            if awaited is None and re.search(r"\bawait\b", later.text()):
                awaited = later
    return out


LEAKED_INTERVAL = Check(
    "WFC-REL-LEAKED-INTERVAL",
    "The interval is created inside a function and its handle is never passed to clearInterval,"
    " so every call adds a timer that runs (and keeps its closure alive) forever.",
)
UNHANDLED_PIPE = Check(
    "WFC-REL-PIPE-NO-ERROR",
    "`a.pipe(b)` does not forward errors: a failing source or destination never reaches the "
    "completion callback and leaks the open file/socket.",
)
_REQUEST_PARAM = re.compile(r"\b(req|request|res|response|ctx)\b")
_ERROR_LISTENER = re.compile(r"\.(on|once|addListener)\(\s*['\"]error['\"]")


def _in_request_handler(node: SgNode) -> bool:
    for anc in node.ancestors():
        if anc.kind() in {"arrow_function", "function_declaration", "function_expression", "function",
                          "method_definition"}:
            params = anc.field("parameters")
            if params is not None and _REQUEST_PARAM.search(params.text()):
                return True
    return False


def leaked_interval(node: SgNode, name: str, source: SourceFile) -> list[RawFinding]:
    """`setInterval(...)` in a function with its handle dropped or never cleared."""
    if name not in {"setInterval", "global.setInterval", "window.setInterval"}:
        return []
    if enclosing_function(node) is None:
        return []  # module-level timers live as long as the process by design
    parent = node.parent()
    text = source.text
    if parent is not None and parent.kind() == "variable_declarator":
        handle = parent.field("name")
        if handle is None or re.search(rf"clearInterval\(\s*{re.escape(handle.text())}\b", text):
            return []
    elif parent is not None and parent.kind() == "assignment_expression":
        left = parent.field("left")
        if left is None or "clearInterval(" + left.text() in re.sub(r"\s+", "", text):
            return []
    elif parent is None or parent.kind() != "expression_statement":
        return []  # returned or passed on: the caller owns the handle
    severity = "medium" if _in_request_handler(node) else "low"
    return [emit(LEAKED_INTERVAL, source, line_of(node), "ast-grep", severity=severity)]


def unhandled_pipe(node: SgNode, name: str, args: list[SgNode], source: SourceFile) -> list[RawFinding]:
    """`src.pipe(dest)` with no error listener and no stream.pipeline in the file."""
    if not name.endswith(".pipe") or len(args) != 1:
        return []
    arg = args[0]
    if arg.kind() == "call_expression":
        callee = arg.field("function")
        if callee is not None and callee.kind() == "identifier":
            return []  # rxjs-style operator: `obs.pipe(map(...))`
    text = source.text
    if "pipeline" in text or "rxjs" in text or _ERROR_LISTENER.search(text):
        return []
    func = node.field("function")
    receiver = func.field("object") if func is not None else None
    from_request = receiver is not None and receiver.text() in {"req", "request"}
    severity = "medium" if from_request or _in_request_handler(node) else "low"
    return [emit(UNHANDLED_PIPE, source, line_of(node), "ast-grep", severity=severity)]


DATE_MONTH = Check(
    "WFC-COR-DATE-MONTH",
    'The month comes from parsed text ("YYYY-MM-DD"), which counts from 1, but the Date '
    "constructor counts months from 0: every date lands one month late (and December rolls "
    "over).",
)
_PARSED_SOURCE = r"[^;\n]*(\.split\(|\.exec\(|\.match\(|\.slice\(|\.substr\w*\()"


def date_month(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """`new Date(y, m, d)` where `m` was parsed from text and never has 1 subtracted."""
    ctor, args = node.field("constructor"), node.field("arguments")
    if ctor is None or args is None or ctor.text() != "Date":
        return []
    values = [a for a in args.children() if a.is_named()]
    if len(values) < 2 or values[1].kind() != "identifier":
        return []
    month = re.escape(values[1].text())
    scope = enclosing_function(node)
    text = scope.text() if scope is not None else source.text
    destructured = re.search(rf"\[[^\]=]*\b{month}\b[^\]=]*\]\s*=\s*{_PARSED_SOURCE}", text)
    assigned = re.search(
        rf"\b{month}\s*=\s*(Number|parseInt|\+)\s*\(?{_PARSED_SOURCE}|\b{month}\s*=\s*(Number|parseInt)\(\s*\w+\[1\]",
        text,
    )
    if not (destructured or assigned):
        return []
    if re.search(rf"\b{month}\s*(-\s*1\b|-=\s*1\b|--)|--\s*{month}\b", text):
        return []
    return [emit(DATE_MONTH, source, line_of(node), "ast-grep", detail=f"(`{values[1].text()}`)")]


GROWING_MODULE_CACHE = Check(
    "WFC-PERF-GROWING-GLOBAL",
    "A function adds to a module-level Map/object and nothing ever deletes entries or bounds "
    "its size, so memory grows with every distinct key (request input) for the process "
    "lifetime.",
    confidence=60,
)
_JS_CACHE_LIKE = re.compile(
    r"cache|memo|seen|history|store|session|buffer|pending|visited|results?$", re.IGNORECASE
)


def _module_containers(root: SgNode) -> dict[str, SgNode]:
    """Top-level `const x = new Map()` / `new Set()` / `{}` declarations (exported or not)."""
    found: dict[str, SgNode] = {}
    for stmt in root.children():
        decl = stmt
        if stmt.kind() == "export_statement":
            decl = next((c for c in stmt.children() if c.kind() in {"lexical_declaration", "variable_declaration"}), stmt)
        if decl.kind() not in {"lexical_declaration", "variable_declaration"}:
            continue
        for var in decl.children():
            if var.kind() != "variable_declarator":
                continue
            name, value = var.field("name"), var.field("value")
            if name is None or value is None or name.kind() != "identifier":
                continue
            ctor = value.field("constructor") if value.kind() == "new_expression" else None
            empty_args = value.field("arguments")
            if (ctor is not None and ctor.text() in {"Map", "Set"} and (
                empty_args is None or not [a for a in empty_args.children() if a.is_named()]
            )) or (value.kind() == "object" and not [c for c in value.children() if c.is_named()]):
                found[name.text()] = var
    return found


def growing_module_caches(root: SgNode, source: SourceFile) -> list[RawFinding]:
    """`cache.set(k, v)` / `cache[k] = v` inside a function, with no delete/clear/size bound."""
    containers = _module_containers(root)
    out: list[RawFinding] = []
    text = source.text
    for name, decl in containers.items():
        var = re.escape(name)
        rest = text.replace(decl.text(), "", 1)  # the declaration itself is not a reset
        if re.search(
            rf"\b{var}\.(delete|clear)\(|delete\s+{var}\[|\b{var}\.size\b|keys\(\s*{var}\s*\)\.length"
            rf"|(^|[^.\w]){var}\s*=[^=]",
            rest,
        ):
            continue
        grow = re.compile(rf"(^|[^.\w]){var}(\.(set|add)\(|\[[^\]]+\]\s*=[^=])")
        for stmt in root.find_all(kind="expression_statement"):
            if not grow.search(stmt.text()) or enclosing_function(stmt) is None:
                continue
            # Only a request handler proves the keys are unbounded client input; a loader helper
            # may be called with a handful of keys, so it stays a low-severity hint.
            severity = "medium" if _JS_CACHE_LIKE.search(name) and _in_request_handler(stmt) else "low"
            out.append(
                emit(GROWING_MODULE_CACHE, source, line_of(stmt), "ast-grep", detail=f"(`{name}`)", severity=severity)
            )
            break
    return out
