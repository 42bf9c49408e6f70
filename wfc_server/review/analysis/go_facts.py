"""Go control-flow facts beyond :mod:`flow`: results used before their error is checked, loop
variables captured by goroutines and deferred closures, and the module's Go version.

No rule ids live here; :mod:`wfc_server.review.quality.sg_go` maps the facts to rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ast_grep_py import SgNode

from wfc_server.review.analysis.flow import GRAMMARS, _dereferenced, _rebound, _statements, go_failing_call


_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


@dataclass(frozen=True, slots=True)
class UseBeforeCheck:
    """``name`` (from the call at ``call_line``) is dereferenced at ``line`` before ``err`` is read."""

    name: str
    call_line: int
    line: int


def go_used_before_check(root: SgNode, pointer_funcs: frozenset[str]) -> list[UseBeforeCheck]:
    """``resp, err := http.Get(u); if resp.StatusCode != 200 {...}; if err != nil {...}``: when the
    call fails ``resp`` is nil, and the code reads it before it looks at ``err``. A deferred Close is
    another rule's (WFC-REL-GO-DEFER-BEFORE-ERR); a nil test of the name itself is a guard."""
    grammar = GRAMMARS["go"]
    out = []
    for block in root.find_all(kind="statement_list"):
        stmts = _statements(block)
        for i, stmt in enumerate(stmts[:-1]):
            names = go_failing_call(stmt, pointer_funcs)
            if names is None or names[1] == "_":
                continue
            value, err = names
            err_read = re.compile(rf"\b{re.escape(err)}\b")
            for later in stmts[i + 1:]:
                if err_read.search(_COMMENT.sub("", later.text())) or value in _rebound(later, grammar) or \
                        later.kind() in {"defer_statement", "go_statement"}:
                    break
                uses = [line for used, line in _dereferenced(later, grammar) if used == value]
                if uses:
                    out.append(UseBeforeCheck(value, stmt.range().start.line, min(uses)))
                    break
    return out


@dataclass(frozen=True, slots=True)
class LoopCapture:
    """A closure started with ``go`` / ``defer`` (or handed to ``g.Go``) inside the loop reads the
    loop variable ``name`` at ``line``; the closure starts at ``start``."""

    name: str
    start: int
    line: int
    how: str  # "goroutine" | "deferred call" | "parallel subtest"


_ASYNC_CALL = re.compile(r"^[\w.]+\.(Go|TryGo)$")  # errgroup.Group.Go, conc's WaitGroup.Go


def go_loop_captures(root: SgNode) -> list[LoopCapture]:
    """Closures that outlive the iteration and read its per-loop variable (Go before 1.22 shares
    one variable across iterations, so they see a later value or the last one)."""
    out = []
    for loop in root.find_all(kind="for_statement"):
        names = _loop_variables(loop)
        body = loop.field("body")
        if not names or body is None:
            continue
        for closure in body.find_all(kind="func_literal"):
            how = _outlives_iteration(closure)
            if how is None or _inner_loop_owns(closure, loop):
                continue
            params = closure.field("parameters")
            shadowed = set(re.findall(r"\w+", params.text())) if params is not None else set()
            shadowed |= _rebound_before(body, closure, names)
            for ident in closure.find_all(kind="identifier"):
                name = ident.text()
                if name in names and name not in shadowed:
                    out.append(LoopCapture(name, closure.range().start.line, ident.range().start.line, how))
                    break
    return out


def _loop_variables(loop: SgNode) -> set[str]:
    for child in loop.children():
        if child.kind() == "range_clause":
            left = child.field("left")
            if left is None or ":=" not in child.text():
                return set()
            return {n for n in re.findall(r"\w+", left.text()) if n != "_"}
        if child.kind() == "for_clause":
            init = child.field("initializer")
            if init is None or init.kind() != "short_var_declaration":
                return set()
            left = init.field("left")
            return {n for n in re.findall(r"\w+", left.text()) if n != "_"} if left is not None else set()
    return set()


def _outlives_iteration(closure: SgNode) -> str | None:
    parent = closure.parent()
    if parent is None:
        return None
    if parent.kind() == "call_expression" and parent.field("function") == closure:
        grand = parent.parent()
        if grand is not None and grand.kind() == "go_statement":
            return "goroutine"
        if grand is not None and grand.kind() == "defer_statement":
            return "deferred call"
        return None
    if parent.kind() == "argument_list":
        call = parent.parent()
        func = call.field("function") if call is not None else None
        if func is not None and _ASYNC_CALL.match(func.text()):
            return "goroutine"
        if func is not None and func.text().endswith(".Run") and re.search(r"\.Parallel\(\)", closure.text()):
            return "parallel subtest"
    return None


def _inner_loop_owns(closure: SgNode, loop: SgNode) -> bool:
    """The closure sits in a nested loop: that loop is judged on its own variables."""
    cur = closure.parent()
    while cur is not None and cur != loop:
        if cur.kind() == "func_literal":
            return True  # inside another closure: its own timing applies
        cur = cur.parent()
    return False


def _rebound_before(body: SgNode, closure: SgNode, names: set[str]) -> set[str]:
    """``v := v`` (or any re-declaration) in the loop body before the closure makes a fresh copy."""
    start = closure.range().start.index
    out: set[str] = set()
    for decl in body.find_all(kind="short_var_declaration"):
        if decl.range().start.index >= start:
            continue
        left = decl.field("left")
        if left is not None:
            out |= names & set(re.findall(r"\w+", left.text()))
    return out


def return_before_close(text: str, decl_line: int, resp: str, err: str) -> int | None:
    """0-based line of a ``return`` that leaves between ``resp, err := client.Do(req)`` (ending on
    ``decl_line``) and the first ``resp.Body.Close()``, other than the ``if err != nil`` exit
    (where ``resp`` is nil) and a return that hands ``resp`` on; ``None`` when every path closes."""
    lines = text.splitlines()
    close = re.compile(rf"\b{re.escape(resp)}\.Body\.Close\(\)")
    err_check = re.compile(rf"^\s*if\s+{re.escape(err)}\s*!=\s*nil\s*\{{")
    depth_skip = 0
    for i in range(decl_line + 1, min(len(lines), decl_line + 60)):
        code = _COMMENT.sub("", lines[i])
        if close.search(code):
            return None
        if depth_skip == 0 and err_check.match(code):
            depth_skip = code.count("{") - code.count("}")
            continue
        if depth_skip > 0:
            depth_skip += code.count("{") - code.count("}")
            continue
        if re.match(r"^\s*}\s*$", code) and _indent(lines[i]) < _indent(lines[decl_line]):
            return None  # the block that declared resp ends
        if re.search(r"\breturn\b", code) and not re.search(rf"\breturn\b.*(?<![.\w]){re.escape(resp)}\b(?!\.)", code):
            return i
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


@dataclass(frozen=True, slots=True)
class UnlockedMapWrite:
    """Method ``method`` of ``type_name`` writes the map field ``field`` at ``line`` holding no lock;
    ``why`` says what makes the method concurrent."""

    type_name: str
    method: str
    field: str
    line: int
    why: str  # "locked elsewhere" | "http handler"


_HANDLER_PARAMS = re.compile(r"http\.ResponseWriter|\*gin\.Context|echo\.Context|\*fiber\.Ctx")
_MUTEX_FIELD = re.compile(r"^\s*(?:\w+\s+)?\*?sync\.(?:RW)?Mutex\b", re.MULTILINE)
_LOCK_CALL = re.compile(r"\.(?:R?Lock|TryLock|TryRLock)\(\)")


def go_unlocked_map_writes(root: SgNode, text: str) -> list[UnlockedMapWrite]:
    """Map fields of a struct written by a method that takes no lock, when the method runs
    concurrently: the type's other methods lock a mutex around it (so the author knows it is
    shared), or the method is an HTTP handler (net/http runs each request on its own goroutine).
    Helpers called by other methods of the file (usually with the lock held) are left out."""
    if "map[" not in text or "struct" not in text:
        return []
    maps: dict[str, set[str]] = {}
    mutexed: set[str] = set()
    for spec in root.find_all(kind="type_spec"):
        name, typ = spec.field("name"), spec.field("type")
        if name is None or typ is None or typ.kind() != "struct_type":
            continue
        fields = set()
        for decl in typ.find_all(kind="field_declaration"):
            ftype = decl.field("type")
            if ftype is not None and ftype.kind() == "map_type":
                fields |= {c.text() for c in decl.children() if c.kind() == "field_identifier"}
        if fields:
            maps[name.text()] = fields
        if _MUTEX_FIELD.search(typ.text()):
            mutexed.add(name.text())
    if not maps:
        return []
    methods = [(m, _receiver(m)) for m in root.find_all(kind="method_declaration")]
    locking = {t for m, (_, t) in methods if t and _LOCK_CALL.search(m.text())}
    called = {c.text() for c in root.find_all(kind="field_identifier")
              if c.parent() is not None and c.parent().kind() == "selector_expression"
              and c.parent().parent() is not None and c.parent().parent().kind() == "call_expression"}
    out = []
    for method, (recv, type_name) in methods:
        name_node, body = method.field("name"), method.field("body")
        if not recv or type_name not in maps or name_node is None or body is None or _LOCK_CALL.search(body.text()):
            continue
        mname = name_node.text()
        params = method.field("parameters")
        handler = params is not None and _HANDLER_PARAMS.search(params.text()) is not None
        if type_name in mutexed and type_name in locking and mname not in called and \
                not re.search(r"(?i)locked$|unsafe$|^init|^new", mname):
            why = "locked elsewhere"
        elif handler:
            why = "http handler"
        else:
            continue
        write = _map_field_write(body, recv, maps[type_name])
        if write is not None:
            out.append(UnlockedMapWrite(type_name, mname, write[0], write[1], why))
    return out


def _receiver(method: SgNode) -> tuple[str, str]:
    """(receiver name, receiver type name) of a method: ``(s *Server)`` -> ("s", "Server")."""
    recv = method.field("receiver")
    m = re.match(r"\(\s*(\w+)\s+\*?(\w+)", recv.text()) if recv is not None else None
    return (m.group(1), m.group(2)) if m else ("", "")


def _map_field_write(body: SgNode, recv: str, fields: set[str]) -> tuple[str, int] | None:
    """The first ``recv.field[k] = v`` / ``recv.field[k]++`` / ``delete(recv.field, k)`` in ``body``
    outside nested function literals."""
    target = re.compile(rf"^{re.escape(recv)}\.(\w+)\[")
    hits = []
    for kind in ("assignment_statement", "inc_statement", "dec_statement"):
        for stmt in body.find_all(kind=kind):
            left = stmt.field("left") if kind == "assignment_statement" else next(
                (c for c in stmt.children() if c.is_named()), None)
            m = target.match(left.text()) if left is not None else None
            if m and m.group(1) in fields and not _in_literal(stmt, body):
                hits.append((m.group(1), stmt.range().start.line))
    for call in body.find_all(kind="call_expression"):
        m = re.match(rf"delete\(\s*{re.escape(recv)}\.(\w+)\s*,", call.text())
        if m and m.group(1) in fields and not _in_literal(call, body):
            hits.append((m.group(1), call.range().start.line))
    return min(hits, key=lambda h: h[1]) if hits else None


def _in_literal(node: SgNode, body: SgNode) -> bool:
    cur = node.parent()
    while cur is not None and cur != body:
        if cur.kind() == "func_literal":
            return True
        cur = cur.parent()
    return False


def go_waitgroup_add_in_goroutine(root: SgNode, text: str) -> list[tuple[str, int]]:
    """(WaitGroup, 0-based line) of ``wg.Add(n)`` called first thing inside ``go func() {...}()``:
    ``wg.Wait()`` in the starting goroutine can run before the Add, return early and let the work
    race with whatever follows (the Add must happen before the ``go`` statement)."""
    if "WaitGroup" not in text:
        return []
    groups = {m.group(1) for m in re.finditer(r"\b(\w+)\s+(?:\*?sync\.WaitGroup\b|=\s*&?sync\.WaitGroup\{)", text)}
    groups |= {m.group(1) for m in re.finditer(r"\b(\w+)\s*:=\s*&?sync\.WaitGroup\{", text)}
    out = []
    for stmt in root.find_all(kind="go_statement"):
        call = next((c for c in stmt.children() if c.is_named()), None)
        literal = call.field("function") if call is not None else None
        body = literal.field("body") if literal is not None and literal.kind() == "func_literal" else None
        if body is None:
            continue
        for inner in _statements(next((c for c in body.children() if c.kind() == "statement_list"), body))[:3]:
            m = re.match(r"(?:\w+\.)*(\w+)\.Add\(", inner.text())
            if m and m.group(1) in groups:
                out.append((m.group(1), inner.range().start.line))
                break
    return out


_GO_DIRECTIVE = re.compile(r"^go\s+(\d+)\.(\d+)", re.MULTILINE)


def module_go_version(disk_path: str | None, review_path: str) -> tuple[int, int] | None:
    """The ``go`` directive of the nearest go.mod above the file, looked up only inside the
    review's workspace (``disk_path`` ends with ``review_path``); ``None`` when the review does not
    include one, so the caller knows the language version is unknown."""
    if not disk_path:
        return None
    here = Path(disk_path).parent
    for _ in range(len(Path(review_path).parts) if review_path else 0):
        mod = here / "go.mod"
        if mod.is_file():
            try:
                m = _GO_DIRECTIVE.search(mod.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                return None
            return (int(m.group(1)), int(m.group(2))) if m else None
        here = here.parent
    return None
