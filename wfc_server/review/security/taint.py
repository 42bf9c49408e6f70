"""Intra-file taint tracking for Python: where does request data flow, and is it cleaned first?

One :class:`ModuleTaint` per file walks every function in statement order, keeping a taint value
per local name. Taint enters from request objects, route parameters, the environment, argv and
``input()``; it moves through assignments, string building (``+``, ``%``, ``.format``, f-strings,
``join``), containers and calls; it is removed by casts, sanitisers and allow-list guards
(``if x not in ALLOWED: abort()``), per sink kind. Code after ``return``/``raise`` and under
``if False`` is dead and never reaches a sink. Same-file helpers are summarised (what their return
value carries from each parameter) and re-analysed when a caller passes request data into them.

The engine knows nothing about sinks: it calls :class:`SinkHooks` for every call and return it
evaluates, so rules stay in :mod:`wfc_server.review.security.python_rules`.
"""

from __future__ import annotations

import ast
import builtins
import operator
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

#: Sink kinds a sanitiser can clear independently.
KINDS: tuple[str, ...] = (
    "sql", "cmd", "code", "deser", "path", "ssrf", "xss", "redirect", "ldap", "xpath", "log",
    "template",
)
#: Calls returning a fresh, OS-named temporary path (their prefix/suffix cannot leave the temp dir
#: in practice, and the name is random); the path is not the caller's data.
_TEMP_CREATORS = frozenset({"tempfile.TemporaryDirectory", "tempfile.mkdtemp", "tempfile.mkstemp",
                            "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile",
                            "tempfile.SpooledTemporaryFile", "tempfile.gettempdir"})
_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
ALL_KINDS = frozenset(KINDS)

CLEAN, UNKNOWN, PARAM, SOURCE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Taint:
    """Per-kind taint level of a value plus a human account of where it came from."""

    levels: tuple[int, ...] = (CLEAN,) * len(KINDS)
    origin: str = ""
    source_kind: str = ""  # request | external | param | unknown
    built: bool = False  # went through string building / path joining
    via: tuple[str, ...] = ()
    params: frozenset[str] = frozenset()
    prefix: str | None = None  # constant leading text of a built string

    @property
    def level(self) -> int:
        return max(self.levels)

    def at(self, kind: str) -> int:
        return self.levels[_KIND_INDEX[kind]]

    def cleared(self, kinds: Iterable[str]) -> Taint:
        idx = {_KIND_INDEX[k] for k in kinds}
        return replace(self, levels=tuple(CLEAN if i in idx else v for i, v in enumerate(self.levels)))

    def with_via(self, how: str) -> Taint:
        if self.level == CLEAN:
            return self
        via = self.via if how in self.via else (self.via + (how,))[-4:]
        return replace(self, built=True, via=via)


CLEAN_TAINT = Taint()


def uniform(level: int, origin: str, source_kind: str, params: frozenset[str] = frozenset()) -> Taint:
    return Taint(levels=(level,) * len(KINDS), origin=origin, source_kind=source_kind, params=params)


UNKNOWN_TAINT = uniform(UNKNOWN, "a value of unknown origin", "unknown")


def merge(*taints: Taint) -> Taint:
    """Combine values (concatenation, containers, branches): the worst level per kind wins."""
    live = [t for t in taints if t.level > CLEAN]
    if not live:
        return taints[0] if taints else CLEAN_TAINT
    if len(live) == 1:
        return live[0]
    rank = {"request": 3, "external": 2, "param": 1}
    top = max(live, key=lambda t: (t.level, rank.get(t.source_kind, 0)))
    levels = tuple(max(vals) for vals in zip(*(t.levels for t in live)))
    via: tuple[str, ...] = ()
    for t in live:
        via += tuple(v for v in t.via if v not in via)
    params = frozenset().union(*(t.params for t in live))
    return Taint(levels, top.origin, top.source_kind, any(t.built for t in live), via[-4:], params)


# --------------------------------------------------------------------------------------------
# Sources, sanitisers and propagation tables (qualified names after import-alias resolution).

REQUEST_NAMES = frozenset({"request", "req"})
#: Attributes of a request object that are not attacker-controlled text.
REQUEST_SAFE_ATTRS = frozenset({
    "method", "user", "session", "app", "url_rule", "endpoint", "blueprint", "is_secure",
    "is_json", "auth_user", "remote_user_id", "environ_safe", "id", "context",
    # URL generators of the app's own routes (Pyramid, Starlette, Django): not client text
    "route_url", "route_path", "static_url", "static_path", "resource_url", "url_for",
})
SOURCE_CALLS: dict[str, tuple[str, str]] = {
    "input": ("external", "user input from input()"),
    "raw_input": ("external", "user input from raw_input()"),
    "os.getenv": ("env", "an environment variable"),
    "os.environ.get": ("env", "an environment variable"),
    "sys.stdin.read": ("external", "standard input"),
    "sys.stdin.readline": ("external", "standard input"),
    "getpass.getpass": ("external", "user input"),
}
SOURCE_ATTRS: dict[str, tuple[str, str]] = {
    "sys.argv": ("external", "command-line arguments (sys.argv)"),
    "os.environ": ("env", "an environment variable"),
    "sys.stdin": ("external", "standard input"),
}
SOURCE_METHODS = frozenset({
    "get_argument", "get_arguments", "get_query_argument", "get_body_argument", "get_cookie",
    "get_secure_cookie", "recv", "recvfrom", "parse_args", "receive_text", "receive_json",
})
#: zipfile / tarfile methods listing entries (names or members with ``.filename`` / ``.name``).
_ARCHIVE_LISTINGS = frozenset({"namelist", "infolist", "getnames", "getmembers"})
#: Calls whose result carries no attacker-controlled text whatever their input.
CASTS = frozenset({
    "int", "float", "bool", "complex", "len", "abs", "round", "hash", "id", "ord", "isinstance",
    "callable", "uuid.UUID", "decimal.Decimal", "datetime.date.fromisoformat",
    "datetime.datetime.fromisoformat", "math.floor", "math.ceil", "secure_filename",
    "werkzeug.utils.secure_filename", "hashlib.sha256", "hashlib.md5", "hashlib.sha1",
    "hashlib.sha512", "hmac.new", "url_for", "flask.url_for", "reverse", "django.urls.reverse",
    "django.shortcuts.resolve_url", "type", "max", "min", "sum", "any", "all", "range",
    "slugify", "django.utils.text.slugify", "ipaddress.ip_address",
    "os.path.exists", "os.path.isfile", "os.path.isdir", "re.escape",
})
SANITIZERS: dict[str, frozenset[str]] = {
    "shlex.quote": frozenset({"cmd"}),
    "pipes.quote": frozenset({"cmd"}),
    "shlex.join": frozenset({"cmd"}),
    "html.escape": frozenset({"xss", "log"}),
    "cgi.escape": frozenset({"xss"}),
    "markupsafe.escape": frozenset({"xss"}),
    "flask.escape": frozenset({"xss"}),
    "jinja2.escape": frozenset({"xss"}),
    "django.utils.html.escape": frozenset({"xss"}),
    "django.utils.html.conditional_escape": frozenset({"xss"}),
    "bleach.clean": frozenset({"xss"}),
    "escape": frozenset({"xss"}),
    "os.path.basename": frozenset({"path"}),
    "posixpath.basename": frozenset({"path"}),
    "ntpath.basename": frozenset({"path"}),
    "werkzeug.utils.safe_join": frozenset({"path"}),
    "werkzeug.security.safe_join": frozenset({"path"}),
    "flask.safe_join": frozenset({"path"}),
    "safe_join": frozenset({"path"}),
    "ldap.filter.escape_filter_chars": frozenset({"ldap"}),
    "ldap3.utils.conv.escape_filter_chars": frozenset({"ldap"}),
    "escape_filter_chars": frozenset({"ldap"}),
    "ldap.dn.escape_dn_chars": frozenset({"ldap"}),
    "escape_rdn": frozenset({"ldap"}),
    "psycopg2.sql.Identifier": frozenset({"sql"}),
    "psycopg2.sql.Literal": frozenset({"sql"}),
    "psycopg.sql.Identifier": frozenset({"sql"}),
    "psycopg.sql.Literal": frozenset({"sql"}),
    "sql.Identifier": frozenset({"sql"}),
    "sql.Literal": frozenset({"sql"}),
    "urllib.parse.quote": frozenset({"xss", "log", "cmd"}),
    "urllib.parse.quote_plus": frozenset({"xss", "log", "cmd"}),
    "repr": frozenset({"log"}),
    "json.dumps": frozenset({"log"}),
    "ast.literal_eval": frozenset({"code", "cmd", "sql"}),
}
METHOD_SANITIZERS: dict[str, frozenset[str]] = {
    "escape": frozenset({"xss", "sql"}),
    "escape_string": frozenset({"sql"}),
    "quote_identifier": frozenset({"sql"}),
    "quote_ident": frozenset({"sql"}),
    "isdigit": ALL_KINDS, "isalnum": ALL_KINDS, "isnumeric": ALL_KINDS, "isdecimal": ALL_KINDS,
    "hexdigest": ALL_KINDS, "digest": ALL_KINDS, "count": ALL_KINDS, "index": ALL_KINDS,
    "find": ALL_KINDS, "startswith": ALL_KINDS, "endswith": ALL_KINDS,
}
#: String/container methods whose result carries their arguments' taint too.
PROPAGATING_METHODS = frozenset({
    "format", "join", "replace", "strip", "lstrip", "rstrip", "lower", "upper", "title",
    "capitalize", "casefold", "split", "rsplit", "splitlines", "partition", "rpartition",
    "encode", "decode", "get", "getlist", "pop", "setdefault", "copy", "values", "items",
    "keys", "read", "readline", "readlines", "format_map", "ljust", "rjust", "center", "zfill",
    "removeprefix", "removesuffix", "expandtabs", "translate", "append", "extend", "update",
    "add", "insert", "getvalue", "to_dict", "dict", "json", "get_json", "get_data", "text",
})
JOIN_CALLS = frozenset({
    "os.path.join", "posixpath.join", "ntpath.join", "urllib.parse.urljoin", "pathlib.Path",
    "pathlib.PurePath", "pathlib.PosixPath", "os.path.abspath", "os.path.realpath",
    "os.path.normpath", "os.path.expanduser",
})
_APP_URL_BUILDERS = frozenset({"route_url", "route_path", "static_url", "static_path", "resource_url", "url_for"})
ROUTE_DECORATORS = frozenset({
    "route", "get", "post", "put", "delete", "patch", "api_route", "websocket", "view_config",
    "expose", "api_view", "action", "head", "options",
})
ABORT_CALLS = frozenset({"abort", "exit", "_exit", "sys.exit", "os._exit", "flask.abort",
                         "quit", "fail", "HttpResponseForbidden", "HttpResponseBadRequest"})
_VALIDATOR_NAME = re.compile(
    r"^(is_?|check_?|validate_?|ensure_?|verify_?)?(safe|valid|allowed|trusted|whitelisted|allowlisted|"
    r"permitted|whitelist|allowlist)|_(safe|valid|allowed|trusted|whitelisted|allowlisted)(_|$)|"
    r"^validate|^url_has_allowed_host_and_scheme$|^(isidentifier|isalnum|isdigit|isdecimal|isnumeric|"
    r"isalpha|isascii)$",
    re.IGNORECASE,
)
#: Names of HTML escapers defined outside the file (project helpers): their output is markup-safe.
_ESCAPER_NAME = re.compile(
    r"^(?:html_?)?(?:escape|encode)_?(?:for_?)?(?:html|xml)(?:_?attr(?:ibute)?)?$|^(?:html|xml)_?(?:escape|encode)$|"
    r"^htmlspecialchars$|^sanitize_?html$|^clean_?html$", re.IGNORECASE)
_TEXT_ENCODERS = frozenset({"base64.b64encode", "base64.urlsafe_b64encode", "base64.b32encode",
                            "base64.b16encode", "base64.standard_b64encode", "binascii.hexlify",
                            "binascii.b2a_hex", "binascii.b2a_base64"})
_REGEX_CHECKS = frozenset({"match", "fullmatch", "search"})
_PREFIX_CHECKS = frozenset({"startswith", "is_relative_to", "commonpath", "commonprefix"})
_BUILTINS = frozenset(dir(builtins))
#: Lower-case names commonly imported as objects (not modules) from frameworks.
_IMPORTED_OBJECTS = frozenset({"request", "session", "g", "current_app", "app", "db", "redis", "cache", "logger",
                               "log", "settings", "config", "celery", "engine", "bp", "router", "api"})
_GENERIC_METHODS = frozenset({"get", "post", "put", "run", "execute", "read", "write", "open", "close", "send",
                              "update", "delete", "call", "start", "stop", "load", "save", "find", "query",
                              "fetch", "render", "process", "handle", "create", "build", "parse", "format",
                              "append", "add", "remove", "clear", "copy", "items", "keys", "values"})
_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "appendleft", "write", "writelines"})
_RESPONSE_BUILDERS = frozenset({"make_response", "HttpResponse", "Response", "HTMLResponse", "JSONResponse",
                                "jsonify", "render_template", "render", "PlainTextResponse", "JsonResponse",
                                "TemplateResponse", "StreamingResponse"})
_FRAMEWORKS = ("flask", "django", "fastapi", "starlette", "aiohttp.web", "tornado", "pyramid", "bottle",
               "falcon", "sanic", "quart", "werkzeug", "rest_framework", "litestar", "connexion",
               "cherrypy", "webob", "responder", "masonite", "ninja", "graphene", "strawberry", "ariadne")
_EFFECT_PREFIXES = ("subprocess.", "requests.", "httpx.", "urllib.request.", "os.popen", "os.system",
                    "urllib3.", "aiohttp.", "socket.")


class SinkHooks(Protocol):
    """What the rules module implements; the engine calls it as it evaluates code."""

    def on_call(self, call: ast.Call, qualname: str, fa: FunctionAnalysis) -> None: ...

    def on_return(self, node: ast.Return, fa: FunctionAnalysis) -> None: ...


# --------------------------------------------------------------------------------------------
# Module facts: imports, constants, functions, dead code.


@dataclass
class ModuleInfo:
    tree: ast.Module
    aliases: dict[str, str] = field(default_factory=dict)
    modules: set[str] = field(default_factory=set)  # local names bound by `import x` (modules)
    constants: set[str] = field(default_factory=set)
    false_names: set[str] = field(default_factory=set)
    const_values: dict[str, str] = field(default_factory=dict)  # module-level string constants
    class_constants: set[str] = field(default_factory=set)
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    parents: dict[int, ast.AST] = field(default_factory=dict)
    nodes: list[ast.AST] = field(default_factory=list)  # every node once, for single-pass rules
    method_counts: dict[str, int] = field(default_factory=dict)  # how many defs share each name
    assume_web: bool = False  # a diff fragment: its imports may be outside the hunks

    @classmethod
    def build(cls, tree: ast.Module, assume_web: bool = False) -> ModuleInfo:
        info = cls(tree, assume_web=assume_web)
        assigned: dict[str, int] = {}
        queue: deque[ast.AST] = deque([tree])
        while queue:  # one breadth-first pass: outer definitions before inner ones
            node = queue.popleft()
            info.nodes.append(node)
            for child in ast.iter_child_nodes(node):
                info.parents[id(child)] = node
                queue.append(child)
            if isinstance(node, ast.Import):
                info.modules.update((a.asname or a.name.split(".")[0]) for a in node.names)
                for a in node.names:
                    info.aliases[(a.asname or a.name).split(".")[0] if not a.asname else a.asname] = (
                        a.name if a.asname else a.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    info.aliases[a.asname or a.name] = f"{node.module}.{a.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                info.functions.setdefault(node.name, node)
                info.method_counts[node.name] = info.method_counts.get(node.name, 0) + 1
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and _is_constant(stmt.value):
                        info.class_constants.update(
                            t.id for t in stmt.targets if isinstance(t, ast.Name))
        for stmt in tree.body:
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(stmt, ast.Assign):
                targets, value = stmt.targets, stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                targets, value = [stmt.target], stmt.value
            for t in targets:
                if isinstance(t, ast.Name):
                    assigned[t.id] = assigned.get(t.id, 0) + 1
                    if value is not None and _is_constant(value):
                        info.constants.add(t.id)
                        if isinstance(value, ast.Constant) and isinstance(value.value, str):
                            info.const_values[t.id] = value.value
                        if isinstance(value, ast.Constant) and not value.value:
                            info.false_names.add(t.id)
        for name, count in assigned.items():
            if count > 1:
                info.constants.discard(name)
                info.false_names.discard(name)
                info.const_values.pop(name, None)
        return info

    @property
    def reads_archives(self) -> bool:
        """The module imports zipfile or tarfile (their listing methods are archive sources)."""
        return any(v.split(".")[0] in {"zipfile", "tarfile"} for v in self.aliases.values())

    @property
    def web_framework(self) -> bool:
        """Does the file import a web framework (so `request` names mean an HTTP request)?"""
        return self.assume_web or any(v.startswith(_FRAMEWORKS) for v in self.aliases.values())

    def qualname(self, node: ast.expr) -> str:
        """Dotted name of ``node`` with the first part resolved through imports ('' if none)."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Call):
            inner = self.qualname(node.func)
            if not inner:
                return ""
            parts.append(inner + "()")
        elif isinstance(node, ast.Name):
            parts.append(self.aliases.get(node.id, node.id))
        else:
            return ""
        return ".".join(reversed(parts))


def _is_constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_constant(k) for k in node.keys) and all(
            _is_constant(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _is_constant(node.left) and _is_constant(node.right)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"frozenset", "set", "tuple", "dict", "list"} and all(
            _is_constant(a) for a in node.args)
    return False


def names_in(node: ast.AST) -> set[str]:
    """Dotted names (``x``, ``self.x``) read anywhere in ``node``."""
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            out.add(f"{sub.value.id}.{sub.attr}")
    return out


def _stmt_lines(stmt: ast.stmt) -> range:
    return range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1)


# --------------------------------------------------------------------------------------------
# The per-function walk.


@dataclass
class Env:
    vars: dict[str, Taint] = field(default_factory=dict)
    derived: dict[str, frozenset[str]] = field(default_factory=dict)

    def copy(self) -> Env:
        return Env(dict(self.vars), dict(self.derived))


def merge_envs(envs: list[Env]) -> Env:
    if not envs:
        return Env()
    if len(envs) == 1:
        return envs[0]
    out = Env()
    keys = set().union(*(e.vars for e in envs))
    for k in keys:
        vals = [e.vars[k] for e in envs if k in e.vars]
        if len(vals) < len(envs) and k.endswith("]"):
            continue  # a container slot known on one path only: fall back to the whole container
        out.vars[k] = merge(*vals)
    for e in envs:
        for k, v in e.derived.items():
            out.derived[k] = out.derived.get(k, frozenset()) | v
    return out


class FunctionAnalysis:
    """Walk one function (or the module body) and report calls/returns to the hooks."""

    def __init__(
        self,
        module: ModuleTaint,
        func: ast.FunctionDef | ast.AsyncFunctionDef | None,
        params: dict[str, Taint],
        report: bool = True,
    ) -> None:
        self.module = module
        self.info = module.info
        self.func = func
        self.name = func.name if func is not None else "<module>"
        self.is_route = module.is_route(func) if func is not None else False
        self.report = report
        self.env = Env(dict(params))
        self.returns: list[Taint] = []
        self._cache: dict[int, Taint] = {}
        self._class_consts = module.info.class_constants
        self._loop_depth = 0
        self._integer_locals = _integer_locals(func)
        # Containers that have (or may have) constant-key slots in some env of this walk: an
        # over-approximation that spares _forget_slots a scan of every name on each assignment.
        self._slotted: set[str] = {k[: k.index("[")] for k in params if "[" in k}

    def _loop_passes(self) -> int:
        """A second pass carries loop-back taint; nested loops get one pass (else 2**depth)."""
        return 2 if self._loop_depth <= 1 else 1

    # ---- statements -------------------------------------------------------------------------

    def run(self) -> Taint:
        body = self.func.body if self.func is not None else self.info.tree.body
        self.block(body)
        if self.report and self.func is not None:
            self.module.final_envs[id(self.func)] = self.env
        return merge(*self.returns) if self.returns else CLEAN_TAINT

    def block(self, stmts: list[ast.stmt]) -> bool:
        """Walk statements in order; True when the block always leaves (return/raise/...)."""
        for i, stmt in enumerate(stmts):
            if self.statement(stmt):
                for dead in stmts[i + 1:]:
                    self.module.dead_lines.update(_stmt_lines(dead))
                return True
        return False

    def statement(self, stmt: ast.stmt) -> bool:
        self._cache = {}
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
        if isinstance(stmt, ast.Assign):
            t = self.taint(stmt.value)
            for target in stmt.targets:
                self.assign(target, t, stmt.value)
                on_store = getattr(self.module.hooks, "on_store", None)
                if self.report and on_store is not None and isinstance(target, (ast.Attribute, ast.Subscript)):
                    on_store(stmt, target, self)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.assign(stmt.target, self.taint(stmt.value), stmt.value)
        elif isinstance(stmt, ast.AugAssign):
            t = self.taint(stmt.value)
            key = _key(stmt.target)
            if key is not None:
                old = self.env.vars.get(key, CLEAN_TAINT)
                new = merge(old, t)
                if isinstance(stmt.op, (ast.Add, ast.Mod)):
                    new = new.with_via("string concatenation")
                self.env.vars[key] = new
                self.env.derived[key] = self.env.derived.get(key, frozenset()) | frozenset(
                    names_in(stmt.value))
        elif isinstance(stmt, ast.Expr):
            self.taint(stmt.value)
            if isinstance(stmt.value, ast.Call) and self._is_abort(stmt.value):
                return True
        elif isinstance(stmt, ast.Return):
            if stmt.value is not None:
                self.returns.append(self.taint(stmt.value))
            if self.report:
                self.module.hooks.on_return(stmt, self)
            return True
        elif isinstance(stmt, ast.Raise):
            if stmt.exc is not None:
                self.taint(stmt.exc)
            return True
        elif isinstance(stmt, (ast.Continue, ast.Break)):
            return True
        elif isinstance(stmt, ast.If):
            return self.if_stmt(stmt)
        elif isinstance(stmt, (ast.For, ast.AsyncFor)):
            it = self.taint(stmt.iter)
            before = self.env.copy()
            self._loop_depth += 1
            for _ in range(self._loop_passes()):
                self.assign(stmt.target, it, stmt.iter)
                self.block(stmt.body)
            self._loop_depth -= 1
            self.env = merge_envs([before, self.env])
            self.block(stmt.orelse)
        elif isinstance(stmt, ast.While):
            if _const_value(stmt.test, self.info) is False:
                self.module.dead_lines.update(
                    ln for s in stmt.body for ln in _stmt_lines(s))
                return False
            self.taint(stmt.test)
            before = self.env.copy()
            self._loop_depth += 1
            for _ in range(self._loop_passes()):
                self.block(stmt.body)
            self._loop_depth -= 1
            self.env = merge_envs([before, self.env])
            self.block(stmt.orelse)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                t = self.taint(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, t, item.context_expr)
            return self.block(stmt.body)
        elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            start = self.env.copy()
            body_leaves = self.block(stmt.body)  # type: ignore[attr-defined]
            outs = [] if body_leaves else [self.env]
            if not body_leaves:
                self.block(stmt.orelse)  # type: ignore[attr-defined]
                outs = [self.env]
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                self.env = merge_envs([start.copy(), *outs]) if outs else start.copy()
                if not self.block(handler.body):
                    outs.append(self.env)
            self.env = merge_envs(outs) if outs else start
            leaves = not outs
            if stmt.finalbody:  # type: ignore[attr-defined]
                leaves = self.block(stmt.finalbody) or leaves  # type: ignore[attr-defined]
            return leaves
        elif isinstance(stmt, ast.Match):
            subject = self.taint(stmt.subject)
            start = self.env
            outs = []
            for case in stmt.cases:
                self.env = start.copy()
                for name in _pattern_names(case.pattern):
                    self.env.vars[name] = subject
                if not self.block(case.body):
                    outs.append(self.env)
            self.env = merge_envs(outs + [start])
        elif isinstance(stmt, ast.Assert):
            self.taint(stmt.test)
        elif isinstance(stmt, ast.Delete):
            pass
        return False

    def if_stmt(self, stmt: ast.If) -> bool:
        const = _const_value(stmt.test, self.info, self._integer_locals)
        if const is False:
            self.module.dead_lines.update(ln for s in stmt.body for ln in _stmt_lines(s))
            return self.block(stmt.orelse)
        if const is True:
            self.module.dead_lines.update(ln for s in stmt.orelse for ln in _stmt_lines(s))
            return self.block(stmt.body)
        self.taint(stmt.test)
        when_true, when_false = self.validations(stmt.test)
        start = self.env
        self.env = self._validated(start.copy(), when_true)
        body_leaves = self.block(stmt.body)
        body_env = self.env
        self.env = self._validated(start.copy(), when_false)
        else_leaves = self.block(stmt.orelse)
        else_env = self.env
        outs = [e for e, leaves in ((body_env, body_leaves), (else_env, else_leaves)) if not leaves]
        self.env = merge_envs(outs) if outs else start
        return body_leaves and else_leaves

    def assign(self, target: ast.expr, t: Taint, value: ast.expr | None) -> None:
        if isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self.assign(elt, t, value)
            return
        if isinstance(target, ast.Starred):
            self.assign(target.value, t, value)
            return
        if isinstance(target, ast.Subscript):
            key = _key(target.value)
            if key is not None:
                self.env.vars[key] = merge(self.env.vars.get(key, CLEAN_TAINT), t)
                slot = _slot(key, target.slice)
                if slot is not None:  # m["a"] = x: a later m["a"] is x, whatever else m holds
                    self._slotted.add(key)
                    self.env.vars[slot] = t
            return
        key = _key(target)
        if key is None:
            return
        self._forget_slots(key)
        self.env.vars[key] = t
        if isinstance(value, ast.Dict) and t.level > CLEAN:  # {"title": "Orders", ...}: constant slots
            for k, v in zip(value.keys, value.values):
                slot = _slot(key, k) if k is not None else None
                if slot is not None and isinstance(v, ast.Constant):
                    self._slotted.add(key)
                    self.env.vars[slot] = CLEAN_TAINT
        roots: set[str] = set()
        if value is not None:
            for n in names_in(value):
                roots.add(n)
                roots.update(self.env.derived.get(n, ()))
        self.env.derived[key] = frozenset(roots - {key})

    def _forget_slots(self, key: str) -> None:
        """``key`` is rebound or mutated as a whole: what its constant-key slots held is stale."""
        if key not in self._slotted:
            return
        prefix = f"{key}["
        for k in [k for k in self.env.vars if k.startswith(prefix)]:
            del self.env.vars[k]

    # ---- guards -----------------------------------------------------------------------------

    def validations(self, test: ast.expr) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """Names validated when ``test`` is true, and when it is false, with the kinds cleared."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            t, f = self.validations(test.operand)
            return f, t
        if isinstance(test, ast.BoolOp):
            parts = [self.validations(v) for v in test.values]
            if isinstance(test.op, ast.And):  # all true when the test is true
                return _union([p[0] for p in parts]), {}
            return {}, _union([p[1] for p in parts])  # or: all false when the test is false
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            op, right = test.ops[0], test.comparators[0]
            left = test.left
            if isinstance(op, (ast.In, ast.NotIn)):
                if isinstance(left, ast.Constant) and isinstance(left.value, str):
                    # `".." in name`: a traversal check on name
                    if ".." in left.value or left.value in {"/", "\\"}:
                        names = self._subjects(right)
                        hit = {n: frozenset({"path"}) for n in names}
                        return ({}, hit) if isinstance(op, ast.In) else (hit, {})
                    return {}, {}
                names = self._subjects(left)
                if isinstance(right, ast.Attribute) and right.attr == "parents":
                    names = self._subjects(right.value)  # `BASE in path.parents`
                hit = {n: ALL_KINDS for n in names}
                return (hit, {}) if isinstance(op, ast.In) else ({}, hit)
            if isinstance(op, (ast.Eq, ast.NotEq)):
                const_side, other = (right, left) if _is_constant(right) else (left, right)
                scheme_only = isinstance(other, ast.Attribute) and other.attr == "scheme"
                if _is_constant(const_side) and not scheme_only and not (
                    isinstance(const_side, ast.Constant) and const_side.value in ("", None)):
                    kinds = frozenset({"ssrf", "redirect"}) if self._mentions_url_part(other) else ALL_KINDS
                    hit = {n: kinds for n in self._subjects(other)}
                    return (hit, {}) if isinstance(op, ast.Eq) else ({}, hit)
                # `urlparse(u).netloc != request.host` style host comparisons
                if not scheme_only and (self._mentions_url_part(left) or self._mentions_url_part(right)):
                    hit = {n: frozenset({"ssrf", "redirect"}) for n in self._subjects(left)}
                    return (hit, {}) if isinstance(op, ast.Eq) else ({}, hit)
            return {}, {}
        if isinstance(test, ast.Attribute) and test.attr in {"netloc", "hostname", "host"}:
            # `if urlparse(u).netloc: <reject>` -> when false, u is a relative URL
            return {}, {n: frozenset({"redirect", "ssrf"}) for n in self._subjects(test.value)}
        if isinstance(test, ast.Call):
            qn = self.info.qualname(test.func)
            last = qn.rsplit(".", 1)[-1] if qn else (
                test.func.attr if isinstance(test.func, ast.Attribute) else "")
            subjects: set[str] = set()
            for arg in test.args:
                subjects |= self._subjects(arg)
            if isinstance(test.func, ast.Attribute) and last not in {"match", "fullmatch", "search"}:
                subjects |= self._subjects(test.func.value)
            elif isinstance(test.func, ast.Attribute):
                subjects |= self._subjects(test.func.value) if not qn.startswith("re.") else set()
            if last in _PREFIX_CHECKS or (last == "endswith" and self._mentions_url_part(test.func)):
                return {n: self._prefix_kinds(test, last) for n in subjects}, {}
            if last == "isinstance" and len(test.args) == 2:
                kinds_ok = "int" in ast.unparse(test.args[1]) or "float" in ast.unparse(test.args[1])
                return ({n: ALL_KINDS for n in self._subjects(test.args[0])} if kinds_ok else {}), {}
            if last in {"compare_digest", "verify", "verify_signature", "check_signature"}:
                everything = {k: frozenset({"deser"}) for k in self.env.vars}
                return everything, {}
            if _VALIDATOR_NAME.search(last) or (last in _REGEX_CHECKS and self._is_regex(test.func, qn)):
                return {n: ALL_KINDS for n in subjects}, {}
        return {}, {}

    def _is_regex(self, func: ast.expr, qn: str) -> bool:
        """``re.match(...)`` or ``SOME_PATTERN.fullmatch(...)``: a pattern check, not a search API."""
        if qn.startswith("re."):
            return True
        if isinstance(func, ast.Attribute):
            recv = ast.unparse(func.value)
            return bool(re.search(r"(^|[._])(re|regex|pattern|pat|rx)$|_RE$|_REGEX$|_PATTERN$|^[A-Z_]+$", recv))
        return False

    def _prefix_kinds(self, test: ast.Call, method: str) -> frozenset[str]:
        """What a prefix check proves: a fixed host (ssrf/redirect), a local path, a base dir."""
        if method == "endswith":
            return frozenset({"ssrf", "redirect"})
        arg = test.args[0] if test.args else None
        text = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else (
            self.taint(arg).prefix if arg is not None and self.taint(arg).level == CLEAN else None)
        if isinstance(arg, ast.Tuple):
            return frozenset({"path"})
        if text is None:
            return frozenset({"path"})  # startswith(base_dir): a directory containment check
        if re.match(r"^[a-z][a-z0-9+.-]*://[^/]+/", text, re.IGNORECASE):
            return frozenset({"ssrf", "redirect", "path"})
        if text.startswith("/") and not text.startswith("//"):
            return frozenset({"path", "redirect"})
        return frozenset()  # a scheme ("https") or other partial prefix proves little

    def _mentions_url_part(self, node: ast.expr) -> bool:
        return any(isinstance(s, ast.Attribute) and s.attr in {"netloc", "hostname", "host", "scheme"}
                   for s in ast.walk(node))

    def _subjects(self, node: ast.expr) -> set[str]:
        names = {n for n in names_in(node) if n in self.env.vars or "." not in n}
        out = set(names)
        for n in names:
            out.update(self.env.derived.get(n, ()))
        return out

    def _validated(self, env: Env, hits: dict[str, frozenset[str]]) -> Env:
        for name, kinds in hits.items():
            if name in env.vars:
                env.vars[name] = env.vars[name].cleared(kinds)
        return env

    def _is_abort(self, call: ast.Call) -> bool:
        qn = self.info.qualname(call.func)
        return qn in ABORT_CALLS or qn.rsplit(".", 1)[-1] in {"abort", "exit"}

    # ---- expressions ------------------------------------------------------------------------

    def taint(self, node: ast.expr) -> Taint:
        cached = self._cache.get(id(node))
        if cached is not None:
            return cached
        result = self._taint(node)
        self._cache[id(node)] = result
        return result

    def _taint(self, node: ast.expr) -> Taint:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                return replace(CLEAN_TAINT, prefix=node.value)
            return CLEAN_TAINT
        if isinstance(node, ast.JoinedStr):
            parts = [self.taint(v.value) for v in node.values if isinstance(v, ast.FormattedValue)]
            prefix = ""
            known = True
            for v in node.values:
                if isinstance(v, ast.FormattedValue) and v.format_spec is not None:
                    self.taint(v.format_spec)
                if not known:
                    continue
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    prefix += v.value
                elif isinstance(v, ast.FormattedValue):
                    inner = self.taint(v.value)
                    if inner.level == CLEAN and inner.prefix is not None and v.format_spec is None:
                        prefix += inner.prefix  # a named constant: its text is known
                    else:
                        known = False
            return replace(merge(CLEAN_TAINT, *parts).with_via("an f-string"), prefix=prefix)
        if isinstance(node, ast.FormattedValue):
            return self.taint(node.value)
        if isinstance(node, ast.BinOp):
            left, right = self.taint(node.left), self.taint(node.right)
            if isinstance(node.op, ast.Add):
                prefix = left.prefix
                if left.level == CLEAN and left.prefix is not None and right.prefix is not None:
                    prefix = left.prefix + right.prefix
                return replace(merge(left, right).with_via("string concatenation"), prefix=prefix)
            if isinstance(node.op, ast.Mod):
                return replace(merge(left, right).with_via("%-formatting"), prefix=left.prefix)
            if isinstance(node.op, ast.Div):  # pathlib's `/`
                return merge(left, right).with_via("path joining")
            return merge(left, right)
        if isinstance(node, ast.Name):
            return self.name_taint(node.id)
        if isinstance(node, ast.Attribute):
            return self.attribute(node)
        if isinstance(node, ast.Subscript):
            self.taint(node.slice)
            key = _key(node.value)
            slot = _slot(key, node.slice) if key is not None else None
            if slot is not None and slot in self.env.vars:
                return self.env.vars[slot]
            return _named_param(self.taint(node.value), node.slice)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Await):
            return self.taint(node.value)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return merge(CLEAN_TAINT, *(self.taint(e) for e in node.elts))
        if isinstance(node, ast.Dict):
            return merge(CLEAN_TAINT, *(self.taint(v) for v in node.values),
                         *(self.taint(k) for k in node.keys if k is not None))
        if isinstance(node, ast.Starred):
            return self.taint(node.value)
        if isinstance(node, ast.IfExp):
            self.taint(node.test)
            const = _const_value(node.test, self.info, self._integer_locals)
            if const is not None:  # `a if 7 * 18 > 100 else b`: only one branch can be the value
                return self.taint(node.body if const else node.orelse)
            when_true, when_false = self.validations(node.test)
            saved = self.env
            self.env = self._validated(saved.copy(), when_true)
            self._cache = {}
            body = self.taint(node.body)
            self.env = self._validated(saved.copy(), when_false)
            self._cache = {}
            other = self.taint(node.orelse)
            self.env = saved
            return merge(body, other)
        if isinstance(node, ast.BoolOp):
            return merge(*(self.taint(v) for v in node.values))
        if isinstance(node, (ast.Compare, ast.UnaryOp)) and not (
            isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not)):
            for sub in ast.iter_child_nodes(node):
                if isinstance(sub, ast.expr):
                    self.taint(sub)
            return CLEAN_TAINT
        if isinstance(node, ast.UnaryOp):
            return self.taint(node.operand)
        if isinstance(node, ast.NamedExpr):
            t = self.taint(node.value)
            self.assign(node.target, t, node.value)
            return t
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            saved = self.env
            self.env = saved.copy()
            for gen in node.generators:
                self.assign(gen.target, self.taint(gen.iter), gen.iter)
                for cond in gen.ifs:
                    self.taint(cond)
                    self.env = self._validated(self.env, self.validations(cond)[0])
            if isinstance(node, ast.DictComp):
                out = merge(self.taint(node.key), self.taint(node.value))
            else:
                out = self.taint(node.elt)
            self.env = saved
            return out
        if isinstance(node, ast.Lambda):
            return UNKNOWN_TAINT
        if isinstance(node, ast.Slice):
            return CLEAN_TAINT
        return UNKNOWN_TAINT

    def name_taint(self, ident: str) -> Taint:
        if ident in self.env.vars:
            return self.env.vars[ident]
        if ident in REQUEST_NAMES and self._request_in_scope(ident):
            return uniform(SOURCE, "the request", "request")
        if ident in self.info.const_values:
            return replace(CLEAN_TAINT, prefix=self.info.const_values[ident])
        if ident in self.info.constants or ident in _BUILTINS:
            return CLEAN_TAINT
        if ident.isupper() and len(ident) > 1:
            return CLEAN_TAINT  # SETTINGS_NAME: a constant by convention (often defined out of view)
        return UNKNOWN_TAINT

    def _request_in_scope(self, ident: str) -> bool:
        alias = self.info.aliases.get(ident, "")
        if alias:
            return alias.endswith(".request") and alias.startswith(_FRAMEWORKS)
        return ident in REQUEST_NAMES and self.info.web_framework

    def attribute(self, node: ast.Attribute) -> Taint:
        key = _key(node)
        if key is not None and key in self.env.vars:
            return self.env.vars[key]
        qn = self.info.qualname(node)
        if qn in SOURCE_ATTRS:
            kind, what = SOURCE_ATTRS[qn]
            return uniform(SOURCE, what, kind)
        base = node.value
        if (isinstance(base, ast.Name) and base.id in {"self", "cls"}
                and node.attr in self._class_consts):
            return CLEAN_TAINT
        if _is_request_object(base, self.info):
            if node.attr in REQUEST_SAFE_ATTRS:
                return UNKNOWN_TAINT
            return uniform(SOURCE, f"request data `{ast.unparse(node)}`", "request")
        if isinstance(base, ast.Name) and base.id in {"self", "cls"} and node.attr == "request":
            return uniform(SOURCE, "the request", "request")
        return self.taint(base)

    def call(self, node: ast.Call) -> Taint:
        qn = self.info.qualname(node.func)
        args = [self.taint(a) for a in node.args]
        kwargs = [self.taint(k.value) for k in node.keywords]
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        receiver = self.taint(node.func.value) if isinstance(node.func, ast.Attribute) else CLEAN_TAINT
        if self.report:
            self.module.hooks.on_call(node, qn, self)
        all_args = merge(CLEAN_TAINT, *args, *kwargs)
        if method in _MUTATORS and isinstance(node.func, ast.Attribute) and all_args.level > CLEAN:
            key = _key(node.func.value)
            if key is not None and key in self.env.vars:  # parts.append(x): parts now holds x
                self.env.vars[key] = merge(self.env.vars[key], all_args)
                self._forget_slots(key)
        short = qn.rsplit(".", 1)[-1] if qn else ""
        if qn in SOURCE_CALLS:
            kind, what = SOURCE_CALLS[qn]
            return uniform(SOURCE, what, kind)
        if method in _ARCHIVE_LISTINGS and self.info.reads_archives:
            # entry names are chosen by whoever built the archive (``../../x``, ``/etc/x``)
            return uniform(SOURCE, f"archive entry names from `{ast.unparse(node.func)}()`", "archive")
        if method in SOURCE_METHODS:
            cli = method in {"recv", "recvfrom"} or (method == "parse_args" and not self.info.web_framework)
            kind = "external" if cli else "request"
            return uniform(SOURCE, f"`{ast.unparse(node.func)}()`", kind)
        if qn in CASTS or short in {"secure_filename", "url_for"}:
            return CLEAN_TAINT
        if qn in _TEMP_CREATORS:
            # the OS picks the name under the temp root; only ``dir=`` decides where it lives
            where = [self.taint(k.value) for k in node.keywords if k.arg == "dir"]
            return merge(CLEAN_TAINT, *where)
        if method in _APP_URL_BUILDERS and isinstance(node.func, ast.Attribute) and isinstance(
                node.func.value, ast.Name) and node.func.value.id in REQUEST_NAMES:
            return CLEAN_TAINT  # request.route_url('home'): a URL of one of the app's own routes
        if qn in SANITIZERS:
            return all_args.cleared(SANITIZERS[qn])
        if qn in _TEXT_ENCODERS:  # base64 / hex text: no markup, quote or shell character survives
            return all_args.cleared(ALL_KINDS - {"path", "ssrf"})
        if _ESCAPER_NAME.search(short) and self.module.helper_for(node.func) is None:
            return all_args.cleared({"xss"})  # another module's HTML escaper (`utils.escape_for_html`)
        if method in METHOD_SANITIZERS and (method != "escape" or receiver.level <= UNKNOWN):
            return merge(receiver, all_args).cleared(METHOD_SANITIZERS[method])
        if method == "replace" and node.args and isinstance(node.args[0], ast.Constant) and (
                isinstance(node.args[0].value, str) and node.args[0].value in {"\n", "\r", "\r\n"}):
            return receiver.cleared({"log"})
        if short in _RESPONSE_BUILDERS:
            return all_args.cleared({"xss"})  # a response object: its body was judged at this call
        if qn == "compile" and node.args:
            return args[0]  # compile(source, filename, mode): only the source is code
        if qn in {"urllib.request.Request", "urllib2.Request"} and node.args:
            return args[0]  # the request object carries its URL, not its body
        if qn.startswith(_EFFECT_PREFIXES) or method in {"fetchone", "fetchall", "fetchmany", "communicate"}:
            return UNKNOWN_TAINT  # program output, HTTP bodies, rows: not the request any more
        helper = self.module.helper_for(node.func)
        if helper is not None:
            return self.module.apply_summary(helper, node, self)
        if self.report:
            self.module.export_call(node, self, args, kwargs)
        if qn in JOIN_CALLS or method == "joinpath":
            joined = merge(receiver, all_args)
            if len(node.args) + (receiver.level > CLEAN) >= 2:
                return joined.with_via("path joining")
            return joined  # Path(x) / realpath(x): the same path, not a built one
        if qn.startswith(_PSYCOPG_SQL) and short in {"Identifier", "Literal", "Placeholder", "Composed"}:
            return all_args.cleared({"sql"})  # quoted/escaped by the driver: safe SQL composition
        if method == "format" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) \
                and self.info.qualname(node.func.value.func) in {p + "SQL" for p in _PSYCOPG_SQL}:
            return merge(receiver, all_args.cleared({"sql"}))  # sql.SQL(...).format() only takes Composables
        if method == "format" or qn == "str.format":
            return replace(merge(receiver, all_args).with_via("str.format()"), prefix=receiver.prefix)
        if method == "join":
            return merge(receiver, all_args).with_via("str.join()")
        if qn in {"open", "io.open", "codecs.open"}:
            return UNKNOWN_TAINT if all_args.level > CLEAN else CLEAN_TAINT
        if isinstance(node.func, ast.Attribute):
            root = node.func.value
            while isinstance(root, ast.Attribute):
                root = root.value
            is_module = isinstance(root, ast.Name) and root.id not in self.env.vars and (
                root.id in self.info.modules or (root.id in self.info.aliases and root.id.islower()
                                                 and root.id not in _IMPORTED_OBJECTS))
            if method in {"get", "pop", "setdefault", "getlist", "getone"} and not is_module:
                # a lookup returns what the mapping holds (or the default), never the key itself
                holder = _key(node.func.value)
                slot = _slot(holder, node.args[0]) if holder is not None and node.args else None
                if method == "get" and slot is not None and slot in self.env.vars:
                    return merge(self.env.vars[slot], *args[1:], *kwargs)
                looked_up = merge(receiver, *args[1:], *kwargs)
                return _named_param(looked_up, node.args[0]) if node.args else looked_up
            if method in PROPAGATING_METHODS:
                return merge(receiver, all_args)
            if is_module:  # another module's function: its output carries the data, not our building
                return _unbuilt(merge(receiver, all_args))
            if all_args.level > UNKNOWN and receiver.level <= UNKNOWN:
                return merge(receiver, UNKNOWN_TAINT)
            return receiver if receiver.level > CLEAN else (UNKNOWN_TAINT if all_args.level else receiver)
        if qn in {"str", "bytes", "format", "list", "dict", "tuple", "set", "sorted", "reversed",
                  "frozenset", "next", "iter", "getattr", "vars"}:
            return all_args if qn != "format" else all_args.with_via("format()")
        if qn in _BUILTINS:
            return CLEAN_TAINT if all_args.level == CLEAN else all_args
        return _unbuilt(all_args) if all_args.level > CLEAN else (
            CLEAN_TAINT if qn in self.info.constants else UNKNOWN_TAINT)


_PSYCOPG_SQL = ("psycopg2.sql.", "psycopg.sql.")


def _unbuilt(t: Taint) -> Taint:
    return replace(t, built=False, via=(), prefix=None) if t.built else t


def _named_param(t: Taint, key: ast.expr) -> Taint:
    """Name the request field (``request parameter `name```) for readable descriptions."""
    if t.source_kind == "request" and t.origin.startswith(("request data", "the request")) and (
            isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return replace(t, origin=f"request parameter `{key.value}`")
    return t


_SAFE_ANNOTATIONS = frozenset({"int", "float", "bool", "UUID", "uuid.UUID", "datetime", "date",
                               "datetime.date", "datetime.datetime", "Decimal", "PositiveInt", "conint"})


_TYPED_SEGMENT = re.compile(r"<(?:int|float|uuid):(\w+)>|\{(\w+):(?:int|float|uuid)\}")


def _typed_route_params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Route parameters the framework converts to a non-string type (``<int:item_id>``)."""
    out: set[str] = set()
    for dec in func.decorator_list:
        if isinstance(dec, ast.Call):
            for arg in dec.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    for flask_name, starlette_name in _TYPED_SEGMENT.findall(arg.value):
                        out.add(flask_name or starlette_name)
    return out


def _is_request_object(node: ast.expr, info: ModuleInfo) -> bool:
    if isinstance(node, ast.Name):
        alias = info.aliases.get(node.id, "")
        if alias:
            return alias.endswith(".request") and alias.startswith(_FRAMEWORKS)
        return node.id in REQUEST_NAMES and info.web_framework
    if isinstance(node, ast.Attribute) and node.attr == "request" and isinstance(node.value, ast.Name):
        return info.aliases.get(node.value.id, "") in {"flask", "bottle", "quart"}
    return (isinstance(node, ast.Attribute) and node.attr == "request"
            and isinstance(node.value, ast.Name) and node.value.id == "self")


def _slot(key: str, index: ast.expr) -> str | None:
    """The env name of a constant-key slot of a container (``m["keyA"]`` -> ``m['keyA']``)."""
    if isinstance(index, ast.Constant) and isinstance(index.value, (str, int)) and not isinstance(
            index.value, bool):
        return f"{key}[{index.value!r}]"
    return None


def _key(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _union(maps: list[dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for m in maps:
        for k, v in m.items():
            out[k] = out.get(k, frozenset()) | v
    return out


def _pattern_names(pattern: ast.pattern) -> Iterator[str]:
    for sub in ast.walk(pattern):
        name = getattr(sub, "name", None)
        if isinstance(name, str):
            yield name


def _const_value(test: ast.expr, info: ModuleInfo, numbers: Mapping[str, int] | None = None) -> bool | None:
    """True/False when a condition is constant (``if False``, ``if DEBUG_OLD`` set to False,
    ``if 7 * 42 - num > 200`` with ``num`` a local assigned one integer literal)."""
    if isinstance(test, ast.Constant):
        return bool(test.value)
    if isinstance(test, ast.Name) and test.id in info.false_names:
        return False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _const_value(test.operand, info, numbers)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = _const_number(test.left, numbers), _const_number(test.comparators[0], numbers)
        compare = _NUMERIC_COMPARISONS.get(type(test.ops[0]))
        if left is not None and right is not None and compare is not None:
            return compare(left, right)
    return None


def _integer_locals(func: ast.FunctionDef | ast.AsyncFunctionDef | None) -> dict[str, int]:
    """Locals bound exactly once, to an integer literal, and never rebound (``num = 106``)."""
    if func is None:
        return {}
    bound: dict[str, list[ast.expr | None]] = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        bound.setdefault(sub.id, []).append(node.value if target is sub else None)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr, ast.For, ast.AsyncFor)):
            target = node.target
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    bound.setdefault(sub.id, []).append(
                        node.value if isinstance(node, ast.AnnAssign) and target is sub else None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                bound.setdefault(name, []).extend((None, None))
    params = {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    return {name: values[0].value for name, values in bound.items()
            if len(values) == 1 and name not in params and isinstance(values[0], ast.Constant)
            and type(values[0].value) is int}


_NUMERIC_COMPARISONS = {ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le,
                        ast.Eq: operator.eq, ast.NotEq: operator.ne}
_NUMERIC_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
                      ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}


def _const_number(node: ast.expr, numbers: Mapping[str, int] | None = None) -> int | None:
    """The value of integer arithmetic on literals and constant locals (``7 * 18 + n``), else None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name) and numbers:
        return numbers.get(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _const_number(node.operand, numbers)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp) and type(node.op) in _NUMERIC_OPERATORS:
        left, right = _const_number(node.left, numbers), _const_number(node.right, numbers)
        if left is None or right is None or (isinstance(node.op, (ast.FloorDiv, ast.Mod)) and right == 0):
            return None
        if max(abs(left), abs(right)) > 10**9:
            return None
        return _NUMERIC_OPERATORS[type(node.op)](left, right)
    return None


# --------------------------------------------------------------------------------------------
# The module driver: route detection, helper summaries, two passes.


@dataclass(frozen=True, slots=True)
class CallSite:
    """What one call passes, by position and keyword, and where it is (``path:line``)."""

    args: tuple[Taint, ...]
    keywords: dict[str, Taint]
    where: str


@dataclass
class ModuleTaint:
    info: ModuleInfo
    hooks: SinkHooks
    path: str = ""
    dead_lines: set[int] = field(default_factory=set)
    _summaries: dict[str, Taint | None] = field(default_factory=dict)
    _callsite: dict[str, dict[str, Taint]] = field(default_factory=dict)
    final_envs: dict[int, Env] = field(default_factory=dict)
    _collecting: bool = False
    _callers: set[int] = field(default_factory=set)
    _routes: bool | None = None
    #: Request data that other files of the review pass to our functions: name -> call sites.
    external_sites: dict[str, list[CallSite]] = field(default_factory=dict)
    #: Request data this file passes to functions it does not define (for the other files).
    exported: dict[str, list[CallSite]] = field(default_factory=dict)

    def analyse(self) -> None:
        """Two passes: learn what in-file callers pass to each helper, then report.

        A helper's parameters are bound to the join of its in-file call sites (so a shell wrapper
        only ever called with quoted data is clean, and one called with request data is
        critical); helpers nobody in the file calls keep "parameter" taint.
        """
        if self._has_local_calls():
            self._collecting = True
            self._walk_all(report=False)
            self._collecting = False
        self.final_envs.clear()
        self._walk_all(report=True)

    def _has_local_calls(self) -> bool:
        """Which scopes call a function defined in this file (pass one walks only those)?"""
        names = self.info.functions
        self._callers = set()
        for node in self.info.nodes:
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else (func.attr if isinstance(func, ast.Attribute) else "")
                if name in names:
                    scope = self._enclosing(node)
                    self._callers.add(id(scope) if scope is not None else 0)
        return bool(self._callers)

    def _walk_all(self, report: bool) -> None:
        if report or 0 in self._callers:
            FunctionAnalysis(self, None, {}, report=report).run()
        funcs = [n for n in self.info.nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        if not report:
            funcs = [f for f in funcs if id(f) in self._callers]
        for func in funcs:  # outer functions come first (breadth-first walk)
            params = self.bound_params(func) if report else self.initial_params(func)
            outer = self._enclosing(func)
            if outer is not None and id(outer) in self.final_envs:
                params = {**self.final_envs[id(outer)].vars, **params}  # closure variables
            FunctionAnalysis(self, func, params, report=report).run()

    def bound_params(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Taint]:
        """Initial taint of ``func``'s parameters, from its in-file call sites when it has any."""
        params = self.initial_params(func)
        sites = self._callsite.get(func.name)
        if sites is None or self.is_route(func) or self.info.functions.get(func.name) is not func:
            return params
        # In an application module (it has routes) or for a private helper, the visible callers are
        # all the callers; a public function of a library module may also be called from elsewhere.
        closed = func.name.startswith("_") or self._has_routes()
        args = func.args
        positional = args.posonlyargs + args.args
        with_default = {a.arg for a in positional[len(positional) - len(args.defaults):]}
        with_default |= {a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
        for name in list(params):
            if name in sites:
                params[name] = sites[name] if closed else merge(sites[name], params[name])
            elif name in with_default and closed:
                params[name] = CLEAN_TAINT
        return params

    def _external_params(self, func: ast.FunctionDef | ast.AsyncFunctionDef, params: dict[str, Taint]) -> None:
        """Bind parameters to what callers in other files of the review pass (request data only)."""
        positional = [a.arg for a in func.args.posonlyargs + func.args.args]
        for site in self.external_sites.get(func.name, ()):
            names = positional[1:] if positional[:1] in (["self"], ["cls"]) else positional
            bound = dict(zip(names, site.args))
            bound.update(site.keywords)
            for name, t in bound.items():
                if name in params and t.level == SOURCE:
                    params[name] = merge(replace(t, origin=f"{t.origin} (passed to `{func.name}()` at "
                                                          f"{site.where})"), params[name])

    def export_call(self, node: ast.Call, fa: FunctionAnalysis, args: list[Taint], kwargs: list[Taint]) -> None:
        """Remember request data handed to a function defined elsewhere, for the review's other files."""
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (func.attr if isinstance(func, ast.Attribute) else "")
        if len(name) < 4 or name in self.info.functions or not any(
                t.level == SOURCE for t in [*args, *kwargs]):
            return
        keywords = {k.arg: t for k, t in zip(node.keywords, kwargs) if k.arg}
        self.exported.setdefault(name, []).append(
            CallSite(tuple(args), keywords, f"{self.path}:{node.lineno}" if self.path else f"line {node.lineno}"))

    def _has_routes(self) -> bool:
        if self._routes is None:
            self._routes = any(self.is_route(n) for n in self.info.nodes
                               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                               and any(True for _ in n.decorator_list))
        return self._routes

    def _enclosing(self, func: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        cur = self.info.parents.get(id(func))
        while cur is not None:
            if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return cur
            cur = self.info.parents.get(id(cur))
        return None

    def is_route(self, func: ast.FunctionDef | ast.AsyncFunctionDef | None) -> bool:
        if func is None:
            return False
        for dec in func.decorator_list:
            target = dec.func if isinstance(dec, ast.Call) else dec
            name = target.attr if isinstance(target, ast.Attribute) else (
                target.id if isinstance(target, ast.Name) else "")
            if name in ROUTE_DECORATORS:
                return True
        names = [a.arg for a in func.args.args]
        if "environ" in names and "start_response" in names:
            return True  # a WSGI application: the environ is the request (path, query, headers)
        if len(names) >= 2 and names[1] == "info" and (func.name == "mutate" or func.name.startswith("resolve_")):
            return True  # a GraphQL resolver: its arguments are the client's query arguments
        if len(names) >= 2 and names[0] == "event" and names[1] == "context":
            return True  # an AWS Lambda handler: the event is the API Gateway request
        return self.info.web_framework and any(n in REQUEST_NAMES for n in names[:2])

    def initial_params(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Taint]:
        params = self._own_params(func)
        if func.name in self.external_sites:
            self._external_params(func, params)
        return params

    def _own_params(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Taint]:
        route = self.is_route(func)
        args = func.args
        params: dict[str, Taint] = {}
        defaults: dict[str, ast.expr] = {}
        positional = args.posonlyargs + args.args
        for a, d in zip(positional[len(positional) - len(args.defaults):], args.defaults):
            defaults[a.arg] = d
        for a, d in zip(args.kwonlyargs, args.kw_defaults):
            if d is not None:
                defaults[a.arg] = d
        every = positional + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
        typed = _typed_route_params(func) if route else set()
        for a in every:
            name = a.arg
            if name in {"self", "cls"}:
                continue
            default = defaults.get(name)
            injected = isinstance(default, ast.Call) and "Depends" in ast.unparse(default.func)
            annotation = ast.unparse(a.annotation) if a.annotation is not None else ""
            if route and name == "info" and func.args.args and func.args.args[-1].arg != "info":
                params[name] = UNKNOWN_TAINT  # GraphQL resolve info, not client data
            elif route and (name in typed or annotation in _SAFE_ANNOTATIONS):
                params[name] = CLEAN_TAINT  # converted by the framework: <int:id>, id: int
            elif route and not injected:
                what = "the request" if name in REQUEST_NAMES else f"route parameter `{name}`"
                params[name] = uniform(SOURCE, what, "request", frozenset({name}))
            elif injected:
                params[name] = UNKNOWN_TAINT
            else:
                params[name] = uniform(PARAM, f"parameter `{name}` of `{func.name}()`", "param",
                                       frozenset({name}))
        return params

    def helper_for(self, func: ast.expr) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        if isinstance(func, ast.Name) and func.id not in self.info.aliases:
            return self.info.functions.get(func.id)
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id in {"self", "cls"}):
            return self.info.functions.get(func.attr)
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id not in self.info.modules and func.attr not in _GENERIC_METHODS
                and self.info.method_counts.get(func.attr) == 1 and len(func.attr) > 3):
            return self.info.functions.get(func.attr)  # repo.entries(...): the one `entries` here
        return None

    def summary(self, func: ast.FunctionDef | ast.AsyncFunctionDef) -> Taint:
        """What ``func`` returns in terms of its parameters (computed once, cycles -> unknown)."""
        if func.name in self._summaries:
            return self._summaries[func.name] or UNKNOWN_TAINT
        self._summaries[func.name] = None
        params = {}
        for name, t in self.initial_params(func).items():
            params[name] = uniform(PARAM, f"parameter `{name}`", "param", frozenset({name}))
            if t.level == UNKNOWN:
                params[name] = t
        result = FunctionAnalysis(self, func, params, report=False).run()
        self._summaries[func.name] = result
        return result

    def apply_summary(self, func: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call,
                      fa: FunctionAnalysis) -> Taint:
        names = [a.arg for a in func.args.posonlyargs + func.args.args if a.arg not in {"self", "cls"}]
        bound: dict[str, Taint] = {}
        for name, arg in zip(names, call.args):
            bound[name] = fa.taint(arg)
        for kw in call.keywords:
            if kw.arg:
                bound[kw.arg] = fa.taint(kw.value)
        unpacked = any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords)
        if self._collecting and not unpacked:
            site = self._callsite.setdefault(func.name, {})
            for name, t in bound.items():
                described = t if t.level <= UNKNOWN else replace(
                    t, origin=f"{t.origin} (passed to `{func.name}()` from `{fa.name}` line {call.lineno})")
                site[name] = merge(site[name], described) if name in site else described
        summary = self.summary(func)
        if summary.level == CLEAN:
            return CLEAN_TAINT
        contributing = [bound[p] for p in summary.params if p in bound]
        from_args = merge(CLEAN_TAINT, *contributing)
        levels = []
        for i, lv in enumerate(summary.levels):
            if lv == CLEAN:
                levels.append(CLEAN)
            elif lv == PARAM:
                levels.append(from_args.levels[i])
            else:
                levels.append(max(lv, from_args.levels[i]))
        top = from_args if from_args.level >= summary.level or summary.level == PARAM else summary
        via = tuple(dict.fromkeys(from_args.via + summary.via + (f"helper `{func.name}()`",)))[-4:]
        return Taint(tuple(levels), top.origin, top.source_kind,
                     summary.built or from_args.built, via, from_args.params, summary.prefix)
