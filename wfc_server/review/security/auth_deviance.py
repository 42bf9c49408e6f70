"""Handlers missing the authorization their siblings carry (WFC-SEC-AUTHZ-DEVIANT, CWE-862).

Front-ends for :mod:`wfc_server.review.analysis.deviance`, per language:

- Python: methods of a class named for HTTP verbs (Tornado, Flask ``MethodView``, Django class
  views) and functions with a route decorator; guards are auth-like decorators
  (``login_required``, ``@authenticated``, ``permission_required``...) and guard calls among the
  first statements (``self.check_xsrf_cookie()``, ``require_admin(...)``).
- JavaScript/TypeScript and Go: route registrations (``router.post("/x", requireAuth, h)``,
  ``r.POST("/x", auth(), h)``) in one file; guards are the auth-like middlewares between the
  path and the handler. A file that installs an auth middleware for everything (``.use(auth)``)
  has nothing to infer.
- Java: Spring controller methods (``@PostMapping``...) with ``@PreAuthorize`` / ``@Secured`` /
  ``@RolesAllowed``; a class-level guard covers them all.

Reported: a state-changing handler with no guard where at least three siblings and three
quarters of the scope are guarded (on its ``def`` / registration line, where the fix adds the
decorator or middleware), and a GET handler that skips a check its HEAD twin makes (or the
reverse), on its first statement.
"""

from __future__ import annotations

import ast
import re

from wfc_server.review.analysis.deviance import Deviant, Member, unguarded, unmirrored
from wfc_server.review.analysis.line_exprs import MINIFIED, candidate_lines
from wfc_server.review.analysis.python_syntax import parse_module
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_AUTH = _S(r"(?i)auth|login|logged_?in|token|jwt|permission|perm_|role|admin|acl|guard|protect|csrf|xsrf|"
           r"owner|secured|signed_?in|session_required|require_user|staff|superuser")
_GUARD_CALL = _S(r"(?i)^(check_|require_|verify_|ensure_|authori[sz]e|assert_)\w*|\w*(permission|xsrf|csrf)\w*$")
_VERBS = frozenset({"get", "head", "post", "put", "patch", "delete"})
_WRITE_VERBS = frozenset({"post", "put", "patch", "delete"})
_WRITE_NAME = _S(r"^(create|update|delete|remove|destroy|edit|set|add|save|upload|reset|change|grant|revoke|"
                 r"transfer|approve|import|purge|post|put|patch)")
_ROUTE_DECORATOR = _S(r"(?:^|\.)(route|get|post|put|patch|delete|api_view|action)$")


def auth_deviance(source: SourceFile) -> list[RawFinding]:
    """Findings for handlers that break their scope's authorization habit."""
    if source.is_test:
        return []
    if source.language == "python":
        deviants = _python(source)
    elif source.language in {"javascript", "typescript", "go"}:
        deviants = _routes(source)
    elif source.language == "java":
        deviants = _spring(source)
    else:
        return []
    return [_finding(source, d) for d in deviants]


def _finding(source: SourceFile, deviant: Deviant) -> RawFinding:
    member = deviant.member
    if deviant.scope_size == 2:
        description = (f"`{member.name}` does not make the `{deviant.habit}` check its HEAD/GET twin makes; "
                       "both serve the same resource, so the unchecked one is the way around the check.")
    else:
        description = (f"`{member.name}` changes state without the `{deviant.habit}`-style guard that "
                       f"{deviant.siblings} of the {deviant.scope_size} handlers beside it carry; a missing "
                       "authorization check lets any caller perform it.")
    return make_finding("authz-deviance", file=source.path, line=member.line, severity="medium", family="deviance",
                        confidence=55, description=description)


# --- Python ---------------------------------------------------------------------------------------

_PY_HINT = _S(r"^\s*(async\s+)?def\s+(get|head|post|put|patch|delete)\s*\(\s*self|^\s*@[\w.]*(route|get|post|put|"
              r"patch|delete|api_view)\(", re.MULTILINE)

#: Some guard is written in the file: an auth-like decorator or a check call (else nothing to infer).
_PY_GUARD_HINT = _S(r"^\s*@[\w.]*(auth|login|permission|require|role|admin|token|jwt|csrf|xsrf|staff|protect)|"
                    r"\bself\.(check|require|verify|ensure|authori[sz]e)_?\w*\(|\w*(permission|xsrf|csrf)\w*\(",
                    re.MULTILINE | re.IGNORECASE)


def _python(source: SourceFile) -> list[Deviant]:
    if len(_PY_HINT.findall(source.text)) < 2 or not _PY_GUARD_HINT.search(source.text):
        return []
    parsed = parse_module(source.text, source.path)
    if parsed is None:
        return []
    tree = parsed[0]
    out: list[Deviant] = []
    scopes: list[list[ast.stmt]] = [tree.body]
    for body in scopes:  # grows while iterating: classes, and classes nested in classes
        scopes += [n.body for n in body if isinstance(n, ast.ClassDef)]
    for body in scopes:
        members = [m for node in body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                   if (m := _python_member(node)) is not None]
        if len(members) < 2:
            continue
        out += unmirrored(members)
        out += unguarded(members)
    return out


def _python_member(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Member | None:
    decorators = [_dotted(d.func if isinstance(d, ast.Call) else d) for d in func.decorator_list]
    routed = [d for d in decorators if _ROUTE_DECORATOR.search(d)]
    verb = func.name if func.name in _VERBS and func.args.args[:1] and func.args.args[0].arg == "self" else ""
    if not routed and not verb:
        return None
    guards = {d.rsplit(".", 1)[-1] for d in decorators if _AUTH.search(d.rsplit(".", 1)[-1]) and d not in routed}
    body = func.body[1:] if func.body and _docstring(func.body[0]) else func.body
    for stmt in body[:6]:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                name = _dotted(node.func).rsplit(".", 1)[-1]
                if _GUARD_CALL.search(name) or (_AUTH.search(name) and name.startswith(("check", "require"))):
                    guards.add(name)
    writes = verb in _WRITE_VERBS or bool(_WRITE_NAME.match(func.name)) or any(
        re.search(r"(?:^|\.)(post|put|patch|delete)$", d) for d in routed) or _route_methods_write(func)
    first = body[0].lineno if body else func.lineno
    line = first if verb in {"get", "head"} else func.lineno
    return Member(line=line, name=func.name, guards=frozenset(guards), changes_state=writes, verb=verb)


def _route_methods_write(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for deco in func.decorator_list:
        if isinstance(deco, ast.Call):
            for kw in deco.keywords:
                if kw.arg == "methods" and re.search(r"POST|PUT|PATCH|DELETE", ast.unparse(kw.value)):
                    return True
    return False


def _docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


# --- JavaScript / TypeScript / Go route registrations --------------------------------------------

_ROUTE = _S(r"""^\s*[\w$.]+\.(get|post|put|patch|delete|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*"""
            r"""(['"`])([^'"`]*)\2\s*,(.*)$""")
_ROUTE_HINT = _S(r"""\.(get|post|put|patch|delete|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*['"`]""")
_GLOBAL_GUARD = _S(r"""\.(use|Use)\(\s*(?:['"`][^'"`]*['"`]\s*,\s*)?[^)\n]*""")
_HANDLER_START = _S(r"\(\s*(req|request|ctx|c|w|_|\w+\s*:)|\basync\b|\bfunction\b|\bfunc\b|=>")


def _routes(source: SourceFile) -> list[Deviant]:
    text = source.text
    candidates = candidate_lines(text, _ROUTE_HINT)
    if len(candidates) < 4 or not _AUTH.search(text):
        return []
    lines = text.split("\n")
    members: list[Member] = []
    for number in candidates:
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        match = _ROUTE.match(line)
        if match is None:
            continue
        verb = match.group(1).lower()
        rest = match.group(4)
        cut = _HANDLER_START.search(rest)
        middle = rest[:cut.start()] if cut else rest
        parts = [p.strip() for p in middle.split(",") if p.strip()]
        if not cut and parts:
            parts = parts[:-1]  # the last plain name is the handler itself
        guards = {re.sub(r"\(.*", "", p).rsplit(".", 1)[-1] for p in parts if _AUTH.search(p)}
        members.append(Member(line=number + 1, name=f"{verb.upper()} {match.group(3)}", guards=frozenset(guards),
                              changes_state=verb in _WRITE_VERBS, verb=verb))
    if len(members) < 4:
        return []
    if any(_AUTH.search(m.group(0)) for m in _GLOBAL_GUARD.finditer(text)):
        return []
    return unguarded(members)


# --- Java (Spring) ---------------------------------------------------------------------------------

_MAPPING = _S(r"@(Get|Post|Put|Patch|Delete|Request)Mapping\b(.*)")
_JAVA_GUARD = _S(r"@(PreAuthorize|PostAuthorize|Secured|RolesAllowed|IsAuthenticated|RequiresPermissions|"
                 r"RequiresRoles|\w*Auth\w*)\b")
_METHOD = _S(r"^\s*(public|protected|private)?\s*[\w<>\[\], ?]+\s+(\w+)\s*\(")


def _spring(source: SourceFile) -> list[Deviant]:
    text = source.text
    if "Mapping" not in text or not _JAVA_GUARD.search(text):
        return []
    lines = text.split("\n")
    class_line = next((i for i, line in enumerate(lines) if re.search(r"\bclass\s+\w+", line)), 0)
    if any(_JAVA_GUARD.search(line) for line in lines[max(0, class_line - 8):class_line]):
        return []  # a class-level guard covers every method
    members: list[Member] = []
    annotations: list[str] = []
    for number, line in enumerate(lines[class_line + 1:], start=class_line + 1):
        stripped = line.strip()
        if stripped.startswith("@"):
            annotations.append(stripped)
            continue
        method = _METHOD.match(line)
        if method and annotations:
            mapping = next((m for a in annotations if (m := _MAPPING.match(a))), None)
            if mapping is not None:
                verb = mapping.group(1).lower()
                if verb == "request":
                    found = re.search(r"RequestMethod\.(\w+)", mapping.group(2))
                    verb = found.group(1).lower() if found else "get"
                guards = {g.group(1) for a in annotations if (g := _JAVA_GUARD.match(a))}
                members.append(Member(line=number + 1, name=method.group(2), guards=frozenset(guards),
                                      changes_state=verb in _WRITE_VERBS, verb=verb))
        if stripped and not stripped.startswith(("@", "//", "*", "/*")):
            annotations = []
    return unguarded(members) if len(members) >= 4 else []
