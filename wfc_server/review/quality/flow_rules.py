"""Control-flow and null-safety rules for JavaScript/TypeScript, Go and Java.

The facts come from :mod:`wfc_server.review.analysis.flow` (one walk per question); this module
only maps them to rules: unreachable statements, dereference before the null check, Go handles
not released on every path, possibly-null results used directly, and first-only ``replace``.
Python has its own AST versions of the first three in ``py_correctness`` / ``py_reliability``.
"""

from __future__ import annotations

import dataclasses
import re

from ast_grep_py import SgRoot

from wfc_server.review.analysis import flow
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import emit
from wfc_server.review.quality.py_correctness import CHECK_AFTER_USE, UNREACHABLE
from wfc_server.review.quality.py_reliability import FILE_LEAK
from wfc_server.review.rules.correctness.nil_after_failed_call import NIL_AFTER_FAILED_CALL
from wfc_server.review.rules.correctness.null_result_dereference import (
    NULL_RESULT_DEREFERENCE,
    direct_uses,
    regex_names,
)
from wfc_server.review.rules.correctness.replace_first_only import REPLACE_FIRST_ONLY, first_only

FAMILY = "flow"
# The Python wording of these checks speaks of None, `with` and CPython; these findings are about
# other languages, so they carry language-neutral descriptions (advice per language comes from the registry).
_UNREACHABLE = dataclasses.replace(
    UNREACHABLE, description="This statement follows a return/throw/break/continue in the same block and never runs.")
_CHECK_AFTER_USE = dataclasses.replace(
    CHECK_AFTER_USE, description="The value is dereferenced before the code checks whether it is null: if it can "
    "be null the earlier line fails first, and if it cannot the later check is dead.")
_HANDLE_LEAK = dataclasses.replace(
    FILE_LEAK, description="A file or connection is opened and not closed on every path out of the function; each "
    "early return leaks a descriptor until the process runs out of them.")
_GREP = {"javascript": "javascript", "typescript": "typescript", "go": "go", "java": "java"}


def check(source: SourceFile) -> list[RawFinding]:
    """Every flow finding of one JS/TS/Go/Java file (Python: possibly-null results only; its other
    control-flow rules live in the AST families)."""
    language = source.language
    if language == "python":
        return _null_results(source, language)
    if language not in _GREP or any(len(line) > 3000 for line in source.text.splitlines()):
        return []
    grammar = "tsx" if source.path.endswith(".tsx") else _GREP[language]
    root = SgRoot(source.text, grammar).root()
    out: list[RawFinding] = []
    if language != "java":  # javac rejects unreachable statements; the compiler already says so
        for line in flow.unreachable(root, grammar):
            out.append(emit(_UNREACHABLE, source, line + 1, FAMILY))
    for late in flow.checks_after_use(root, grammar):
        out.append(emit(_CHECK_AFTER_USE, source, late.use_line + 1, FAMILY,
                        detail=f"(`{late.name}` is checked at line {late.check_line + 1})"))
    if language == "go":
        for use in flow.go_used_after_failure(root, flow.go_pointer_funcs(root)):
            out.append(finding(NIL_AFTER_FAILED_CALL, source, use.line + 1, FAMILY,
                               detail=f"(`{use.name}` from line {use.call_line + 1})"))
    if language == "go" and source.complete:
        for kind in ("function_declaration", "method_declaration", "func_literal"):
            for func in root.find_all(kind=kind):
                for handle in flow.go_unreleased(func):
                    out.append(emit(_HANDLE_LEAK, source, handle.line + 1, FAMILY, severity="medium",
                                    detail=f"(`{handle.name}` {handle.reason})"))
    out.extend(_null_results(source, language))
    if language in {"javascript", "typescript"}:
        out.extend(_replace_first(root, source))
    return out


def _null_results(source: SourceFile, language: str) -> list[RawFinding]:
    regexes = regex_names(source.text) if language in {"javascript", "typescript"} else frozenset()
    return [finding(NULL_RESULT_DEREFERENCE, source, number, FAMILY)
            for number, text in enumerate(source.text.splitlines(), start=1) if direct_uses(language, text, regexes)]


def _replace_first(root: object, source: SourceFile) -> list[RawFinding]:
    out = []
    for call in root.find_all(kind="call_expression"):  # type: ignore[attr-defined]
        callee = call.field("function")
        if callee is None or callee.kind() != "member_expression" or not callee.text().endswith(".replace"):
            continue
        args = call.field("arguments")
        values = [a.text() for a in args.children() if a.is_named()] if args is not None else []
        if len(values) == 2 and first_only(values[0], values[1]) and not re.search(r"\.replaceAll\b", callee.text()):
            where = callee.field("property") or call
            out.append(finding(REPLACE_FIRST_ONLY, source, where.range().start.line + 1, FAMILY,
                               detail=f"(`.replace({values[0]}, {values[1]})`)"))
    return out
