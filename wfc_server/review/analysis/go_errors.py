"""Go error paths that betray themselves: facts read from the shape of ``if err != nil`` branches.

Go's convention is that a call which returns an error leaves its other results at their zero value
when it fails. Three habits break on that convention, and each is visible in one function:

* a result used inside its own error branch (``f, err := open(); if err != nil { f.Close() }``):
  on that path the result is nil, so the branch meant to handle the failure panics;
* a branch that tests one error and returns another (``if cerr != nil { return err }``): the
  failure is replaced by an unrelated (often nil) error, so the caller carries on as if it worked;
* a ``for rows.Next()`` loop whose iterator's ``Err()`` is never consulted: ``Next`` answers false
  on the end of the rows *and* on a failure, so a broken connection looks like a short result;
* a value the function itself closes (``it.Close()`` on the normal path, not deferred) with a
  ``return`` between its creation and that close: the author's own belief that it must be closed,
  broken on the early (usually error) path;
* an error that is only returned under an unrelated condition (``ok, err := f(); if ok { return
  err }``) and then overwritten: on the other path the failure is dropped.

The facts are taken from the tree-sitter tree; names are compared by text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis import flow

#: A name that holds an error: ``err``, ``cerr``, ``readErr``, ``br.err``, ``r.lastErr``.
_ERRISH = re.compile(r"(?:[A-Za-z_]\w*\.)*(?:err|[a-z]\w*(?:err|Err))")
_NIL_TEST = re.compile(r"^(?P<name>[\w.]+)\s*!=\s*nil$")


@dataclass(frozen=True, slots=True)
class ErrorPathFact:
    line: int  # 0-based line of the statement at fault
    name: str  # the value, the returned error, or the iterator
    other: str  # the error variable tested (or the call that produced the value)


def results_used_on_failure(root: SgNode) -> list[ErrorPathFact]:
    """``v, err := call(); if err != nil { v.M() }``: ``v`` dereferenced (a method or field read, or
    called when it is a function) inside the branch where ``call`` failed."""
    out: list[ErrorPathFact] = []
    for block in root.find_all(kind="statement_list"):
        stmts = _statements(block)
        for stmt, nxt in zip(stmts, stmts[1:]):
            names = _declared_with_error(stmt)
            if names is None or nxt.kind() != "if_statement" or nxt.field("initializer") is not None:
                continue
            values, err = names
            cond, body = nxt.field("condition"), nxt.field("consequence")
            if cond is None or body is None or not re.fullmatch(rf"{re.escape(err)}\s*!=\s*nil", cond.text()):
                continue
            for value in values:
                line = _dereference_line(body, value)
                if line is not None:
                    out.append(ErrorPathFact(line, value, _call_text(stmt)))
                    break
    return out


def wrong_error_returned(root: SgNode) -> list[ErrorPathFact]:
    """``if cerr != nil { return ..., err }``: the branch tests one error variable and returns a
    different one without mentioning the one it tested."""
    out: list[ErrorPathFact] = []
    for branch in root.find_all(kind="if_statement"):
        cond, body = branch.field("condition"), branch.field("consequence")
        if cond is None or body is None:
            continue
        tested = _tested_error(cond.text())
        if tested is None or re.search(rf"(?<![\w.]){re.escape(tested)}(?![\w])", body.text()):
            continue
        init = branch.field("initializer")
        for ret in body.find_all(kind="return_statement"):
            if _inside_nested_function(ret, body):
                continue
            values = [c for c in ret.children() if c.is_named()]
            last = values[-1].children() if values and values[-1].kind() == "expression_list" else values
            last = [c for c in last if c.is_named()]
            if not last:
                continue
            returned = last[-1].text()
            if returned == tested or not _ERRISH.fullmatch(returned) or returned.startswith(tested + "."):
                continue
            if init is not None and re.search(rf"(?<![\w.]){re.escape(returned)}\b", init.text()):
                continue
            if _known_failed(branch, returned):
                continue
            out.append(ErrorPathFact(ret.range().start.line, returned, tested))
            break
    return out


def iterators_without_err(root: SgNode) -> list[ErrorPathFact]:
    """``rows, err := db.Query(...)`` ... ``for rows.Next() { ... }`` with no ``rows.Err()`` anywhere
    in the function and ``rows`` not handed back to the caller: reported at the loop's end."""
    out: list[ErrorPathFact] = []
    for kind in ("function_declaration", "method_declaration", "func_literal"):
        for func in root.find_all(kind=kind):
            body = func.field("body")
            if body is None:
                continue
            text = body.text()
            for loop in body.find_all(kind="for_statement"):
                header = next((c for c in loop.children() if c.kind() == "call_expression"), None)
                if header is None:
                    continue
                match = re.fullmatch(r"(\w+)\.Next\((?:\w+)?\)", header.text())
                if match is None:
                    continue
                name = match.group(1)
                n = re.escape(name)
                declared = re.search(rf"(?<![\w.]){n}\s*,\s*\w+\s*:?=\s*[\w.]+\.\w*(?:Query|Rows|Find|Iter|Scan|Select)\w*\(",
                                     text)
                if declared is None or re.search(rf"(?<![\w.]){n}\.Err\(\)", text):
                    continue
                if re.search(rf"\breturn\b[^\n]*(?<![\w.]){n}\b(?!\.)", text) or re.search(rf"[(,]\s*{n}\s*[,)]", text):
                    continue  # handed on: whoever receives it owns the check
                out.append(ErrorPathFact(loop.range().end.line, name, header.text()))
    return out


def closed_on_normal_path_only(root: SgNode) -> list[ErrorPathFact]:
    """``x, err := f()`` ... ``return`` ... ``x.Close()``: a return between the value's creation (past
    its own error check) and the explicit close, in a function with no deferred close of ``x``."""
    if ".Close()" not in root.text():
        return []
    out: list[ErrorPathFact] = []
    for block in root.find_all(kind="statement_list"):
        stmts = _statements(block)
        for index, stmt in enumerate(stmts):
            names = _declared_with_error(stmt)
            if names is None:
                continue
            value, err = names[0][0], names[1]
            if flow._GO_OPENERS.match(_call_text(stmt)):  # noqa: SLF001 - flow.go_unreleased reports those
                continue
            v = re.escape(value)
            close = next((i for i in range(index + 1, len(stmts))
                          if re.fullmatch(rf"(?:_\s*=\s*)?{v}\.Close\(\)", stmts[i].text().strip())), None)
            func = _function_of(stmt)
            if close is None or func is None or re.search(rf"\bdefer\b[^\n]*\b{v}\.Close\(", func.text()):
                continue
            for later in stmts[index + 1: close]:
                if later.kind() == "if_statement" and re.fullmatch(rf"{re.escape(err)}\s*!=\s*nil",
                                                                   (later.field("condition") or later).text()):
                    if later == stmts[index + 1]:
                        continue  # the creation's own error check: nothing to close
                line = _leaking_return(later, value)
                if line is not None:
                    out.append(ErrorPathFact(line, value, _call_text(stmt)))
                    break
    return out


def error_returned_only_conditionally(root: SgNode) -> list[ErrorPathFact]:
    """``ok, err := f(); if ok { return err }`` and ``err`` reassigned before any other use."""
    out: list[ErrorPathFact] = []
    for block in root.find_all(kind="statement_list"):
        stmts = _statements(block)
        for index, stmt in enumerate(stmts[:-2]):
            names = _declared_with_error(stmt)
            nxt = stmts[index + 1]
            if names is None or nxt.kind() != "if_statement" or nxt.field("alternative") is not None:
                continue
            err = re.escape(names[1])
            cond, body = nxt.field("condition"), nxt.field("consequence")
            if cond is None or body is None or re.search(rf"(?<![\w.]){err}\b", cond.text()) or \
                    not re.search(rf"\breturn\b[^\n]*(?<![\w.]){err}\b", body.text()):
                continue
            for later in stmts[index + 2:]:
                text = later.text()
                if not re.search(rf"(?<![\w.]){err}\b", text):
                    continue
                if re.match(rf"(?:[\w.]+\s*,\s*)*{err}\s*(?:,[^=\n]*)?:?=(?!=)", text):
                    out.append(ErrorPathFact(nxt.range().start.line, names[1], cond.text()))
                break
    return out


def _statements(block: SgNode) -> list[SgNode]:
    return [c for c in block.children() if c.is_named() and c.kind() != "comment"]


def _leaking_return(stmt: SgNode, value: str) -> int | None:
    """Line of a ``return`` in ``stmt`` (outside closures) that neither mentions nor closes ``value``."""
    nodes = [stmt] if stmt.kind() == "return_statement" else stmt.find_all(kind="return_statement")
    for ret in nodes:
        if _inside_nested_function(ret, stmt) or re.search(rf"(?<![\w.]){re.escape(value)}\b", ret.text()):
            continue
        block = ret.parent()
        if block is not None and re.search(rf"(?<![\w.]){re.escape(value)}\.Close\(", block.text()):
            continue  # closed on this path just before returning
        return ret.range().start.line
    return None


def _function_of(node: SgNode) -> SgNode | None:
    cur = node.parent()
    while cur is not None and cur.kind() not in {"function_declaration", "method_declaration", "func_literal"}:
        cur = cur.parent()
    return cur


def _declared_with_error(stmt: SgNode) -> tuple[list[str], str] | None:
    if stmt.kind() not in {"short_var_declaration", "assignment_statement"}:
        return None
    left, right = stmt.field("left"), stmt.field("right")
    if left is None or right is None:
        return None
    names = [c.text() for c in left.children() if c.is_named()]
    exprs = [c for c in right.children() if c.is_named()]
    if len(names) < 2 or len(exprs) != 1 or exprs[0].kind() != "call_expression":
        return None
    if not _ERRISH.fullmatch(names[-1]) or "." in names[-1]:
        return None
    values = [n for n in names[:-1] if n != "_" and re.fullmatch(r"[A-Za-z_]\w*", n)]
    return (values, names[-1]) if values else None


def _dereference_line(body: SgNode, value: str) -> int | None:
    """First line in ``body`` that reads a member of ``value`` or calls it, unless the branch tests
    ``value`` against nil (then whoever wrote it knew)."""
    v = re.escape(value)
    if re.search(rf"(?<![\w.]){v}\s*[!=]=\s*nil|nil\s*[!=]=\s*{v}\b|(?<![\w.]){v}\s*(?:,[^=\n]*)?:?=(?!=)",
                 body.text()):
        return None  # tested against nil, or given a value of its own, inside the branch
    for node in body.find_all(kind="selector_expression"):
        operand = node.field("operand")
        if operand is not None and operand.text() == value and not _inside_nested_function(node, body):
            return node.range().start.line
    for node in body.find_all(kind="call_expression"):
        func = node.field("function")
        if func is not None and func.text() == value and not _inside_nested_function(node, body):
            return node.range().start.line
    return None


def _inside_nested_function(node: SgNode, limit: SgNode) -> bool:
    cur = node.parent()
    while cur is not None and cur != limit:
        if cur.kind() == "func_literal":
            return True
        cur = cur.parent()
    return False


def _tested_error(cond: str) -> str | None:
    """The error a condition tests for failure: the last ``X != nil`` clause whose X holds an error."""
    clauses = [c.strip().strip("()").strip() for c in re.split(r"&&", cond)]
    if any("||" in c for c in clauses):
        return None
    tested = None
    for clause in clauses:
        match = _NIL_TEST.match(clause)
        if match and _ERRISH.fullmatch(match.group("name")):
            tested = match.group("name")
    return tested


def _known_failed(branch: SgNode, returned: str) -> bool:
    """An earlier ``if returned == nil { return ... }`` in the function: past it ``returned`` holds
    the primary failure, and handing it back when a fallback also fails is deliberate."""
    func = branch.parent()
    while func is not None and func.kind() not in {"function_declaration", "method_declaration", "func_literal"}:
        func = func.parent()
    if func is None:
        return False
    before = func.text()[: branch.range().start.index - func.range().start.index]
    return re.search(rf"\bif\s+{re.escape(returned)}\s*==\s*nil\s*\{{\s*return\b", before) is not None


def _call_text(stmt: SgNode) -> str:
    right = stmt.field("right")
    text = right.text() if right is not None else stmt.text()
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."
