"""Go rules (ast-grep): ignored errors, HTTP without timeouts, response bodies never closed,
empty error branches, queries and regexp compiles in loops, off-by-one index loops."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from wfc_server.review.analysis import flow, go_facts
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.rules.correctness.late_binding_closure import LATE_BINDING_CLOSURE
from wfc_server.review.rules.correctness.nil_after_failed_call import NIL_AFTER_FAILED_CALL
from wfc_server.review.quality.sg_common import (
    block_statements,
    compile_in_loop,
    enclosing_loops,
    find_kind,
    identifiers,
    line_of,
    next_statement,
    query_per_iteration,
    responded_then_continued,
    root_for,
    trailing_call,
)

IGNORED_ERR = Check(
    "WFC-REL-GO-IGNORED-ERROR",
    "The call's error is assigned to `_`, so a failure goes unnoticed and the other result "
    "(usually a zero value) is used as if valid.",
)
LOST_CANCEL = Check(
    "WFC-REL-GO-LOST-CANCEL",
    "Dropping the cancel func leaks the context's timer and goroutines until the parent ends.",
)
DEFAULT_CLIENT = Check(
    "WFC-REL-GO-HTTP-TIMEOUT",
    "http.Get/Post use http.DefaultClient, which has no timeout: a hung server blocks the "
    "goroutine forever.",
)
CLIENT_NO_TIMEOUT = Check(
    "WFC-REL-GO-HTTP-TIMEOUT",
    "A zero Timeout means no timeout at all, so requests through this client can hang forever.",
)
BODY_NOT_CLOSED = Check(
    "WFC-REL-GO-BODY-CLOSE",
    "An unclosed resp.Body leaks the connection (and its goroutine); the transport cannot reuse it.",
)
EMPTY_ERR = Check(
    "WFC-REL-GO-EMPTY-ERR-BRANCH",
    "`if err != nil {}` detects the error and then ignores it.",
)
DEFER_BEFORE_CHECK = Check(
    "WFC-REL-GO-DEFER-BEFORE-ERR",
    "If the call failed the value is nil, so the deferred Close panics (nil dereference) "
    "instead of returning the error.",
)
ERROR_DROPPED = Check(
    "WFC-REL-GO-ERROR-DROPPED",
    "The function returns an error, but this branch returns nil after a failure, so callers "
    "believe the operation succeeded.",
)
CONTINUES_AFTER_RESPONSE = Check(
    "WFC-COR-GO-NO-RETURN-AFTER-RESPONSE",
    "http.Redirect/http.Error only write the response; without `return` the handler goes on to "
    "run the code meant for the other case (and may write a second response).",
)
ERR_NOT_CHECKED = Check(
    "WFC-REL-GO-ERR-NOT-CHECKED",
    "`err` receives the call's error and is overwritten or goes out of scope without being "
    "checked, so the failure is silently ignored.",
)
_RESPONDERS = re.compile(r"^http\.Error$|(^|\.)(Redirect|NotFound|ServeFile)$")
ROWS_NOT_CLOSED = Check(
    "WFC-REL-GO-ROWS-CLOSE",
    "Rows that are not closed keep their database connection checked out; the pool runs dry "
    "under load.",
)
QUERY_IN_LOOP = Check(
    "WFC-PERF-N-PLUS-ONE",
    "One database round trip per iteration; latency and load grow with the item count.",
)
REGEXP_IN_LOOP = Check(
    "WFC-PERF-REGEX-IN-LOOP",
    "Go does not cache compiled regexps; compiling on every iteration is expensive.",
    severity="medium",
    confidence=80,
)
OFF_BY_ONE = Check(
    "WFC-COR-OFF-BY-ONE",
    "`i <= len(s)` makes the last iteration index s[len(s)], which panics.",
    confidence=90,
)
DEFER_IN_LOOP = Check(
    "WFC-REL-GO-DEFER-IN-LOOP",
    "Deferred calls run only when the function returns, so every iteration's resource stays "
    "open until then.",
)

UNCHECKED_CALL = Check(
    "WFC-REL-GO-UNCHECKED-ERROR",
    "The call returns an error that is silently dropped, so a failed write/scan/decode leaves "
    "the program running on bad or missing data.",
)
MUTEX = Check(
    "WFC-REL-LOCK-RELEASE",
    "A return (or panic) between Lock() and Unlock() leaves the mutex locked and deadlocks "
    "every later caller.",
    confidence=80,
)
_RISKY_CALL = re.compile(
    r"^(strconv|json|xml|yaml|io|ioutil|os|bufio|net|http|sql|exec|filepath\.Abs|time\.Parse)\b"
    r"|\.(Scan|Exec\w*|Query\w*|Read\w*|Write\w*|Open\w*|Get|Post|Do|Marshal|Unmarshal|"
    r"Decode|Encode|Atoi|Parse\w*|Prepare\w*|Begin\w*|Commit|Dial\w*|Accept)$"
)
_MUST_CHECK = re.compile(
    r"^(json\.Unmarshal|xml\.Unmarshal|yaml\.Unmarshal|os\.(Remove|RemoveAll|Mkdir|MkdirAll|"
    r"WriteFile|Rename|Chmod|Chdir|Setenv)|[\w.]+\.(Scan|Exec|ExecContext|Commit|Ping|"
    r"Unmarshal|Decode|Shutdown|ListenAndServe|Start))$"
)
#: The same on a receiver built in the statement: `json.NewDecoder(f).Decode(&v)`, `db.QueryRow(q).Scan(&n)`.
_MUST_CHECK_CHAINED = re.compile(r"^[\w.]+\(.*\)\.(Decode|Scan|Exec|ExecContext|Commit)$", re.DOTALL)
_NO_ERROR_FUNCS = re.compile(
    r"^(utf8\.\w+|filepath\.Split|path\.Split|math\.\w+|bits\.\w+|strings\.Cut\w*|"
    r"bytes\.Cut\w*|[\w.]+\.Load(OrStore|AndDelete)?|\w+\.Next|big\.\w+|\w+\.Get)$"
)
_QUERY = re.compile(
    r"\.(Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|Get|"
    r"Select|First|Find|Where|Raw)$"
)
_DB_RECV = re.compile(r"(db|tx|conn|pool|repo|store|gorm|sqlx|client)", re.IGNORECASE)


def check(source: SourceFile) -> list[RawFinding]:
    root = root_for(source)
    if root is None:
        return []
    out: list[RawFinding] = []
    for node in root.find_all(kind="short_var_declaration"):
        out += _blank_error(node, source)
    for node in root.find_all(kind="assignment_statement"):
        out += _blank_error(node, source)
    for node in root.find_all(kind="call_expression"):
        out += _call(node, source)
    for node in root.find_all(kind="composite_literal"):
        typ = node.field("type")
        body = node.field("body")
        if (
            typ is not None
            and typ.text() == "http.Client"
            and (body is None or not re.search(r"\bTimeout\s*:", body.text()))
        ):
            out.append(emit(CLIENT_NO_TIMEOUT, source, line_of(node), "ast-grep"))
    for node in root.find_all(kind="if_statement"):
        out += _logged_only(node, source)
        cond, block = node.field("condition"), node.field("consequence")
        if (
            cond is not None
            and block is not None
            and re.fullmatch(r"\s*err\s*!=\s*nil\s*", cond.text())
            and not block_statements(block)
        ):
            out.append(emit(EMPTY_ERR, source, line_of(node), "ast-grep"))
    for node in root.find_all(kind="for_statement"):
        out += _off_by_one(node, source)
    for node in root.find_all(kind="if_statement"):
        out += _continues_after_response(node, source)
    for node in root.find_all(kind="expression_statement"):
        out += _bare_call(node, source)
    for node in root.find_all(kind="go_statement"):
        out += _goroutine_race(node, source)
    for node in root.find_all(kind="defer_statement"):
        if enclosing_loops(node):
            out.append(emit(DEFER_IN_LOOP, source, line_of(node), "ast-grep"))
    out += _go_facts(root, source)
    for func in (
        root.find_all(kind="function_declaration")
        + root.find_all(kind="method_declaration")
        + root.find_all(kind="func_literal")
    ):
        out += _body_close(func, source)
        out += _mutex(func, source)
        out += _error_flow(func, source)
    return out


LOGGED_ONLY = Check(
    "WFC-REL-GO-ERR-LOGGED-ONLY",
    "The branch logs the error but carries on as if the call had succeeded, using a zero or "
    "partial result.",
)


def _logged_only(node: SgNode, source: SourceFile) -> list[RawFinding]:
    cond, block = node.field("condition"), node.field("consequence")
    if cond is None or block is None or not re.fullmatch(r"\s*err\s*!=\s*nil\s*", cond.text()):
        return []
    statements = [
        c
        for c in find_kind(block, "statement_list")[:1]
        for c in c.children()
        if c.is_named() and c.kind() != "comment"
    ]
    if statements and all(
        re.fullmatch(
            r"(log|logger|l|s\.log|slog)\.(Print|Println|Printf|"
            r"Info|Warn|Error|Debug)\w*\(.*\)",
            st.text(),
            re.DOTALL,
        )
        for st in statements
    ):
        return [emit(LOGGED_ONLY, source, line_of(node), "ast-grep")]
    return []


def _continues_after_response(node: SgNode, source: SourceFile) -> list[RawFinding]:
    block = node.field("consequence")
    if block is None or node.field("alternative") is not None:
        return []
    statements = [
        c
        for c in find_kind(block, "statement_list")[:1]
        for c in c.children()
        if c.is_named() and c.kind() != "comment"
    ]
    call = trailing_call(statements)
    func = call.field("function") if call is not None else None
    if func is None or not _RESPONDERS.search(func.text()) or next_statement(node) is None:
        return []
    return [responded_then_continued(statements[-1], source, CONTINUES_AFTER_RESPONSE, func.text())]


def _unchecked_err(text: str, first_line: int, source: SourceFile) -> list[RawFinding]:
    """`err = x.Scan(...)` whose value is overwritten or dropped before anyone reads it."""
    assigns = [m for m in re.finditer(r"(^|[,\s])err\s*:?=(?!=)", text)]
    out = []
    for index, match in enumerate(assigns):
        end = assigns[index + 1].start() if index + 1 < len(assigns) else len(text)
        between = text[match.end() : end]
        if re.search(r"\berr\b", between):
            continue
        if index + 1 < len(assigns) and re.search(r"\n\s*\}", between):
            continue  # the next assignment is in another branch/block: flow is not linear
        if index + 1 == len(assigns) and re.search(r"\n\s*return\s*$", text, re.MULTILINE):
            continue  # a bare return hands a named `err` result back
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start : match.start()].lstrip().startswith(("if ", "for ", "switch ")):
            continue
        line = first_line + text.count("\n", 0, match.start())
        out.append(emit(ERR_NOT_CHECKED, source, line, "ast-grep"))
    return out


def _error_flow(func: SgNode, source: SourceFile) -> list[RawFinding]:
    body = func.field("body")
    if body is None:
        return []
    text = body.text()
    first_line = body.range().start.line + 1
    out = [] if func.kind() == "func_literal" else _unchecked_err(text, first_line, source)
    for match in re.finditer(r"(\w+), err :?= [^\n]+\n\s*defer \1\.(Body\.)?Close\(\)", text):
        line = first_line + text.count("\n", 0, match.start()) + 1
        out.append(emit(DEFER_BEFORE_CHECK, source, line, "ast-grep"))
    result = func.field("result")
    if result is not None and result.text().strip() == "error":
        for match in re.finditer(r"if err != nil \{\s*return nil\s*(//[^\n]*)?\s*\}", text):
            line = first_line + text.count("\n", 0, match.start())
            out.append(emit(ERROR_DROPPED, source, line, "ast-grep"))
    return out


def _mutex(func: SgNode, source: SourceFile) -> list[RawFinding]:
    """`mu.Lock()` with no deferred Unlock and a return before the explicit Unlock."""
    body = func.field("body")
    if body is None:
        return []
    text = body.text()
    out = []
    for match in re.finditer(r"\b([\w.]+)\.(Lock|RLock)\(\)", text):
        name, kind = match.group(1), match.group(2)
        unlock = "RUnlock" if kind == "RLock" else "Unlock"
        if re.search(rf"defer\s+{re.escape(name)}\.{unlock}\(\)", text):
            continue
        release = text.find(f"{name}.{unlock}()", match.end())
        between = text[match.end() : release if release >= 0 else len(text)]
        if release >= 0 and not re.search(r"\breturn\b|\bpanic\(", between):
            continue
        line = body.range().start.line + 1 + text.count("\n", 0, match.start())
        out.append(emit(MUTEX, source, line, "ast-grep", detail=f"(`{name}.{kind}()`)"))
    return out


#: Calls whose error matters and that are often left as bare statements: writes, encodes,
#: removals, rollbacks, closing rows/statements.
_WRITE_LIKE = re.compile(r"^(?P<recv>.+)\.(?P<method>Write|WriteString|Encode|Rollback|Close)$")
#: Receivers of those methods that cannot fail (in-memory buffers, hashes) or that report the
#: error later (bufio.Writer at Flush).
_INFALLIBLE_TYPE = (
    r"\*?(bytes\.Buffer|strings\.Builder|hash\.Hash\w*|bufio\.(Writer|ReadWriter)|"
    r"tabwriter\.Writer)\b"
)
_INFALLIBLE_CTOR = (
    r"&?(bytes\.Buffer|strings\.Builder)\{|new\((bytes\.Buffer|strings\.Builder)\)|"
    r"bytes\.NewBuffer(String)?\(|bufio\.NewWriter\w*\(|tabwriter\.NewWriter\(|"
    r"(sha\d*|md5|fnv|crc32|crc64|adler32|hmac|blake2[bs]|xxhash|murmur3|maphash)\.New\w*\("
)
_INFALLIBLE_NAMES = re.compile(
    r"^(h|hash\w*|hasher|mac|digest|crc|sb|builder|buf|buffer|bb|b|sha|md5)$", re.IGNORECASE
)
_CLOSE_RECV = re.compile(r"^(rows|stmt|[\w]*Rows|[\w]*Stmt)$")


def _command_run(name: str, text: str) -> bool:
    """``cmd.Run()`` / ``cmd.Wait()`` on a command built by ``exec.Command`` in this file: a
    command that failed or exited non-zero says so only through this error."""
    match = re.fullmatch(r"(\w+)\.(?:Run|Wait)", name)
    return match is not None and re.search(
        rf"(?<![\w.]){match.group(1)}\s*:?=\s*exec\.Command(?:Context)?\(", text) is not None


def _bare_call(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """A call statement whose error result is dropped (`f.Write(b)`, `os.Remove(p)`,
    `json.NewEncoder(w).Encode(v)`, `tx.Rollback()`), except calls that cannot fail."""
    call = next((c for c in node.children() if c.is_named()), None)
    func = call.field("function") if call is not None and call.kind() == "call_expression" else None
    if func is None:
        return []
    name = func.text()
    if _MUST_CHECK.match(name) or _MUST_CHECK_CHAINED.match(name) or _command_run(name, source.text):
        return [emit(UNCHECKED_CALL, source, line_of(node), "ast-grep", detail=f"(`{name}`)")]
    match = _WRITE_LIKE.match(name)
    if match is None:
        return []
    recv, method = match.group("recv"), match.group("method")
    if recv == "io" and method == "WriteString":
        args = call.field("arguments") if call is not None else None
        first = next((a for a in args.children() if a.is_named()), None) if args else None
        recv = first.text() if first is not None else ""
    if recv in ("os.Stdout", "os.Stderr") or not _write_can_fail(recv, method, source):
        return []
    sink = _writer_parameter(node, recv)
    if sink == "fmt.State":
        return []
    return [
        emit(
            UNCHECKED_CALL,
            source,
            line_of(node),
            "ast-grep",
            detail=f"(`{name}`)",
            severity="low" if source.is_test or sink == "no-error" else None,
        )
    ]


def _writer_parameter(node: SgNode, writer: str) -> str | None:
    """How the enclosing function receives ``writer``: "fmt.State" (Format cannot report a
    write error), "no-error" (an io.Writer parameter of a function with no error result, e.g. String or
    a print helper, which has nowhere to send it), or None (not a parameter)."""
    func = next(
        (
            a
            for a in node.ancestors()
            if a.kind() in ("function_declaration", "method_declaration", "func_literal")
        ),
        None,
    )
    params = func.field("parameters") if func is not None else None
    if params is None:
        return None
    for decl in params.children():
        if decl.kind() != "parameter_declaration":
            continue
        typ = decl.field("type")
        names = {c.text() for c in decl.children() if c.kind() == "identifier"}
        if typ is None or writer not in names:
            continue
        if typ.text() == "fmt.State":
            return "fmt.State"
        if not re.fullmatch(r"io\.\w*Writer", typ.text()):
            return None
        result = func.field("result")
        return None if result is not None and re.search(r"\berror\b", result.text()) else "no-error"
    return None


def _write_can_fail(recv: str, method: str, source: SourceFile) -> bool:
    last = recv.rsplit(".", 1)[-1]
    if method == "Encode":
        return bool(re.search(r"NewEncoder\(|^(enc|encoder|\w*Encoder)$", recv))
    if method == "Rollback":
        return bool(re.fullmatch(r"\w*tx|\w*Tx|txn|transaction", last))
    if method == "Close":
        return bool(_CLOSE_RECV.match(last))
    if not re.fullmatch(r"[\w.]+", recv) or _INFALLIBLE_NAMES.match(last):
        return False
    word = re.escape(last)
    declared = re.search(rf"\b{word}\s+{_INFALLIBLE_TYPE}", source.text)
    built = re.search(rf"\b{word}\s*:?=\s*{_INFALLIBLE_CTOR}", source.text)
    return not declared and not built


SHARED_WRITE_RACE = Check(
    "WFC-COR-GO-DATA-RACE",
    "Each goroutine started in the loop appends to (or stores into) a variable of the enclosing"
    " function with no lock: concurrent appends lose elements and concurrent map writes crash "
    "the program (`fatal error: concurrent map writes`).",
)
UNLOCKED_MAP_FIELD = Check(
    "WFC-COR-GO-DATA-RACE",
    "A method writes a map field of a value that several goroutines use, without holding a lock: "
    "concurrent map writes crash the program (`fatal error: concurrent map writes`).",
)
WAITGROUP_ADD_INSIDE = Check(
    "WFC-COR-GO-DATA-RACE",
    "WaitGroup.Add runs inside the goroutine it counts, so Wait can see a zero counter, return "
    "before the goroutine has started and let its work race with the code after Wait.",
)
_SYNC_IN_BODY = re.compile(r"\.(R?Lock)\(\)|<-|\batomic\.|\bsync\.Map\b")


def _goroutine_race(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """`go func() { xs = append(xs, v) }()` (or `m[k] = v`) started in a loop, where the
    slice/map belongs to the enclosing function and the goroutine takes no lock."""
    call = next((c for c in node.children() if c.is_named()), None)
    literal = call.field("function") if call is not None else None
    if literal is None or literal.kind() != "func_literal" or not enclosing_loops(node):
        return []
    body = literal.field("body")
    if body is None or _SYNC_IN_BODY.search(body.text()):
        return []
    local = _declared_names(literal)
    writes: list[tuple[SgNode, str | None]] = []
    for assign in find_kind(body, "assignment_statement"):
        left, right = assign.field("left"), assign.field("right")
        targets = [c for c in left.children() if c.is_named()] if left is not None else []
        if len(targets) == 1 and right is not None:
            writes.append((assign, _shared_write(targets[0], right.text(), source)))
    # `counts[w]++` / `counts[w]--` write the map just like `counts[w] = v`.
    for kind in ("inc_statement", "dec_statement"):
        for stmt in find_kind(body, kind):
            target = next((c for c in stmt.children() if c.is_named()), None)
            if target is not None and target.kind() == "index_expression":
                writes.append((stmt, _shared_write(target, "", source)))
    for call in find_kind(body, "call_expression"):
        writes.append((call, _deleted_map(call, source)))
    for stmt, name in sorted(writes, key=lambda w: line_of(w[0])):
        if name and name not in local:
            return [emit(SHARED_WRITE_RACE, source, line_of(stmt), "ast-grep", detail=f"(`{name}`)")]
    return []


def _deleted_map(call: SgNode, source: SourceFile) -> str | None:
    """The shared map named by a `delete(m, k)` call, or None."""
    func, args = call.field("function"), call.field("arguments")
    if func is None or func.text() != "delete" or args is None:
        return None
    first = next((c for c in args.children() if c.is_named()), None)
    if first is None or first.kind() not in ("identifier", "selector_expression"):
        return None
    name = first.text()
    if not re.fullmatch(r"[\w.]+", name):
        return None
    last = re.escape(name.rsplit(".", 1)[-1])
    is_map = re.search(rf"\b{last}\s*(:?=\s*(make\(\s*)?|\s+)map\[", source.text)
    return name.split(".", 1)[0] if is_map else None


def _shared_write(target: SgNode, value: str, source: SourceFile) -> str | None:
    """The shared variable written by an append or map store, or None."""
    if target.kind() == "identifier":
        name = target.text()
        return name if re.match(rf"append\(\s*{re.escape(name)}\s*,", value) else None
    if target.kind() == "index_expression":
        operand = target.field("operand")
        name = operand.text() if operand is not None else ""
        last = re.escape(name.rsplit(".", 1)[-1])
        is_map = re.search(rf"\b{last}\s*(:?=\s*(make\(\s*)?|\s+)map\[", source.text)
        return name.split(".", 1)[0] if is_map and re.fullmatch(r"[\w.]+", name) else None
    return None


def _declared_names(literal: SgNode) -> set[str]:
    """Names the function literal declares itself (parameters, := and var)."""
    names: set[str] = set()
    params = literal.field("parameters")
    if params is not None:
        names |= identifiers(params)
    for decl in find_kind(literal, "short_var_declaration"):
        left = decl.field("left")
        if left is not None:
            names |= identifiers(left)
    for spec in find_kind(literal, "var_spec"):
        names |= {c.text() for c in spec.children() if c.kind() == "identifier"}
    return names


def _blank_error(node: SgNode, source: SourceFile) -> list[RawFinding]:
    left, right = node.field("left"), node.field("right")
    if left is None or right is None:
        return []
    names = [c.text() for c in left.children() if c.is_named()]
    values = [c for c in right.children() if c.is_named()]
    if len(names) < 2 or names[-1] != "_" or len(values) != 1 or values[0].kind() != "call_expression":
        return []
    func = values[0].field("function")
    name = func.text() if func is not None else ""
    if name.startswith("context.With") and name != "context.WithValue":
        return [emit(LOST_CANCEL, source, line_of(node), "ast-grep", detail=f"(`{name}`)")]
    if _NO_ERROR_FUNCS.match(name):
        return []
    # Input, I/O and database calls fail in production; re-parsing a known-good value rarely does.
    risky = _RISKY_CALL.search(name) is not None and not _reparses_own_value(values[0])
    return [
        emit(
            IGNORED_ERR,
            source,
            line_of(node),
            "ast-grep",
            detail=f"(`{name}`)",
            severity=None if risky else "low",
        )
    ]


def _reparses_own_value(call: SgNode) -> bool:
    """`url.Parse(u.String())`: parsing what a parsed value just printed cannot fail."""
    args = call.field("arguments")
    named = [a for a in args.children() if a.is_named()] if args is not None else []
    return len(named) == 1 and bool(re.fullmatch(r"[\w.]+\.String\(\)", named[0].text()))


def _call(node: SgNode, source: SourceFile) -> list[RawFinding]:
    func = node.field("function")
    if func is None:
        return []
    name = func.text()
    if name in {"http.Get", "http.Post", "http.Head", "http.PostForm"}:
        return [emit(DEFAULT_CLIENT, source, line_of(node), "ast-grep", detail=f"(`{name}`)")]
    loops = enclosing_loops(node)
    if not loops:
        return []
    if name in {"regexp.MustCompile", "regexp.Compile", "regexp.MustCompilePOSIX"}:
        return [compile_in_loop(node, source, loops, REGEXP_IN_LOOP)]
    if _QUERY.search(name) and _DB_RECV.search(name.rsplit(".", 1)[0]):
        return query_per_iteration(node, source, loops, QUERY_IN_LOOP, name)
    return []


def _off_by_one(node: SgNode, source: SourceFile) -> list[RawFinding]:
    clause = next((c for c in node.children() if c.kind() == "for_clause"), None)
    if clause is None:
        return []
    match = re.search(r"(\w+)\s*<=\s*len\(\s*([\w.]+)\s*\)", clause.text())
    body = node.field("body")
    if (
        match
        and body is not None
        and re.search(rf"\b{re.escape(match.group(2))}\[\s*{re.escape(match.group(1))}\s*\]", body.text())
    ):
        return [emit(OFF_BY_ONE, source, line_of(node), "ast-grep")]
    return []


def _body_close(func: SgNode, source: SourceFile) -> list[RawFinding]:
    body = func.field("body")
    if body is None:
        return []
    text = body.text()
    out = []
    for decl in body.find_all(kind="short_var_declaration"):
        left, right = decl.field("left"), decl.field("right")
        if left is None or right is None:
            continue
        names = [c.text() for c in left.children() if c.is_named()]
        call = right.text()
        if (
            len(names) == 2
            and names[0] != "_"
            and re.match(r"[\w.]+\.Query(Context)?\(", call)
            and not re.search(rf"\b{re.escape(names[0])}\.Close\(\)", text)
            and not re.search(rf"return\s+{re.escape(names[0])}\s*(,|\n|$)", text)
        ):
            out.append(emit(ROWS_NOT_CLOSED, source, line_of(decl), "ast-grep", detail=f"(`{names[0]}`)"))
            continue
        is_http = re.search(
            r"(\bhttp\.(Get|Post|Head|PostForm)|\w*([cC]lient|http)\w*\.(Do|Get|Post|Head|PostForm))\(",
            call,
        ) or (len(names) == 2 and re.search(r"\.Do\(", call))
        if not names or names[0] == "_" or not is_http:
            continue
        resp = names[0]
        if re.search(rf"return\s+{re.escape(resp)}\s*(,|\n|$)", text):
            continue
        if re.search(rf"\b{re.escape(resp)}\.Body\.Close\(\)", text):
            leak = go_facts.return_before_close(source.text, decl.range().end.line, resp, names[-1])
            if leak is not None:
                out.append(emit(BODY_NOT_CLOSED, source, leak + 1, "ast-grep",
                                detail=f"(`{resp}` is returned from before its Body is closed)"))
            continue
        out.append(emit(BODY_NOT_CLOSED, source, line_of(decl), "ast-grep", detail=f"(`{resp}`)"))
    return out


#: Go 1.22 gives each loop iteration its own variable; before it, closures share one.
_PER_ITERATION_LOOP_VARS = (1, 22)


def _go_facts(root: SgNode, source: SourceFile) -> list[RawFinding]:
    """Results read before their error is checked, and loop variables captured by closures that
    outlive the iteration. The capture is a bug only before Go 1.22: with the module's go.mod in
    the review it is reported (medium) or not at all; without it, low, naming the condition."""
    out = [
        finding(NIL_AFTER_FAILED_CALL, source, use.line + 1, "flow",
                detail=f"(`{use.name}` from line {use.call_line + 1} is used before its error is checked)")
        for use in go_facts.go_used_before_check(root, flow.go_pointer_funcs(root))
    ]
    for write in go_facts.go_unlocked_map_writes(root, source.text):
        reason = ("its other methods lock a mutex around this state" if write.why == "locked elsewhere"
                  else "net/http runs every request on its own goroutine")
        out.append(emit(UNLOCKED_MAP_FIELD, source, write.line + 1, "ast-grep",
                        severity="high" if write.why == "locked elsewhere" else "medium",
                        detail=f"(`{write.type_name}.{write.method}` writes the map `{write.field}` without "
                        f"a lock; {reason})"))
    for group, line in go_facts.go_waitgroup_add_in_goroutine(root, source.text):
        out.append(emit(WAITGROUP_ADD_INSIDE, source, line + 1, "ast-grep", detail=f"(`{group}.Add`)"))
    captures = go_facts.go_loop_captures(root)
    if not captures:
        return out
    version = go_facts.module_go_version(source.disk_path, source.path)
    if version is not None and version >= _PER_ITERATION_LOOP_VARS:
        return out
    for cap in captures:
        condition = (f"go.mod declares go {version[0]}.{version[1]}" if version is not None
                     else "unless go.mod declares go 1.22 or later")
        f = finding(LATE_BINDING_CLOSURE, source, cap.start + 1, "ast-grep", end_line=cap.line + 1,
                    detail=f"(the {cap.how} reads `{cap.name}`; {condition}, every iteration shares one "
                    f"`{cap.name}`, so it may see a later element)")
        if version is not None:
            f.severity, f.confidence = "medium", 80
        out.append(f)
    return out
