"""Whole request bodies read with no size cap in Python web handlers (WFC-SEC-UNBOUNDED-BODY).

Flask/Werkzeug (``request.get_data()``, ``request.data``, ``request.stream.read()``), Starlette /
FastAPI (``await request.body()``), Falcon (``req.stream.read()``) and raw WSGI
(``environ["wsgi.input"].read()``) hand the handler every byte the client sends: none of them caps
a body by default. A read is safe when the app sets a cap (Flask's ``MAX_CONTENT_LENGTH``), the
handler compares the declared length with a limit first, or the read itself is bounded
(``.read(limit)``). Django (``DATA_UPLOAD_MAX_MEMORY_SIZE``) and aiohttp (``client_max_size``)
cap bodies by default, so their reads are not findings.
"""

from __future__ import annotations

import ast
import re

from wfc_server.review.analysis.report import finding_at
from wfc_server.review.model import RawFinding
from wfc_server.review.rules.security.unbounded_body import UNBOUNDED_BODY

#: Frameworks whose request objects do not cap the body (the module imports one of them).
_UNCAPPED_FRAMEWORKS = frozenset({"flask", "werkzeug", "quart", "starlette", "fastapi", "falcon"})
_REQUEST_NAMES = frozenset({"request", "req"})
#: Whole-body reads on the request object: `request.<method>()` with no size argument.
_READ_METHODS = frozenset({"get_data", "body"})
_STREAM_ATTRS = frozenset({"stream", "input_stream", "bounded_stream"})
#: A cap anywhere in the module (app config) or a length check in the handler.
_MODULE_CAP = re.compile(r"MAX_CONTENT_LENGTH|max_content_length|LimitedStream|max_body_size")
_HANDLER_CAP = re.compile(r"content_length\s*(>|>=|<|<=)|(>|>=|<|<=)\s*\w*\.?content_length\b|"
                          r"headers\.get\(\s*['\"]content-length['\"]", re.IGNORECASE)


def unbounded_body_reads(path: str, tree: ast.Module, text: str) -> list[RawFinding]:
    """Findings for uncapped whole-body reads in the handlers of ``tree``."""
    if not (_imported_roots(tree) & _UNCAPPED_FRAMEWORKS) and "wsgi.input" not in text:
        return []
    if _MODULE_CAP.search(text):
        return []
    lines = text.splitlines()
    out: list[RawFinding] = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body_text = "\n".join(lines[func.lineno - 1: func.end_lineno or func.lineno])
        if _HANDLER_CAP.search(body_text):
            continue
        for node in _own_nodes(func):
            if _whole_body_read(node):
                out.append(finding_at(UNBOUNDED_BODY, path, "python", node.lineno, "wfc-python",
                                      detail=f"(`{ast.unparse(node)[:60]}`)"))
    return out


def _imported_roots(tree: ast.Module) -> frozenset[str]:
    roots: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".", 1)[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".", 1)[0])
    return frozenset(roots)


def _own_nodes(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    """Nodes of ``func`` outside its nested functions (those are judged on their own)."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


def _is_request(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in _REQUEST_NAMES or (
        isinstance(node, ast.Attribute) and node.attr == "request"
        and isinstance(node.value, ast.Name) and node.value.id == "self")


def _whole_body_read(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args and not any(
            k.arg in {"limit", "size", "max_size"} for k in node.keywords):
        owner, method = node.func.value, node.func.attr
        if method in _READ_METHODS and _is_request(owner):
            return True
        if method == "read" and isinstance(owner, ast.Attribute) and owner.attr in _STREAM_ATTRS and _is_request(
                owner.value):
            return True
        if method == "read" and isinstance(owner, ast.Subscript) and isinstance(owner.slice, ast.Constant) and (
                owner.slice.value == "wsgi.input"):
            return True
    return isinstance(node, ast.Attribute) and node.attr == "data" and isinstance(node.ctx, ast.Load) and (
        isinstance(node.value, ast.Name) and node.value.id == "request")
