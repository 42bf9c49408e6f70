"""Python security rules: taint sinks (via the taint engine) and structural checks (AST).

:func:`analyse_python` parses a file once, runs the taint engine with :class:`PythonSinks` as its
hooks, then walks the tree for configuration-style defects (debug on, TLS off, weak hashes for
passwords, hard-coded credentials, mktemp, XXE parsers, assert-based access control). It returns
the findings and the *sink events* (every sink seen, with the taint level that reached it), which
the reviewer uses to decide which bandit results are real.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace

from wfc_server.review.model import RawFinding
from wfc_server.review.rules import Severity
from wfc_server.review.security.catalog import make_finding
from wfc_server.review.security.secret_values import embedded_credential, looks_like_real_secret
from wfc_server.review.security.taint import (
    CLEAN,
    CallSite,
    PARAM,
    SOURCE,
    UNKNOWN,
    FunctionAnalysis,
    ModuleInfo,
    ModuleTaint,
    Taint,
    names_in,
)

FAMILY = "wfc-taint"
CHECK_FAMILY = "wfc-ast"

#: kind -> concept
CONCEPT = {
    "sql": "sql-injection", "cmd": "command-injection", "code": "code-injection",
    "deser": "unsafe-deserialization", "path": "path-traversal", "ssrf": "ssrf", "xss": "xss",
    "redirect": "open-redirect", "ldap": "ldap-injection", "xpath": "xpath-injection",
    "log": "log-injection", "template": "template-injection",
}
_GROUP_A = {"sql", "cmd", "code", "deser", "template"}
_GROUP_B = {"path", "ssrf", "xss", "ldap", "xpath"}

SQL_METHODS = frozenset({"execute", "executemany", "executescript", "raw", "mogrify", "exec_driver_sql"})
#: asyncpg / databases style: only when the text is recognisably SQL
SQL_FETCH_METHODS = frozenset({"fetch", "fetchrow", "fetchval", "fetch_all", "fetch_one", "fetch_val"})
SQL_FUNCS = frozenset({"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text",
                       "pandas.read_sql", "pandas.read_sql_query", "RawSQL",
                       "django.db.models.expressions.RawSQL", "django.db.models.RawSQL"})
SHELL_FUNCS = frozenset({"os.system", "os.popen", "subprocess.getoutput", "subprocess.getstatusoutput",
                         "commands.getoutput", "commands.getstatusoutput", "os.popen2", "os.popen3",
                         "asyncio.create_subprocess_shell", "popen2.popen2"})
SUBPROCESS_FUNCS = frozenset({"subprocess.run", "subprocess.call", "subprocess.check_call",
                              "subprocess.check_output", "subprocess.Popen"})
SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "zsh", "cmd", "cmd.exe", "powershell",
                    "/usr/bin/bash", "/bin/zsh"})
CODE_FUNCS = frozenset({"eval", "exec", "compile", "execfile"})
DESER_FUNCS = frozenset({"pickle.loads", "pickle.load", "_pickle.loads", "cPickle.loads", "cPickle.load",
                         "dill.loads", "dill.load", "marshal.loads", "marshal.load", "jsonpickle.decode",
                         "shelve.open", "pandas.read_pickle", "joblib.load", "pickle.Unpickler",
                         "yaml.unsafe_load", "yaml.unsafe_load_all", "cloudpickle.loads",
                         "cloudpickle.load", "torch.load", "numpy.load"})
PATH_FUNCS = frozenset({"open", "io.open", "codecs.open", "os.open", "aiofiles.open", "send_file",
                        "flask.send_file", "django.http.FileResponse", "FileResponse",
                        "starlette.responses.FileResponse", "fastapi.responses.FileResponse",
                        "os.remove", "os.unlink", "os.rmdir", "os.listdir", "os.makedirs",
                        "shutil.rmtree", "shutil.copy", "shutil.copyfile", "shutil.move", "os.rename",
                        "os.scandir", "shutil.copytree", "tarfile.open", "zipfile.ZipFile",
                        "sanic.response.file", "sanic.response.file_stream", "sanic.file", "sanic.file_stream"})
PATH_METHODS = frozenset({"read_text", "read_bytes", "write_text", "write_bytes"})
HTTP_VERBS = frozenset({"get", "post", "put", "delete", "head", "patch", "options", "request", "stream"})
SSRF_MODULES = ("requests", "httpx", "urllib3")
SSRF_FUNCS = frozenset({"urllib.request.urlopen", "urllib.request.Request", "urllib.urlopen",
                        "urllib2.urlopen", "http.client.HTTPConnection", "http.client.HTTPSConnection",
                        "urllib.request.urlretrieve", "aiohttp.request"})
REDIRECT_FUNCS = frozenset({"redirect", "flask.redirect", "django.shortcuts.redirect",
                            "django.http.HttpResponseRedirect", "HttpResponseRedirect",
                            "django.http.HttpResponsePermanentRedirect", "RedirectResponse",
                            "starlette.responses.RedirectResponse", "fastapi.responses.RedirectResponse",
                            "aiohttp.web.HTTPFound", "web.HTTPFound", "werkzeug.utils.redirect",
                            "pyramid.httpexceptions.HTTPFound", "pyramid.httpexceptions.HTTPSeeOther",
                            "pyramid.httpexceptions.HTTPTemporaryRedirect", "HTTPFound", "HTTPSeeOther",
                            "sanic.redirect", "sanic.response.redirect", "bottle.redirect",
                            "quart.redirect", "falcon.HTTPFound", "falcon.redirects.HTTPFound"})
MARKUP_FUNCS = frozenset({"markupsafe.Markup", "flask.Markup", "jinja2.Markup", "Markup",
                          "django.utils.safestring.mark_safe", "mark_safe", "SafeString",
                          "django.utils.safestring.SafeString"})
RESPONSE_FUNCS = frozenset({"flask.make_response", "make_response", "django.http.HttpResponse",
                            "HttpResponse", "flask.Response", "werkzeug.wrappers.Response",
                            "starlette.responses.HTMLResponse", "fastapi.responses.HTMLResponse",
                            "HTMLResponse", "aiohttp.web.Response", "web.Response", "sanic.response.html",
                            "sanic.html", "quart.Response", "quart.make_response"})
TEMPLATE_FUNCS = frozenset({"flask.render_template_string", "render_template_string",
                            "jinja2.Template", "django.template.Template", "mako.template.Template",
                            "Template", "jinja2.Environment.from_string", "bottle.template",
                            "bottle.SimpleTemplate", "tornado.template.Template",
                            "quart.render_template_string"})
LDAP_METHODS = frozenset({"search_s", "search_st", "search_ext_s", "search_ext", "search"})
XPATH_METHODS = frozenset({"xpath", "find", "findall", "findtext", "iterfind"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
_SQL_WORDS = re.compile(r"\b(select|insert|update|delete|where|from|into|values|drop|order\s+by)\b",
                        re.IGNORECASE)
_FIXED_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/{}\s]+/", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SinkEvent:
    """A sink the engine saw: which concept, where, and the worst taint level reaching it."""

    line: int
    end_line: int
    concept: str
    level: int


@dataclass
class PythonSinks:
    """The taint engine's hooks: decide, per sink call, whether what reaches it is dangerous."""

    path: str
    info: ModuleInfo
    findings: dict[tuple[str, int], RawFinding] = field(default_factory=dict)
    events: list[SinkEvent] = field(default_factory=list)
    fastapi: bool = False
    _archive_lines: dict[int, int] = field(default_factory=dict)  # function -> first zip-slip line

    # ---- engine hooks -----------------------------------------------------------------------

    def on_call(self, call: ast.Call, qualname: str, fa: FunctionAnalysis) -> None:
        method = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        short = qualname.rsplit(".", 1)[-1] if qualname else ""
        shadowed = isinstance(call.func, ast.Name) and (
            call.func.id in fa.env.vars or call.func.id in self.info.functions)
        if shadowed:
            return
        self._hashed_request_data(call, qualname, method, fa)
        # SQL
        if method in SQL_METHODS and not qualname.startswith(("subprocess", "os.")):
            self._sink(call, fa, "sql", _arg(call, 0, "sql", "query", "statement", "operation"),
                       f"`{_callee(call)}`")
        elif method in SQL_FETCH_METHODS and call.args and _sql_text(call.args[0], fa.taint(call.args[0])):
            self._sink(call, fa, "sql", call.args[0], f"`{_callee(call)}`")
        elif qualname in SQL_FUNCS:
            self._sink(call, fa, "sql", _arg(call, 0, "sql", "text"), f"`{_callee(call)}`")
        elif method == "extra":
            for kw in call.keywords:
                if kw.arg in {"where", "select", "tables"}:
                    self._sink(call, fa, "sql", kw.value, f"`{_callee(call)}({kw.arg}=...)`")
        # command execution
        if qualname in SHELL_FUNCS or method == "exec_command":
            self._sink(call, fa, "cmd", _arg(call, 0, "cmd", "command"), f"`{_callee(call)}`")
        elif qualname in SUBPROCESS_FUNCS:
            self._subprocess(call, fa)
        # code evaluation
        if qualname in CODE_FUNCS and isinstance(call.func, ast.Name):
            self._sink(call, fa, "code", _arg(call, 0, "source", "expression"), f"`{qualname}()`")
        # deserialization
        if qualname in DESER_FUNCS and self._unsafe_loader_args(call, qualname) and "yaml" not in qualname:
            self._sink(call, fa, "deser", _arg(call, 0, "data", "file", "filename", "f"),
                       f"`{qualname}()`")
        elif (qualname in {"yaml.load", "yaml.load_all"} and self._yaml_unsafe(call)) or qualname in {
                "yaml.unsafe_load", "yaml.unsafe_load_all"}:
            self._yaml(call, fa, qualname)
        # path traversal
        if qualname in PATH_FUNCS and not shadowed:
            self._sink(call, fa, "path", _arg(call, 0, "file", "path", "name", "filename_or_fp", "path_or_file"),
                       f"`{_callee(call)}`")
        elif method in PATH_METHODS or (method == "open" and _pathish(call.func)):
            assert isinstance(call.func, ast.Attribute)
            self._sink(call, fa, "path", call.func.value, f"`{_callee(call)}`")
        # SSRF
        if self._is_http_call(call, qualname, method):
            url = _arg(call, 1 if method == "request" or short == "request" else 0, "url")
            if qualname.startswith("http.client"):
                url = _arg(call, 0, "host")
            self._sink(call, fa, "ssrf", url, f"`{_callee(call)}`")
        # open redirect
        if qualname in REDIRECT_FUNCS:
            self._sink(call, fa, "redirect", _arg(call, 0, "location", "url", "redirect_to"),
                       f"`{_callee(call)}`")
        tornado_self = isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) and (
            call.func.value.id == "self" and any(v.startswith("tornado") for v in self.info.aliases.values()))
        if tornado_self and method == "redirect":
            self._sink(call, fa, "redirect", _arg(call, 0, "url"), "`self.redirect` (Tornado)")
        if tornado_self and method in {"write", "finish"}:
            self._sink(call, fa, "xss", _arg(call, 0, "chunk"), f"the HTML response written by `self.{method}`",
                       need_built=True)
        # XSS and template injection
        if qualname in MARKUP_FUNCS:
            self._sink(call, fa, "xss", _arg(call, 0), f"`{_callee(call)}` (marks it safe HTML)")
        elif qualname in RESPONSE_FUNCS and not qualname.startswith("rest_framework") and self._html_response(call, fa):
            self._sink(call, fa, "xss", _arg(call, 0, "response", "content", "body", "text"),
                       f"the HTML response `{_callee(call)}`", need_built=True)
        env_like = isinstance(call.func, ast.Attribute) and re.search(
            r"env|jinja", ast.unparse(call.func.value), re.IGNORECASE) is not None
        sandboxed = any("sandbox" in v for v in self.info.aliases.values())
        if (qualname in TEMPLATE_FUNCS or (method == "from_string" and env_like)) and not sandboxed:
            self._template(call, fa, qualname)
        # XML parsers that resolve entities by default (lxml) or expand them (stdlib)
        if qualname in _LXML_PARSE and len(call.args) < 2 and not any(k.arg == "parser" for k in call.keywords):
            self._xml(call, fa, qualname, lxml=True)
        elif qualname in _STDLIB_XML:
            self._xml(call, fa, qualname, lxml=False)
        # LDAP / XPath
        if method in LDAP_METHODS and not qualname.startswith("re."):
            self._ldap(call, fa, method)
        if method in XPATH_METHODS or qualname in {"lxml.etree.XPath", "etree.XPath"}:
            self._xpath(call, fa, method)
        # another module's helper whose name says what it does with its argument
        if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) and \
                call.func.value.id in self.info.aliases and call.func.value.id not in self.info.functions:
            self._named_helper(call, fa, call.func.attr)
        # log injection
        if method in LOG_METHODS and _loggerish(call.func):
            for arg in list(call.args) + [k.value for k in call.keywords if k.arg is None]:
                self._sink(call, fa, "log", arg, f"the log call `{_callee(call)}`")

    def on_store(self, stmt: ast.Assign, target: ast.Attribute | ast.Subscript, fa: FunctionAnalysis) -> None:
        """Falcon writes the response body by attribute (``resp.text = ...``): HTML built from
        request data there is reflected XSS."""
        if isinstance(target, ast.Subscript):
            self._header_store(stmt, target, fa)
            return
        if target.attr not in {"text", "body", "data"} or not isinstance(target.value, ast.Name) or \
                target.value.id not in {"resp", "response"} or \
                not any(v.startswith("falcon") for v in self.info.aliases.values()):
            return
        func_text = ast.unparse(fa.func) if fa.func is not None else ""
        html_literal = any(isinstance(n, ast.Constant) and isinstance(n.value, str) and _HTML_TAG.search(n.value)
                           for n in ast.walk(stmt.value))
        if html_literal or re.search(r"MEDIA_HTML|text/html", func_text):
            self._sink(stmt, fa, "xss", stmt.value, f"the HTML response body `{ast.unparse(target)}` (Falcon)",
                       need_built=True)

    def _header_store(self, stmt: ast.Assign, target: ast.Subscript, fa: FunctionAnalysis) -> None:
        """``response.headers[name] = request...``: CR/LF in request data splits the response.

        Why only request data: headers set from parameters or computed values are what every
        response helper does, so anything weaker would be noise.
        """
        owner = target.value
        if not (isinstance(owner, ast.Attribute) and owner.attr == "headers" and isinstance(owner.value, ast.Name)
                and re.fullmatch(r"(resp|response|res|reply|r)", owner.value.id)):
            return
        if fa.taint(stmt.value).at("log") < SOURCE:
            return
        name = ast.unparse(target.slice)
        strong = re.fullmatch(r"""["'](set-cookie|refresh)["']""", name, re.IGNORECASE)
        if re.fullmatch(r"""["']location["']""", name, re.IGNORECASE):
            self._sink(stmt, fa, "redirect", stmt.value, "the `Location` response header")
            return
        self._add(make_finding("header-injection", file=self.path, line=stmt.lineno, end_line=stmt.end_lineno,
                               column=stmt.col_offset, severity="high" if strong else "medium",
                               description=f"Request data reaches the `{name}` response header; CR/LF in it "
                               "splits the response (header injection / response splitting).",
                               family=FAMILY, confidence=65))

    def on_return(self, node: ast.Return, fa: FunctionAnalysis) -> None:
        if not fa.is_route or node.value is None or self.fastapi:
            return
        value = node.value
        if _wsgi_html(fa):  # a WSGI app returns its body as a list of (encoded) chunks
            if isinstance(value, ast.List) and len(value.elts) == 1:
                value = value.elts[0]
            while isinstance(value, ast.Call) and len(value.args) == 1 and _ENCODER.match(_callee(value)):
                value = value.args[0]
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "encode":
                value = value.func.value
        if isinstance(value, ast.Tuple) and value.elts:
            headers = [e for e in value.elts[1:] if isinstance(e, ast.Dict)]
            if any(re.search(r"text/(plain|csv)|application/(json|octet-stream)", ast.unparse(h), re.IGNORECASE)
                   for h in headers):
                return
            value = value.elts[0]
        if isinstance(value, ast.Call) and not (
                isinstance(value.func, ast.Attribute) and value.func.attr in {"format", "join"}):
            return
        if isinstance(value, (ast.Dict, ast.List, ast.Constant)):
            return
        self._sink(node, fa, "xss", value, "the HTML response body returned by the view",
                   need_built=True)

    def _hashed_request_data(self, call: ast.Call, qualname: str, method: str, fa: FunctionAnalysis) -> None:
        """MD5 / SHA-1 over what the client sent (``md = hashlib.md5(); md.update(param)``): a
        digest kept or compared for the client's data is a security use, and these are broken."""
        if self._weak_digest(call, qualname):
            data = call.args[:1]
        elif method == "update" and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
                and fa.func is not None and self._weak_digest_bound(call.func.value.id, fa.func):
            data = call.args[:1]
        else:
            return
        for arg in data:
            t = fa.taint(arg)
            if t.level == SOURCE and t.source_kind == "request":
                line = call.lineno
                self._add(make_finding(
                    "weak-hash", file=self.path, line=line, end_line=call.end_lineno or line,
                    column=call.col_offset, severity="low", family=FAMILY, confidence=50,
                    description=f"{_cap(t.origin)} is digested with a broken hash (MD5/SHA-1); if the digest "
                                "protects or identifies it, collisions and brute force defeat that."))

    def _weak_digest(self, call: ast.Call, qualname: str) -> bool:
        if any(k.arg == "usedforsecurity" and isinstance(k.value, ast.Constant) and k.value.value is False
               for k in call.keywords):
            return False
        if qualname in {"hashlib.md5", "hashlib.sha1"}:
            return True
        return qualname == "hashlib.new" and bool(call.args) and isinstance(call.args[0], ast.Constant) and \
            str(call.args[0].value).lower().replace("-", "") in {"md5", "sha1"}

    def _weak_digest_bound(self, name: str, func: ast.AST) -> bool:
        return any(isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                   and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
                   and self._weak_digest(n.value, self.info.qualname(n.value.func)) for n in ast.walk(func))

    # ---- sink helpers -----------------------------------------------------------------------

    def _sink(self, node: ast.AST, fa: FunctionAnalysis, kind: str, arg: ast.expr | None,
              sink: str, need_built: bool = False) -> None:
        if arg is None:
            return
        t = fa.taint(arg)
        level = t.at(kind)
        if kind == "ssrf" and level > CLEAN and t.prefix and _FIXED_HOST.match(t.prefix):
            level = CLEAN  # host and scheme are fixed: only the path varies
        if kind == "redirect" and level > CLEAN and t.prefix and t.prefix.startswith("/") and not (
                t.prefix.startswith("//")):
            level = CLEAN  # a local path
        if kind == "path" and level == PARAM and isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) \
                and isinstance(arg.func.value, ast.Name) and arg.func.value.id in {"self", "cls"}:
            level = CLEAN  # the object's own path helper (cache files, storage layout), not a request
        if kind == "path" and level == PARAM and _tmp_prefixed(arg):
            level = CLEAN  # a predictable temp-file name (reported as CWE-377), not a caller-chosen path
        if kind == "sql" and level < SOURCE and not _sqlish(arg, t):
            level = min(level, UNKNOWN) if level else level
        line = getattr(node, "lineno", 1)
        end = getattr(node, "end_lineno", line) or line
        self.events.append(SinkEvent(line, end, CONCEPT[kind], level))
        if need_built and not t.built:
            return
        if t.source_kind == "archive" and level == SOURCE:
            if kind == "path":
                first = self._archive_lines.setdefault(id(fa.func), line)
                if first != line:
                    return  # one report per extraction: its first write is the one to fix
                self._add(make_finding(
                    "archive-path-traversal", file=self.path, line=line, end_line=end,
                    column=getattr(node, "col_offset", None), severity="high", family=FAMILY, confidence=80,
                    description=f"{_cap(t.origin)} reach {sink} without a check that the resolved path stays "
                                "inside the destination; an entry named `../../x` or `/x` writes anywhere (zip slip)."))
                return
            t = replace(t, source_kind="external")  # a name from a file, not a request
        verdict = severity_for(kind, level, t)
        if kind == "sql" and level == UNKNOWN and t.built and QUOTED_HOLE.search(ast.unparse(arg)):
            verdict = PARAM_INJECTION  # spliced into a quoted SQL string: a value that must be a bound parameter
        if kind == "redirect" and level == PARAM and verdict is None and any(
                NAVIGATION_PARAM.fullmatch(p) for p in t.params):
            verdict = ("medium", 60)  # a helper handed the `next` / `return_url` the user asked to go back to
        if verdict is None:
            return
        severity, confidence = verdict
        desc = f"{_cap(t.origin or 'data')} reaches {sink}"
        if t.via:
            desc += " via " + ", ".join(t.via)
        if level == PARAM:
            desc += "; any caller passing untrusted data makes this exploitable"
        elif level == UNKNOWN:
            desc += "; the value is not a constant and is not sanitised"
        desc += "."
        self._add(make_finding(CONCEPT[kind], file=self.path, line=line, end_line=end,
                               column=getattr(node, "col_offset", None), severity=severity,
                               description=desc, family=FAMILY, confidence=confidence))

    def _add(self, finding: RawFinding) -> None:
        key = (finding.concept, finding.line or 0)
        old = self.findings.get(key)
        if old is None or _RANK[finding.severity] > _RANK[old.severity] or (
                finding.severity == old.severity and finding.confidence > old.confidence):
            self.findings[key] = finding

    def _subprocess(self, call: ast.Call, fa: FunctionAnalysis) -> None:
        shell = any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                    for k in call.keywords)
        first = _arg(call, 0, "args")
        if shell:
            self._sink(call, fa, "cmd", first, f"`{_callee(call)}(..., shell=True)`")
            return
        if isinstance(first, (ast.List, ast.Tuple)) and len(first.elts) >= 3:
            head, flag = first.elts[0], first.elts[1]
            if (isinstance(head, ast.Constant) and head.value in SHELLS
                    and isinstance(flag, ast.Constant) and flag.value in {"-c", "/c", "-Command"}):
                self._sink(call, fa, "cmd", first.elts[2], f"a shell started by `{_callee(call)}`")

    def _unsafe_loader_args(self, call: ast.Call, qualname: str) -> bool:
        if qualname == "torch.load":
            return not any(k.arg == "weights_only" and isinstance(k.value, ast.Constant)
                           and k.value.value is True for k in call.keywords)
        if qualname == "numpy.load":
            return any(k.arg == "allow_pickle" and isinstance(k.value, ast.Constant)
                       and k.value.value is True for k in call.keywords)
        return True

    def _yaml(self, call: ast.Call, fa: FunctionAnalysis, qualname: str) -> None:
        """An object-constructing YAML loader: request data is critical; any stream that is not a
        literal constant path (config handed in, files found at run time) still builds arbitrary
        Python objects from whoever can write that file, so it stays high."""
        stream = _arg(call, 0, "stream")
        label = f"`{qualname}()` with an unsafe Loader (constructs arbitrary Python objects)"
        self._sink(call, fa, "deser", stream, label)
        if stream is None:
            return
        t = fa.taint(stream)
        if t.at("deser") in {PARAM, UNKNOWN}:
            self._add(make_finding(
                "unsafe-deserialization", file=self.path, line=call.lineno, end_line=call.end_lineno,
                column=call.col_offset, severity="high", family=FAMILY, confidence=60,
                description=f"{_cap(t.origin or 'data')} is parsed by {label}; a crafted document "
                            "runs code. Use yaml.safe_load."))

    def _yaml_unsafe(self, call: ast.Call) -> bool:
        loader = _arg(call, 1, "Loader")
        if loader is None:
            return True  # PyYAML < 6 defaults to the full loader; >= 6 raises
        text = ast.unparse(loader)
        return not any(s in text for s in ("SafeLoader", "CSafeLoader", "BaseLoader"))

    def _is_http_call(self, call: ast.Call, qualname: str, method: str) -> bool:
        if qualname in SSRF_FUNCS:
            return True
        mod, _, last = qualname.rpartition(".")
        if last in HTTP_VERBS and mod in SSRF_MODULES:
            return True
        if method == "fetch" and isinstance(call.func, ast.Attribute) and "HTTPClient" in (
                qualname + ast.unparse(call.func.value)):
            return True  # tornado's (Async)HTTPClient().fetch(url)
        if method in HTTP_VERBS and isinstance(call.func, ast.Attribute):
            recv = ast.unparse(call.func.value).lower().rsplit(".", 1)[-1]
            return bool(re.search(r"(session|client|http)$|^(s|sess|http_?client|api)$", recv))
        return False

    def _html_response(self, call: ast.Call, fa: FunctionAnalysis | None = None) -> bool:
        for kw in call.keywords:
            if kw.arg in {"mimetype", "content_type", "media_type"} and isinstance(kw.value, ast.Constant):
                return "html" in str(kw.value.value).lower()
        declared = _declared_type_later(call, fa.func) if fa is not None and fa.func is not None else None
        return declared is None or "html" in declared

    def _template(self, call: ast.Call, fa: FunctionAnalysis, qualname: str) -> None:
        source = _arg(call, 0, "source")
        if source is None:
            return
        if isinstance(source, ast.Constant) and isinstance(source.value, str):
            text = source.value
            if re.search(r"\|\s*safe\b|autoescape\s+(false|off)", text, re.IGNORECASE):
                for kw in call.keywords:
                    self._sink(call, fa, "xss", kw.value,
                               f"a template rendered with `|safe` / autoescape off by `{_callee(call)}`")
            return
        self._sink(call, fa, "template", source, f"the template source of `{_callee(call)}`")
        if "render_template_string" in qualname:
            self._sink(call, fa, "xss", source, f"the template rendered by `{_callee(call)}`")

    def _named_helper(self, call: ast.Call, fa: FunctionAnalysis, name: str) -> None:
        """``helpers.run_cmd(user_value)``: request data handed to an imported sink-named helper."""
        for kind, pattern in _HELPER_SINKS:
            if not pattern.search(name) or not call.args:
                continue
            t = fa.taint(call.args[0])
            if t.at(kind) == SOURCE and t.source_kind == "request":
                severity = "high" if kind in _GROUP_A else "medium"
                self._add(make_finding(
                    CONCEPT[kind], file=self.path, line=call.lineno, end_line=call.end_lineno,
                    column=call.col_offset, severity=severity, family=FAMILY, confidence=50,
                    description=f"{_cap(t.origin)} is passed to `{_callee(call)}`, a helper from another "
                                f"module that by its name runs it as a {_HELPER_WHAT[kind]}; check that it "
                                "quotes or validates the value."))
            return

    def _xml(self, call: ast.Call, fa: FunctionAnalysis, qualname: str, *, lxml: bool) -> None:
        arg = _arg(call, 0, "text", "source")
        if arg is None:
            return
        t = fa.taint(arg)
        level = max(t.levels)
        line = call.lineno
        self.events.append(SinkEvent(line, call.end_lineno or line, "xxe", level))
        if lxml and level == PARAM and _external_param(t, fa):
            self._add(make_finding(
                "xxe", file=self.path, line=line, end_line=call.end_lineno, severity="medium", family=FAMILY,
                confidence=50, description=f"{_cap(t.origin)} is parsed by `{qualname}` with lxml's default "
                "parser; callers passing untrusted XML get entity expansion (XXE).  Pass a parser with "
                "resolve_entities=False, no_network=True."))
            return
        if level < SOURCE or t.source_kind != "request":
            return
        if lxml:
            desc = (f"{_cap(t.origin)} is parsed by `{qualname}` with lxml's default parser, which "
                    "resolves entities: a DOCTYPE can read local files (XXE).")
            self._add(make_finding("xxe", file=self.path, line=line, end_line=call.end_lineno, severity="high",
                                   description=desc, family=FAMILY, confidence=70))
        else:
            desc = (f"{_cap(t.origin)} is parsed by `{qualname}`, which expands entity definitions "
                    "(billion-laughs DoS; external entities on old runtimes); use defusedxml.")
            self._add(make_finding("xxe", file=self.path, line=line, end_line=call.end_lineno, severity="low",
                                   description=desc, family=FAMILY, confidence=45))

    def _ldap(self, call: ast.Call, fa: FunctionAnalysis, method: str) -> None:
        candidates = list(call.args) + [k.value for k in call.keywords
                                        if k.arg in {"filterstr", "search_filter", "filter"}]
        scored = sorted(candidates, key=lambda a: fa.taint(a).at("ldap"), reverse=True)
        for arg in scored[:1]:
            t = fa.taint(arg)
            if t.at("ldap") > CLEAN and (method != "search" or (t.prefix or "").startswith("(")):
                self._sink(call, fa, "ldap", arg, f"the LDAP filter of `{_callee(call)}`")

    def _xpath(self, call: ast.Call, fa: FunctionAnalysis, method: str) -> None:
        arg = _arg(call, 0, "path", "_path")
        if arg is None:
            return
        t = fa.taint(arg)
        if method != "xpath" and not (t.prefix or "").startswith((".", "/")):
            return
        self._sink(call, fa, "xpath", arg, f"the XPath expression of `{_callee(call)}`")


_RANK = {s.value: s.rank for s in Severity}
_HELPER_SINKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cmd", re.compile(r"^(run|exec|execute|call|spawn)_?(cmd|command|shell|process)s?$|^shell_?(exec|run)$|"
                       r"^(os_?)?system(_call)?$", re.IGNORECASE)),
    ("sql", re.compile(r"^(run|exec|execute|raw)_?(sql|query|raw_sql)$", re.IGNORECASE)),
    ("path", re.compile(r"^(save|write|read|delete|remove|open|load)_?(file|upload)$", re.IGNORECASE)),
)
_HELPER_WHAT = {"cmd": "shell command", "sql": "SQL statement", "path": "file path"}


_HTML_TAG = re.compile(r"<\s*[a-zA-Z/!]")


#: Parameter names that carry a post-login / post-action navigation target chosen by the user.
NAVIGATION_PARAM = re.compile(r"(?i)next|next_?url|return_?(url|to|path)|redirect(_?(url|uri|to|path))?|continue|"
                              r"callback_?url|back(_?url)?|goto|target_?url|dest(ination)?(_?url)?")
#: A hole inside a quoted SQL string literal (`'" + x + "'`, `'%s'`, `'{x}'`, `'${x}'`): that position
#: holds a value, which belongs in a bound parameter whatever its origin (an identifier position
#: such as a table name cannot be bound and is judged by origin alone).
QUOTED_HOLE = re.compile(r"""'["`]\s*\+|\+\s*["`]'|'%[sdvr]'|'\{[^{}]*\}'|'\$\{[^{}]*\}'""")
#: A parameter built into SQL / handed to a shell or eval: high at the confidence that blocks.
PARAM_INJECTION = ("high", 80)


def _targets(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def severity_for(kind: str, level: int, t: Taint) -> tuple[str, int] | None:
    """Impact-based severity and an honest confidence for a taint level reaching a sink kind."""
    if level == SOURCE:
        if t.source_kind == "env":  # deployment configuration more often than attacker data
            return ("medium", 50) if kind in _GROUP_A else None
        external = t.source_kind == "external"
        if kind in _GROUP_A:
            return ("high", 75) if external else ("critical", 90)
        if kind in _GROUP_B:
            if external:
                return ("medium", 50) if kind in {"ldap", "xpath", "xss"} else None
            return "high", 80 if kind != "xss" else 75
        if kind == "redirect":
            return None if external else ("medium", 80)
        if kind == "log":
            return None if external else ("low", 60)
        return None
    if level == PARAM:
        # A parameter is possibly untrusted: one tier below a proven request flow, but injection
        # into SQL text, a shell or eval still blocks (high at the blocking confidence), because
        # nothing proves the value safe and the caller may well be a request handler.
        if kind == "deser":
            return "low", 40  # a loader helper (caches, own files): only request data makes it critical
        if kind == "ssrf":
            return ("low", 30) if not t.built else None  # fetch helpers take URLs: that is their job
        if kind in {"cmd", "code"}:
            return PARAM_INJECTION
        if not t.built:
            return None  # a helper running the statement it is given: the caller builds the SQL
        if kind == "sql":
            return PARAM_INJECTION
        if kind in _GROUP_A:
            return "medium", 50
        if kind in {"xss", "ldap", "xpath", "path"}:
            return "medium", 45 if kind != "path" else 40
        return None  # helpers that join paths / build URLs from arguments are the norm
    if level == UNKNOWN:
        if kind == "deser":
            return "low", 40
        if kind == "code" and not t.built:
            return "low", 35  # eval/exec of data we cannot trace (file contents, caches)
        if kind in {"sql", "cmd", "code", "template"} and t.built:
            return "medium", 40
    return None


_EXTERNAL_PARAM = re.compile(
    r"^(?:cmd|command|cmdline|command_line|shell_cmd|code|source_code|expr|expression|user_input|"
    r"untrusted|payload|query|data|arg|args|input|inp|user_data|raw)$")


def _external_param(t: Taint, fa: FunctionAnalysis) -> bool:
    """A public function whose parameter is named like caller input: the sink *is* the API."""
    if fa.func is None or fa.func.name.startswith("_") or not t.params:
        return False
    return any(_EXTERNAL_PARAM.match(p.lower()) for p in t.params)


def _sql_text(arg: ast.expr, t: Taint) -> bool:
    """The argument's constant text (or the variable's building prefix) reads as SQL."""
    consts = [n.value for n in ast.walk(arg) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return bool(_SQL_WORDS.search(" ".join(consts) + " " + (t.prefix or "")))


def _sqlish(arg: ast.expr, t: Taint) -> bool:
    consts = [n.value for n in ast.walk(arg) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    text = " ".join(consts) + " " + (t.prefix or "")
    return bool(_SQL_WORDS.search(text)) or isinstance(arg, ast.Name)


def _declared_type_later(call: ast.Call, func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The content type a handler gives the response object it built with ``call``
    (``resp = make_response(x)`` then ``resp.mimetype = "text/plain"`` or
    ``resp.headers["Content-Type"] = ...``), lower-cased; None when it sets none."""
    holder = None
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and node.value is call and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            holder = node.targets[0].id
    if holder is None:
        return None
    for node in ast.walk(func):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Attribute) and target.attr in {"mimetype", "content_type"} and isinstance(
                target.value, ast.Name) and target.value.id == holder:
            return node.value.value.lower()
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute) and (
                target.value.attr == "headers" and isinstance(target.value.value, ast.Name)
                and target.value.value.id == holder and isinstance(target.slice, ast.Constant)
                and str(target.slice.value).lower() == "content-type"):
            return node.value.value.lower()
    return None


def _arg(call: ast.Call, index: int, *names: str) -> ast.expr | None:
    if len(call.args) > index and not isinstance(call.args[index], ast.Starred):
        return call.args[index]
    for kw in call.keywords:
        if kw.arg in names:
            return kw.value
    return None


def _callee(call: ast.Call) -> str:
    text = ast.unparse(call.func)
    return text if len(text) <= 60 else text[:57] + "..."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pathish(func: ast.expr) -> bool:
    if not isinstance(func, ast.Attribute):
        return False
    recv = ast.unparse(func.value)
    return "Path(" in recv or bool(re.search(r"path\b", recv, re.IGNORECASE))


def _loggerish(func: ast.expr) -> bool:
    if not isinstance(func, ast.Attribute):
        return False
    recv = ast.unparse(func.value).lower()
    return bool(re.search(r"(^|\.)(log|logger|logging|_log|_logger|log_|audit_log)$", recv))


# ============================================================================================
# Structural checks (no taint needed).

_PASSWORDISH = re.compile(r"pass(word|wd|phrase)?|pwd|(?<![a-z0-9])pw(?![a-z0-9])|credential|"
                          r"(?<![a-z0-9])pin(?![a-z0-9])", re.IGNORECASE)
_SECRET_NAME = re.compile(
    r"(pass(word|wd)?|pwd|secret|token|api_?key|apikey|access_?key|private_?key|auth_?key|"
    r"client_?secret|credentials?|signing_?key|encryption_?key|master_?key|jwt_?key|session_?key)$"
    r"|^(pass(word|wd)?|pwd|secret|token|api_?key|secret_?key)(_|$)",
    re.IGNORECASE,
)
_NOT_SECRET_NAME = re.compile(
    r"(_url|_uri|_endpoint|_field|_name|_header|_param|_label|_prompt|_message|_msg|_pattern|"
    r"_regex|_re|_path|_file|_dir|_type|_env|_var|_len|_length|_min|_max|_format|_column|_col|"
    r"_key_name|_id|_hash_algorithm|_algorithm|_scheme|_prefix|_suffix|_help|_text|_error|"
    r"_template|_route|_view|_policy|_expiry|_ttl|_timeout|_lifetime|_count|_attempts|_class|"
    r"_mode|_key_env|_setting|_kind|_placeholder|_reset|_validators?|_required|_changed|_hash|_hashed|"
    r"_digest|_salt|_cookie|_cookie_name|_param_name|_key_name)$",
    re.IGNORECASE,
)
_TOKEN_CONTEXT = re.compile(
    r"token|secret|password|passwd|nonce|salt|otp|csrf|session|api_?key|reset|verification|remember|"
    r"activation|auth|invite|magic|signup_code|confirm|coupon|voucher|key$",
    re.IGNORECASE,
)
_RANDOM_FUNCS = frozenset({"random.random", "random.randint", "random.choice", "random.choices",
                           "random.getrandbits", "random.randrange", "random.sample",
                           "random.uniform", "numpy.random.randint", "numpy.random.rand"})
_AUTH_WORDS = re.compile(
    r"admin|is_auth|authenticated|authori[sz]|permission|has_perm|\bperms?\b|\brole\b|is_owner|owner_id|"
    r"is_staff|superuser|logged_in|can_(edit|delete|view|access|manage|write)|csrf|privilege|"
    r"current_user|has_access|is_allowed_to",
    re.IGNORECASE,
)
_DEBUG_FILE = re.compile(r"settings|config|conf\.py|app\.py|main\.py|wsgi|asgi|server", re.IGNORECASE)
_WEAK_CIPHERS = frozenset({"Crypto.Cipher.DES.new", "Crypto.Cipher.DES3.new", "Crypto.Cipher.ARC4.new",
                           "Crypto.Cipher.ARC2.new", "Crypto.Cipher.Blowfish.new",
                           "Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.ARC4.new",
                           "DES.new", "ARC4.new", "DES3.new", "Blowfish.new", "ARC2.new",
                           "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
                           "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
                           "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
                           "algorithms.TripleDES", "algorithms.ARC4", "algorithms.Blowfish",
                           "cryptography.hazmat.primitives.ciphers.modes.ECB", "modes.ECB"})
_HTTP_CLIENTS = frozenset({"request", "Session", "Client", "AsyncClient", "ClientSession", "TCPConnector",
                           "PoolManager", "HTTPSConnectionPool", "urlopen", "send", "stream", "Transport",
                           "AsyncHTTPTransport", "HTTPTransport"})
_LOGIN_CALLS = frozenset({"login", "simple_bind_s", "bind_s", "authenticate", "HTTPBasicAuth",
                          "HTTPDigestAuth", "BasicAuth", "set_password", "starttls_login"})
_LXML_PARSE = frozenset({"lxml.etree.fromstring", "lxml.etree.parse", "lxml.etree.XML",
                         "lxml.objectify.fromstring", "lxml.objectify.parse"})
_STDLIB_XML = frozenset({"xml.dom.minidom.parseString", "xml.dom.minidom.parse",
                         "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.parse",
                         "xml.etree.ElementTree.XML", "xml.sax.parseString", "xml.sax.parse",
                         "xml.dom.pulldom.parseString", "xml.etree.cElementTree.fromstring"})
_FAST_HASHES = {"md5": "high", "sha1": "high", "sha224": "medium", "sha256": "medium",
                "sha384": "medium", "sha512": "medium", "blake2b": "medium", "blake2s": "medium",
                "sha3_256": "medium", "sha3_512": "medium"}


@dataclass
class StructuralChecks:
    path: str
    info: ModuleInfo
    dead: set[int]
    is_test: bool
    out: list[RawFinding] = field(default_factory=list)

    def run(self) -> list[RawFinding]:
        self._tmp_names = {
            t.id for n in self.info.nodes if isinstance(n, ast.Assign)
            and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
            and re.match(r"^/(var/)?tmp/", n.value.value) for t in n.targets if isinstance(t, ast.Name)}
        self._tmp_names |= {
            t.id for n in self.info.nodes if isinstance(n, ast.Assign) and _tmp_prefixed(n.value)
            for t in n.targets if isinstance(t, ast.Name)}
        self._typed_secrets = {
            t.id for n in self.info.nodes if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            and self.info.qualname(n.value.func) in {"getpass.getpass", "getpass"}
            for t in n.targets if isinstance(t, ast.Name)}
        self._generated_secrets = {
            t.id for n in self.info.nodes if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
            and self.info.qualname(n.value.func).startswith(("secrets.token_", "os.urandom"))
            for t in n.targets if isinstance(t, ast.Name)}
        for node in self.info.nodes:
            line = getattr(node, "lineno", None)
            if line is None or line in self.dead:
                continue
            if isinstance(node, ast.Call):
                self.call(node)
                self.call_kw_secrets(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                self.assign(node)
            elif isinstance(node, ast.Assert):
                self.assertion(node)
            elif isinstance(node, ast.Compare):
                self.compare(node)
            elif isinstance(node, ast.Dict):
                self.dict_literal(node)
        return self.out

    def _func_name(self, node: ast.AST) -> str:
        """Name of the innermost function containing ``node`` ('' at module level)."""
        cur = self.info.parents.get(id(node))
        while cur is not None:
            if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return cur.name
            cur = self.info.parents.get(id(cur))
        return ""

    def _user_opt_in(self, node: ast.AST) -> bool:
        """Inside ``if not verify:`` / ``if insecure:``: an explicit opt-out the caller asked for."""
        cur = self.info.parents.get(id(node))
        while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
            if isinstance(cur, ast.If) and re.search(r"verify|insecure|ssl|tls|check_hostname|cert",
                                                     ast.unparse(cur.test), re.IGNORECASE):
                return True
            cur = self.info.parents.get(id(cur))
        return bool(re.search(r"no_?verif|insecure|unverified|without_verif|skip_verif", self._func_name(node),
                              re.IGNORECASE))

    def _emit(self, concept: str, node: ast.AST, severity: str, description: str,
              confidence: int, heuristic: bool = False, cwe: str | None = None,
              title: str | None = None) -> None:
        if concept == "tls-verification-disabled" and self._user_opt_in(node):
            return
        line = getattr(node, "lineno", 1)
        self.out.append(make_finding(
            concept, file=self.path, line=line, end_line=getattr(node, "end_lineno", line) or line,
            column=getattr(node, "col_offset", None), severity=severity, description=description,
            family=CHECK_FAMILY, confidence=confidence, heuristic=heuristic, cwe=cwe, title=title))

    # ---- calls ------------------------------------------------------------------------------

    def call(self, node: ast.Call) -> None:
        qn = self.info.qualname(node.func)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        kws = {k.arg: k.value for k in node.keywords if k.arg}
        # debug mode
        debug = kws.get("debug")
        if method == "run" and isinstance(debug, ast.Constant) and debug.value is True:
            self._emit("debug-enabled", node, "medium",
                       f"`{ast.unparse(node.func)}(debug=True)` starts the app with the interactive "
                       "debugger, which lets anyone who reaches it execute code.", 85)
        if method == "update" and "DEBUG" in kws and _is_true(kws["DEBUG"]):
            self._emit("debug-enabled", node, "medium", "The app configuration sets DEBUG=True.", 70)
        # TLS verification
        last = qn.rsplit(".", 1)[-1]
        http_call = method in HTTP_VERBS or last in _HTTP_CLIENTS or (
            isinstance(node.func, ast.Attribute)
            and re.search(r"session|client|http", ast.unparse(node.func.value), re.IGNORECASE) is not None)
        for name in ("verify", "verify_ssl", "ssl", "check_hostname"):
            val = kws.get(name)
            if isinstance(val, ast.Constant) and val.value is False and http_call:
                self._emit("tls-verification-disabled", node, "medium",
                           f"`{ast.unparse(node.func)}(..., {name}=False)` turns off TLS certificate "
                           "verification, so a network attacker can intercept the connection.", 85)
        if qn in {"ssl._create_unverified_context", "ssl._create_stdlib_context"}:
            self._emit("tls-verification-disabled", node, "medium",
                       f"`{qn}()` creates a TLS context that does not verify certificates.", 85)
        cert = kws.get("cert_reqs")
        if cert is not None and "CERT_NONE" in ast.unparse(cert):
            self._emit("tls-verification-disabled", node, "medium",
                       "`cert_reqs=CERT_NONE` disables certificate verification.", 85)
        # temp files
        if qn in {"tempfile.mktemp", "os.tempnam", "os.tmpnam"}:
            self._emit("insecure-temp-file", node, "medium",
                       f"`{qn}()` returns a predictable name that another process can create first "
                       "(race / symlink attack).", 85)
        if qn in {"open", "io.open", "os.open"} and node.args:
            target = node.args[0]
            fixed = _tmp_prefixed(target)
            if (fixed or (isinstance(target, ast.Name) and target.id in self._tmp_names)) and _writes(node):
                self._emit("insecure-temp-file", node, "medium",
                           f"The file `{ast.unparse(target)}` is written at a fixed, predictable path in a "
                           "shared temp directory.", 60)
        # weak hashes
        self._hash(node, qn, kws)
        self._secret_logged(node, qn, method)
        # weak ciphers
        if qn in _WEAK_CIPHERS or (qn.endswith(".new") and any("MODE_ECB" in ast.unparse(a)
                                                               for a in node.args[1:2])):
            self._emit("weak-crypto", node, "medium",
                       f"`{ast.unparse(node.func)}` uses a broken cipher or the ECB mode, which leaks "
                       "patterns of the plaintext.", 80)
        # weak random for tokens
        if qn in _RANDOM_FUNCS and self._token_context(node):
            self._emit("weak-random", node, "medium",
                       f"`{qn}()` is not cryptographically secure but generates a security-sensitive "
                       "value (token/password/key); its output can be predicted.", 70)
        # XXE
        risky_parser = any(isinstance(kws.get(k), ast.Constant) and kws[k].value is v
                           for k, v in (("resolve_entities", True), ("no_network", False), ("load_dtd", True)))
        if risky_parser and (qn.endswith("XMLParser") and "lxml" in qn or qn == "etree.XMLParser"):
            self._emit("xxe", node, "high",
                       "The lxml parser is configured to resolve external entities / DTDs, so "
                       "XML input can read local files or make network requests.", 80)
        if method == "setFeature" and len(node.args) >= 2 and _is_true(node.args[1]):
            feature = ast.unparse(node.args[0])
            if "external" in feature.lower() or "feature_external" in feature:
                self._emit("xxe", node, "high",
                           f"`setFeature({feature}, True)` enables external entity resolution for "
                           "XML input.", 80)
        # jinja autoescape off
        if qn in {"jinja2.Environment", "Environment"}:
            auto = kws.get("autoescape")
            if isinstance(auto, ast.Constant) and auto.value is False:
                self._emit("xss", node, "medium",
                           "The Jinja2 environment is created with autoescape=False, so every "
                           "variable rendered into HTML is unescaped.", 70)
        # JWT signed / verified with a literal key
        signing_key = node.args[1] if qn in {"jwt.encode", "jwt.decode"} and len(node.args) >= 2 else (
            node.args[0] if qn == "hmac.new" and node.args else kws.get("key") if qn in {
                "jwt.encode", "jwt.decode", "hmac.new"} else None)
        if signing_key is not None and _literal_key(signing_key):
            self._emit("hardcoded-secret", node, "info" if self.is_test else "high",
                       f"`{qn}` is given a literal key; anyone with the source can forge its tokens / MACs.", 75,
                       heuristic=True)
        # JWT without verification
        if qn in {"jwt.decode"}:
            text = ast.unparse(node)
            if re.search(r"verify_signature['\"]\s*:\s*False|verify\s*=\s*False", text) or re.search(
                    r"algorithms\s*=\s*\[[^\]]*['\"]none['\"]", text, re.IGNORECASE):
                self._emit("jwt-verification", node, "high",
                           "`jwt.decode` is called with signature verification disabled (or the "
                           "'none' algorithm), so forged tokens are accepted.", 85)
        # permissive chmod
        if qn == "os.chmod" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
            mode = node.args[1].value
            if isinstance(mode, int) and mode & 0o002:
                self._emit("insecure-permissions", node, "medium",
                           f"`os.chmod(..., {oct(mode)})` makes the file world-writable.", 80)

    def _hash(self, node: ast.Call, qn: str, kws: dict[str | None, ast.expr]) -> None:
        algo = ""
        if qn.startswith("hashlib.") and qn[8:] in _FAST_HASHES:
            algo = qn[8:]
        elif qn == "hashlib.new" and node.args and isinstance(node.args[0], ast.Constant):
            algo = str(node.args[0].value).lower().replace("-", "")
        elif qn.endswith(("MD5.new", "SHA1.new", "SHA.new")):
            algo = "md5" if "MD5" in qn else "sha1"
        if algo not in _FAST_HASHES:
            return
        used = kws.get("usedforsecurity")
        if isinstance(used, ast.Constant) and used.value is False:
            return
        context = " ".join([ast.unparse(a) for a in node.args] + [self._func_name(node)]
                           + [self._assigned_name(node)])
        typed = any(isinstance(n, ast.Name) and n.id in self._typed_secrets for a in node.args for n in ast.walk(a))
        if _PASSWORDISH.search(context) or typed:
            severity = _FAST_HASHES[algo]
            self._emit("weak-password-hash", node, severity,
                       f"Passwords are hashed with fast `{algo}` (no salt/work factor); stolen hashes "
                       "can be brute-forced quickly.", 80 if severity == "high" else 65)
        elif algo in {"md5", "sha1"} and (re.search(r"sign|signature|hmac|auth|token|secret", context, re.IGNORECASE)
                                           or any(isinstance(n, ast.Name) and n.id in self._generated_secrets
                                                  for a in node.args for n in ast.walk(a))):
            self._emit("weak-hash", node, "medium",
                       f"`{algo}` is used for a security purpose (signature/token); it is not "
                       "collision resistant.", 60)

    def _secret_logged(self, node: ast.Call, qn: str, method: str) -> None:
        """A password/token variable handed to a logger or print ends up in log files in clear."""
        if not ((method in LOG_METHODS and _loggerish(node.func)) or qn == "print"):
            return
        values: list[ast.expr] = list(node.args[1:] if method == "log" else node.args)
        values += [k.value for k in node.keywords if k.arg not in {"exc_info", "extra", "stacklevel", "file"}]
        for value in values:
            parts = [v.value for v in value.values if isinstance(v, ast.FormattedValue)] \
                if isinstance(value, ast.JoinedStr) else [value]
            for part in parts:
                name = _last_name(part) if isinstance(part, (ast.Name, ast.Attribute)) else ""
                if name and _SECRET_NAME.search(name) and not _NOT_SECRET_NAME.search(name) \
                        and not name.isupper() and _credential_token(name):
                    self._emit("secret-in-log", node, "info" if self.is_test else "medium",
                               f"`{ast.unparse(part)}` looks like a password, secret or token and is "
                               f"written in clear by `{ast.unparse(node.func)}`.", 60)
                    return

    def _assigned_name(self, node: ast.AST) -> str:
        parent = self.info.parents.get(id(node))
        for _ in range(4):
            if parent is None:
                return ""
            if isinstance(parent, ast.Assign):
                return " ".join(ast.unparse(t) for t in parent.targets)
            if isinstance(parent, (ast.AnnAssign, ast.AugAssign)):
                return ast.unparse(parent.target)
            if isinstance(parent, ast.Return):
                return self._func_name(parent)
            if isinstance(parent, ast.keyword):
                return parent.arg or ""
            parent = self.info.parents.get(id(parent))
        return ""

    def _token_context(self, node: ast.Call) -> bool:
        context = self._assigned_name(node) + " " + self._func_name(node)
        return bool(_TOKEN_CONTEXT.search(context)) or self._reaches_secret_use(node)

    def _reaches_secret_use(self, node: ast.Call) -> bool:
        """Forward data flow of a random value inside its function: does it (or a value built
        from it) become a cookie, a session entry, a token-named variable / keyword / key, or a
        response header? ``key = str(random.random())[2:]; resp.set_cookie("rememberMe", key)``."""
        func = self.info.parents.get(id(node))
        while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func = self.info.parents.get(id(func))
        target = self.info.parents.get(id(node))
        while target is not None and not isinstance(target, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.stmt)):
            target = self.info.parents.get(id(target))
        if func is None or not isinstance(target, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            return False
        derived = {n.id for t in _targets(target) for n in ast.walk(t) if isinstance(n, ast.Name)}
        if not derived:
            return False
        later = sorted((n for n in ast.walk(func) if isinstance(n, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Call))
                        and getattr(n, "lineno", 0) > target.lineno), key=lambda n: (n.lineno, n.col_offset))
        for stmt in later:
            if isinstance(stmt, ast.Call):
                method = stmt.func.attr if isinstance(stmt.func, ast.Attribute) else ""
                values = list(stmt.args) + [k.value for k in stmt.keywords]
                uses = [v for v in values if _mentions(v, derived)]
                if uses and (method in {"set_cookie", "set_signed_cookie"} or any(
                        k.arg and _TOKEN_CONTEXT.search(k.arg) and _mentions(k.value, derived) for k in stmt.keywords)):
                    return True
                continue
            if stmt.value is None or not _mentions(stmt.value, derived):
                continue
            for t in _targets(stmt):
                text = ast.unparse(t)
                if _TOKEN_CONTEXT.search(text) or re.search(r"\b(session|cookies|headers)\[", text):
                    return True
                derived |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
        return False

    # ---- assignments, dicts, comparisons ------------------------------------------------------

    def assign(self, node: ast.Assign | ast.AnnAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            return
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else (
                target.attr if isinstance(target, ast.Attribute) else "")
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                name = str(target.slice.value)
            dev_settings = re.search(r"(^|[/_.-])(dev|develop|development|local)([/_.-]|$)", self.path)
            if name == "DEBUG" and _is_true(value) and not dev_settings and (
                    _DEBUG_FILE.search(self.path) or isinstance(target, ast.Subscript)):
                self._emit("debug-enabled", node, "medium",
                           "DEBUG is set to True; debug pages leak settings and stack traces in "
                           "production.", 70)
            elif name == "debug" and isinstance(target, ast.Attribute) and _is_true(value):
                self._emit("debug-enabled", node, "medium", f"`{ast.unparse(target)} = True` "
                           "enables debug mode.", 75)
            if name and isinstance(value, ast.Constant) and isinstance(value.value, str):
                self._secret(name, value.value, node)
                if isinstance(target, ast.Name) and _DSN_HOLDER.search(name):
                    self._dsn_secret(f"`{name}`", value.value, node)
            if name in {"verify", "verify_ssl"} and isinstance(target, ast.Attribute) and (
                    isinstance(value, ast.Constant) and value.value is False):
                self._emit("tls-verification-disabled", node, "medium",
                           f"`{ast.unparse(target)} = False` turns off TLS certificate verification for "
                           "every request of this client.", 85)
            if name in {"verify_mode"} and "CERT_NONE" in ast.unparse(value):
                self._emit("tls-verification-disabled", node, "medium",
                           "The SSL context's verify_mode is CERT_NONE: certificates are not checked.", 85)
            if name == "check_hostname" and isinstance(value, ast.Constant) and value.value is False:
                self._emit("tls-verification-disabled", node, "medium",
                           "The SSL context's check_hostname is False: any certificate host matches.", 75)

    def dict_literal(self, node: ast.Dict) -> None:
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(
                    v, ast.Constant) and isinstance(v.value, str):
                self._secret(k.value, v.value, v)

    def compare(self, node: ast.Compare) -> None:
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            return
        left, right = node.left, node.comparators[0]
        self._timing(node, left, right)
        for name_side, val_side in ((left, right), (right, left)):
            if isinstance(val_side, ast.Constant) and isinstance(val_side.value, str):
                name = ast.unparse(name_side).rsplit(".", 1)[-1].strip("]'\")[")
                if _PASSWORDISH.search(name) and looks_like_real_secret(val_side.value, name):
                    self._emit("hardcoded-secret", node, "info" if self.is_test else "high",
                               f"`{ast.unparse(name_side)}` is compared with a hard-coded password "
                               "literal; anyone with the source can log in.", 70, heuristic=True)

    def _timing(self, node: ast.Compare, left: ast.expr, right: ast.expr) -> None:
        """``expected == signature``: ``==`` stops at the first differing byte, so response times
        let an attacker guess a MAC / token byte by byte."""
        sides = (left, right)
        if any(_constantish(x) for x in sides):
            return
        texts = [ast.unparse(x) for x in sides]
        names = [_last_name(x) for x in sides]
        digest = any(re.search(r"hmac.*\.(hex)?digest\(\)$", t, re.IGNORECASE) for t in texts)
        strong = any(_MAC_NAME.search(n) for n in names)
        token = any(re.search(r"token$", n, re.IGNORECASE) for n in names) and any(
            _EXPECTED_NAME.search(n) for n in names)
        if not (digest or strong or token) or self._func_name(node) in {"__eq__", "__ne__", "__hash__"}:
            return
        self._emit("timing-attack", node, "info" if self.is_test else "medium",
                   f"`{texts[0]} == {texts[1]}` compares a secret value with `==`, which returns at the "
                   "first differing byte; use hmac.compare_digest.", 60)

    def _db_credentials(self, node: ast.Call) -> bool:
        """A database client given a literal password (or a URL with one): any literal counts,
        placeholders included, because it is what the product connects with."""
        qn = self.info.qualname(node.func)
        short = qn.rsplit(".", 1)[-1]
        root = qn.split(".", 1)[0]
        if short == "create_engine" or short == "create_async_engine":
            url = node.args[0] if node.args else None
            if isinstance(url, ast.Constant) and isinstance(url.value, str) and _DSN_PASSWORD.match(url.value):
                self._emit("hardcoded-secret", url, "info" if self.is_test else "high",
                           f"The database URL passed to `{qn}` embeds a literal password.", 75)
                return True
            return False
        if short not in {"connect", "create_pool", "Connection", "ConnectionPool", "SimpleConnectionPool",
                         "ThreadedConnectionPool"} or root not in _DB_MODULES:
            return False
        for kw in node.keywords:
            if kw.arg in {"password", "passwd", "pwd"} and isinstance(kw.value, ast.Constant) \
                    and isinstance(kw.value.value, str) and kw.value.value:
                self._emit("hardcoded-secret", kw.value, "info" if self.is_test else "high",
                           f"`{qn}` is given the literal password `{kw.arg}=...`; anyone with the code has "
                           "the database credential.", 80)
                return True
        return False

    def call_kw_secrets(self, node: ast.Call) -> None:
        if self._db_credentials(node):
            return
        short = self.info.qualname(node.func).rsplit(".", 1)[-1]
        if _CONNECT_CALL.fullmatch(short):
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    self._dsn_secret(f"the connection string passed to `{short}`", arg.value, arg)
        for kw in node.keywords:
            if kw.arg and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                self._secret(kw.arg, kw.value.value, kw.value)
            elif kw.arg == "auth" and isinstance(kw.value, ast.Tuple) and len(kw.value.elts) == 2:
                pw = kw.value.elts[1]
                if isinstance(pw, ast.Constant) and isinstance(pw.value, str):
                    self._secret("password", pw.value, pw)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else (
            node.func.id if isinstance(node.func, ast.Name) else "")
        if method in _LOGIN_CALLS and len(node.args) >= 2:
            pw = node.args[1]
            if isinstance(pw, ast.Constant) and isinstance(pw.value, str):
                self._secret("password", pw.value, pw)

    def _dsn_secret(self, holder: str, value: str, node: ast.AST) -> None:
        """A connection-string literal with a real password inside (``password=...`` / ``user:pw@``)."""
        password = embedded_credential(value)
        if password is None:
            return
        shown = password[:2] + "..."
        self._emit("hardcoded-secret", node, "info" if self.is_test else "high",
                   f"{holder} embeds the literal database password `{shown}`; it is exposed to everyone "
                   "with access to the source and cannot be rotated without a deploy.", 75)

    def _secret(self, name: str, value: str, node: ast.AST) -> None:
        if not _SECRET_NAME.search(name) or _NOT_SECRET_NAME.search(name):
            return
        if not looks_like_real_secret(value, name):
            return
        shown = value[:4] + "..." if len(value) > 6 else "***"
        self._emit("hardcoded-secret", node, "info" if self.is_test else "high",
                   f"`{name}` is assigned the hard-coded credential `{shown}`; it is exposed to "
                   "everyone with access to the source and cannot be rotated without a deploy.",
                   70, heuristic=True)

    def assertion(self, node: ast.Assert) -> None:
        if self.is_test:
            return
        text = ast.unparse(node.test)
        if _AUTH_WORDS.search(text) and not re.search(r"isinstance|is not None|len\(", text):
            self._emit("assert-access-control", node, "medium",
                       f"`assert {text}` guards access, but asserts are stripped with python -O, "
                       "so the check silently disappears.", 70)


_MAC_NAME = re.compile(r"(signature|(^|_)sig|hmac|(^|_)secret|api_?key|(^|_)otp|csrf_?token|(auth|access|reset|"
                       r"session|api|bearer|verification)_?token)$", re.IGNORECASE)
_EXPECTED_NAME = re.compile(r"^(expected|computed|calculated|actual|provided|given|received|stored|valid)(_|$)|"
                            r"_(expected|computed|calculated|provided|received|stored)$", re.IGNORECASE)


def _literal_key(node: ast.expr) -> bool:
    """A string/bytes literal long enough to be a real key (not '' or a short placeholder)."""
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return isinstance(value, str) and len(value) >= 8 and len(set(value)) > 3


_DB_MODULES = frozenset({"psycopg2", "psycopg", "pymysql", "MySQLdb", "mysql", "asyncpg", "aiomysql",
                         "aiopg", "pymssql", "pyodbc", "cx_Oracle", "oracledb", "ibm_db", "pg8000", "redis"})
#: Names of variables that hold a connection string, and calls that take one.
_DSN_HOLDER = re.compile(r"^[A-Z][A-Z0-9_]*$|(?i:dsn|conn|url|uri|database|db_)")
_CONNECT_CALL = re.compile(r"connect|create_engine|create_async_engine|create_pool|from_url|MongoClient|"
                           r"Connection|ConnectionPool|SimpleConnectionPool|ThreadedConnectionPool|Redis|"
                           r"AsyncConnection|AsyncConnectionPool")
_DSN_PASSWORD = re.compile(r"^[a-z][a-z0-9+]*://[^:/@\s]+:(?!\{|%|\$)[^@/\s]+@", re.IGNORECASE)


def _credential_token(name: str) -> bool:
    """``token`` alone is ambiguous (lexers, pagination): only credential-style tokens count."""
    low = name.lower()
    if "token" not in low or re.search(r"pass|pwd|secret|key", low):
        return True
    return low in {"token", "_token"} or re.search(
        r"(access|auth|refresh|api|session|bearer|csrf|id|reset|oauth|github|slack)_?token", low) is not None


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    return ""


def _constantish(node: ast.expr) -> bool:
    """Literals, None, UPPER_CASE constants / enum members, lengths and types: not a secret."""
    if isinstance(node, (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set)):
        return True
    name = _last_name(node)
    if name.isupper() or (isinstance(node, ast.Attribute) and _last_name(node.value).isupper()):
        return True
    return isinstance(node, ast.Call) and ast.unparse(node.func) in {"len", "type", "bool", "int", "str.lower"}


def _tmp_prefixed(node: ast.expr) -> bool:
    """A path in a shared temp directory with a predictable name: a literal, or %/format/f-string
    built on a literal ``/tmp/...`` prefix (another local user can pre-create or symlink it)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            node = node.left  # "/tmp/" + name + ".json": the leftmost operand holds the directory
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and re.match(
            r"^/(var/)?tmp/", node.value) is not None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        node = node.left
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = node.func.value
    elif isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and re.match(
        r"^/(var/)?tmp/[^/]", node.value) is not None


def _is_true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _writes(call: ast.Call) -> bool:
    mode = call.args[1] if len(call.args) > 1 else next(
        (k.value for k in call.keywords if k.arg in {"mode", "flags"}), None)
    if mode is None:
        return False
    text = ast.unparse(mode)
    return any(c in text for c in ("w", "a", "x", "O_CREAT", "O_WRONLY"))


@dataclass
class PythonAnalysis:
    findings: list[RawFinding]
    events: list[SinkEvent]
    dead_lines: set[int]
    #: Request data this file passes to functions defined elsewhere (name -> call sites).
    exported: dict[str, list[CallSite]] = field(default_factory=dict)


def analyse_python(path: str, tree: ast.Module, is_test: bool, complete: bool = True,
                   callers: dict[str, list[CallSite]] | None = None) -> PythonAnalysis:
    """Taint sinks plus structural checks for one parsed Python file.

    ``complete=False`` (a diff fragment) treats ``request`` names as HTTP requests even when the
    framework import is outside the visible hunks.
    """
    info = ModuleInfo.build(tree, assume_web=not complete)
    hooks = PythonSinks(path, info, fastapi=any(v.startswith("fastapi") for v in info.aliases.values()))
    engine = ModuleTaint(info, hooks, path=path, external_sites=dict(callers or {}))
    engine.analyse()
    checks = StructuralChecks(path, info, engine.dead_lines, is_test)
    checks.run()
    findings = [f for f in hooks.findings.values() if (f.line or 0) not in engine.dead_lines]
    temp_lines = {f.line for f in checks.out if f.concept == "insecure-temp-file"}
    findings = [f for f in findings if not (f.concept == "path-traversal" and f.line in temp_lines
                                            and _RANK[f.severity] < _RANK["high"])]
    if is_test:
        findings = [_soften(f) for f in findings]
    return PythonAnalysis(findings + checks.out, hooks.events, engine.dead_lines, engine.exported)


def _soften(finding: RawFinding) -> RawFinding:
    """Test code exercising a sink is rarely a product vulnerability: cap at low."""
    if _RANK[finding.severity] > _RANK["low"]:
        finding.severity = "low"
        finding.confidence = min(finding.confidence, 40)
    return finding


__all__ = ["PythonAnalysis", "SinkEvent", "analyse_python", "names_in"]


#: Calls that only turn a text chunk into bytes (a WSGI body is bytes).
_ENCODER = re.compile(r"^(tob|to_bytes|bytes|str|force_bytes|_to_bytes|b|encode)$")


def _wsgi_html(fa: FunctionAnalysis) -> bool:
    """The function is a WSGI application that answers with an HTML content type."""
    func = fa.func
    if func is None:
        return False
    names = {a.arg for a in func.args.args}
    return {"environ", "start_response"} <= names and "text/html" in ast.unparse(func)
