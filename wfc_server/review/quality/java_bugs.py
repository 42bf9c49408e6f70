"""Java bugs that need a declaration looked up: possibly-null locals used without a check, and
``synchronized`` blocks on fields that are not final.

Both questions join two places of the file (where a local got its value and where it is first
used; where a field is declared and where it is locked), which the single-node checks of
:mod:`sg_java` do not do.
"""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from wfc_server.review.analysis import java_nulls
from wfc_server.review.analysis.functions import short
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.rules.correctness.null_result_dereference import NULL_RESULT_DEREFERENCE
from wfc_server.review.rules.correctness.sync_on_mutable_field import SYNC_ON_MUTABLE_FIELD

FAMILY = "ast-grep"


def check(root: SgNode, source: SourceFile) -> list[RawFinding]:
    out = [finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                   detail=f"(`{use.name}` = `{short(use.call)}` may be null and is {use.how} here)")
           for use in java_nulls.unchecked_uses(root)]
    seen = {f.line for f in out}
    out += [finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                    detail=f"(`{use.name}` is tested in `{short(use.call)}` and then {use.how})")
            for use in java_nulls.inconsistent_checks(root) if use.line + 1 not in seen]
    seen = {f.line for f in out}
    out += [finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                    detail=f"(`{short(use.call)}` is null for a missing key and is {use.how} here)")
            for use in java_nulls.direct_map_derefs(root) if use.line + 1 not in seen]
    out += _sync_on_mutable_fields(root, source)
    return out


def _sync_on_mutable_fields(root: SgNode, source: SourceFile) -> list[RawFinding]:
    """``synchronized (lock)`` where ``lock`` is a field of the enclosing class without ``final``."""
    out = []
    for block in root.find_all(kind="synchronized_statement"):
        lock = next((c for c in block.children() if c.kind() == "parenthesized_expression"), None)
        if lock is None:
            continue
        name = lock.text().strip("() \t\n").removeprefix("this.")
        if not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
            continue
        owner = block.parent()
        while owner is not None and owner.kind() not in {"class_body", "enum_body"}:
            owner = owner.parent()
        if owner is None or _locally_declared(block, name):
            continue
        for field in (c for c in owner.children() if c.kind() == "field_declaration"):
            declared = {d.field("name").text() for d in field.children()
                        if d.kind() == "variable_declarator" and d.field("name") is not None}
            if name in declared:
                modifiers = next((c.text() for c in field.children() if c.kind() == "modifiers"), "")
                if not re.search(r"\bfinal\b", modifiers):
                    out.append(finding(SYNC_ON_MUTABLE_FIELD, source, block.range().start.line + 1, FAMILY,
                                       detail=f"(`{name}`)"))
                break
    return out


def _locally_declared(block: SgNode, name: str) -> bool:
    """A local variable or parameter of the same name shadows the field."""
    scope = block.parent()
    while scope is not None and scope.kind() not in {"method_declaration", "constructor_declaration",
                                                     "lambda_expression"}:
        scope = scope.parent()
    if scope is None:
        return False
    header = scope.field("parameters")
    params = header.text() if header is not None else ""
    return re.search(rf"\b{re.escape(name)}\b", params) is not None or any(
        d.field("name") is not None and d.field("name").text() == name
        for d in scope.find_all(kind="variable_declarator") if d.parent() is not None
        and d.parent().kind() == "local_variable_declaration")
