"""JavaScript/TypeScript bugs that follow one local variable from its declaration to its uses.

* **Possibly-null result**: ``const m = s.match(re)`` / ``arr.find(cb)`` / ``await X.findOne(q)``
  and then ``m[1]`` / ``owner.name`` with no test of the variable in between: the lookup returns
  null/undefined when nothing matches, and the dereference throws a TypeError.
* **Promise used as its value**: ``const user = loadUser(id)`` where ``loadUser`` is an async
  function of the file, then ``user.name``: a Promise has no such property, so the code reads
  ``undefined`` (the ``await`` is missing).
* **Callback error ignored**: ``fs.readFile(p, (err, data) => { ... })`` whose body never looks at
  ``err``: on failure ``data`` is undefined and the code carries on with it.

Each check returns 0-based lines; the callers map them to rule ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis import null_returns
from wfc_server.review.analysis.functions import enclosing_function

#: Calls that return null / undefined when nothing is found.
_NULLABLE_METHOD = re.compile(r"\.(match|exec|find|findOne|findById|findByPk|findUnique|findFirst|"
                              r"getElementById|querySelector)$")
_REGEX_RECEIVER = re.compile(r"(/[gimsuy]*|\b\w*(re|Re|RE|regex|Regex|REGEX|pattern|Pattern|PATTERN))$")


@dataclass(frozen=True, slots=True)
class Use:
    line: int  # 0-based line of the offending use
    name: str
    origin: str  # what produced the value (`s.match(...)`, `loadUser(...)`)
    origin_line: int


def _declarations(root: SgNode) -> list[tuple[SgNode, str, SgNode]]:
    """(declarator, variable name, value) for every ``const/let/var x = <value>``."""
    out = []
    for decl in root.find_all(kind="variable_declarator"):
        name, value = decl.field("name"), decl.field("value")
        if name is not None and value is not None and name.kind() == "identifier":
            out.append((decl, name.text(), value))
    return out


def _scope_after(decl: SgNode) -> tuple[list[str], int] | None:
    """The lines of the enclosing function (or file) after the declaration, and the first one's index."""
    cur = enclosing_function(decl, "js")
    scope = cur if cur is not None else decl.get_root().root()
    end = decl.range().end
    lines = scope.text().splitlines()
    first = end.line - scope.range().start.line + 1
    if first >= len(lines):
        return None
    return lines[first:], end.line + 1


def _first_unchecked_deref(name: str, lines: list[str], start: int) -> int | None:
    """The 0-based line of ``name.x`` / ``name[i]`` when that is the first mention of ``name`` after
    its declaration (a test, a fallback, a reassignment or a hand-over first means someone looked)."""
    return null_returns.first_unchecked_line("js", name, lines, start)


def possibly_null_derefs(root: SgNode, regex_names: frozenset[str]) -> list[Use]:
    out: list[Use] = []
    if not re.search(r"\.(match|exec|find|findOne|findById|findByPk|findUnique|findFirst)\(", root.text()):
        return out
    for decl, name, value in _declarations(root):
        awaited = value.kind() == "await_expression"
        call = value
        if awaited:
            call = next((c for c in value.children() if c.is_named()), value)
        if call.kind() != "call_expression":
            continue
        callee = call.field("function")
        if callee is None or callee.kind() != "member_expression":
            continue
        method = _NULLABLE_METHOD.search(callee.text())
        if method is None:
            continue
        kind = method.group(1)
        receiver = callee.text()[: method.start()]
        args = call.field("arguments")
        first_arg = next((a for a in args.children() if a.is_named()), None) if args is not None else None
        if kind == "find" and (awaited or first_arg is None or first_arg.kind() not in {
                "arrow_function", "function_expression", "function"}):
            continue  # Array.prototype.find(callback); `await Model.find(q)` is a list
        if kind == "exec" and not (_REGEX_RECEIVER.search(receiver) or receiver in regex_names):
            continue  # child_process / database exec
        if kind in {"findOne", "findById", "findByPk", "findUnique", "findFirst"} and not awaited:
            continue  # a query builder / promise, not the row
        if kind in {"getElementById", "querySelector"}:
            continue  # a page's own markup: the element is there by construction in most code
        after = _scope_after(decl)
        if after is None:
            continue
        line = _first_unchecked_deref(name, *after)
        if line is not None:
            out.append(Use(line, name, f"{callee.text()}(...)", decl.range().start.line))
    return out


def async_function_names(root: SgNode) -> set[str]:
    """Functions of this file that return a promise: `async function f`, `const f = async (...) =>`."""
    names: set[str] = set()
    if "async" not in root.text():
        return names
    for kind in ("function_declaration", "arrow_function", "function_expression", "function"):
        try:
            nodes = root.find_all(kind=kind)
        except RuntimeError:
            continue
        for func in nodes:
            if not func.text().startswith("async"):
                continue
            name = func.field("name")
            if name is None and func.parent() is not None and func.parent().kind() == "variable_declarator":
                name = func.parent().field("name")
            if name is not None:
                names.add(name.text())
    return names


def promises_used_as_values(root: SgNode, names: set[str]) -> list[Use]:
    """``const v = asyncFn(...)`` (no await) followed by ``v.prop`` / ``v[i]`` (``names``: the file's
    async functions, :func:`async_function_names`)."""
    if not names:
        return []
    out: list[Use] = []
    for decl, name, value in _declarations(root):
        if value.kind() != "call_expression":
            continue
        callee = value.field("function")
        if callee is None or callee.kind() != "identifier" or callee.text() not in names:
            continue
        after = _scope_after(decl)
        if after is None:
            continue
        n = re.escape(name)
        for offset, line in enumerate(after[0]):
            code = re.sub(r"//.*$", "", line)
            if not re.search(rf"(?<![\w$.]){n}(?![\w$])", code):
                continue
            if re.search(rf"(?<![\w$.]){n}\.(?!then\b|catch\b|finally\b)[A-Za-z_$]|(?<![\w$.]){n}\[", code) and \
                    not re.search(rf"\bawait\s+{n}\b|\bPromise\.\w+\(", code):
                out.append(Use(after[1] + offset, name, f"{callee.text()}(...)", decl.range().start.line))
            break  # the first use decides: awaited, passed on, or dereferenced as if resolved
    return out


def ignored_callback_errors(root: SgNode) -> list[Use]:
    """A Node-style callback ``(err, result) => {...}`` whose body never reads ``err``."""
    out: list[Use] = []
    if not re.search(r"\(\s*(err|error|er|e)\s*[:,]", root.text()):
        return out
    for call in root.find_all(kind="call_expression"):
        args = call.field("arguments")
        if args is None:
            continue
        named = [a for a in args.children() if a.is_named()]
        if len(named) < 2:
            continue
        cb = named[-1]
        if cb.kind() not in {"arrow_function", "function_expression", "function"}:
            continue
        params = cb.field("parameters")
        if params is None:
            continue
        names = [p.text() for p in params.children() if p.is_named()]
        if len(names) < 2 or not re.fullmatch(r"(err|error|er|e)", names[0]):
            continue
        body = cb.field("body")
        if body is None or body.kind() != "statement_block":
            continue
        result = re.escape(names[1].split(":")[0].strip())
        text = body.text()
        if re.search(rf"(?<![\w$.]){re.escape(names[0])}(?![\w$])", text) or not re.search(
                rf"(?<![\w$.]){result}(?![\w$])", text):
            continue  # the error is looked at, or the result is not used either
        callee = call.field("function")
        if callee is None or callee.kind() != "member_expression" or callee.text().startswith("crypto."):
            continue  # an in-file or injected helper defines its own contract; crypto's fail only on exhaustion
        out.append(Use(call.range().start.line, names[0], callee.text(), call.range().start.line))
    return out


#: Lower-case names the JavaScript runtimes and common test runners provide without a declaration.
_JS_GLOBALS = frozenset({
    "console", "process", "module", "exports", "require", "window", "document", "navigator", "location",
    "history", "localStorage", "sessionStorage", "globalThis", "global", "self", "crypto", "performance",
    "screen", "chrome", "browser", "top", "parent", "frames", "opener", "arguments", "caches", "indexedDB",
    "customElements", "structuredClone", "queueMicrotask", "fetch", "atob", "btoa", "importScripts",
    "describe", "it", "test", "expect", "jest", "beforeEach", "afterEach", "beforeAll", "afterAll", "cy",
    "sinon", "chai", "assert", "vi", "jasmine", "angular", "ko", "io", "ga", "gtag", "dataLayer", "webkit",
    "define", "requirejs", "__dirname", "__filename", "Deno", "Bun", "db", "emit", "print", "printjson",
    # the conventional framework, database and service handles that excerpts use without declaring
    "app", "router", "server", "connection", "conn", "pool", "client", "knex", "redis", "cache", "logger",
    "log", "config", "models", "prisma", "mailer", "store", "sequelize", "mongoose", "req", "res", "ctx",
})
_NAME_KINDS = ("identifier", "shorthand_property_identifier_pattern", "shorthand_property_identifier")


def undefined_receivers(root: SgNode, text: str) -> list[Use]:
    """``sessionDAO.startSession(...)`` where ``sessionDAO`` is bound nowhere in the module.

    A name that is declared, imported, a parameter, destructured or assigned appears at least once
    outside the object position of a member expression; a name that only ever appears as ``x.y``
    in a module (``require``/``import``/``export`` present) is a ReferenceError when that line runs.
    """
    if not re.search(r"\brequire\s*\(|^\s*import\b|^\s*export\b|\bmodule\.exports\b", text, re.MULTILINE):
        return []  # a browser script may rely on globals from other <script> tags
    bound: set[str] = set()
    receivers: dict[str, SgNode] = {}
    for kind in _NAME_KINDS:
        for node in root.find_all(kind=kind):
            name = node.text()
            parent = node.parent()
            if kind == "identifier" and parent is not None and parent.kind() == "member_expression":
                obj = parent.field("object")
                if obj is not None and obj.range().start.index == node.range().start.index:
                    receivers.setdefault(name, node)
                    continue
            bound.add(name)
    out = []
    for name, node in receivers.items():
        if name in bound or name in _JS_GLOBALS or not re.fullmatch(r"[a-z][\w$]*", name):
            continue
        if re.search(rf"\b(?:var|let|const|function|class)\s+{re.escape(name)}\b|\bglobal\.{re.escape(name)}\b|"
                     rf"/\*\s*global[^*]*\b{re.escape(name)}\b", text):
            continue  # declared in a form the walk above does not see (or a declared global)
        out.append(Use(node.range().start.line, name, "", node.range().start.line))
    return out
