"""A piece of a split taken by position with no check that the separator was there.

``strings.Split(auth, " ")[1]`` (Go: index out of range panic), ``header.split(":")[1].trim()``
(JavaScript: TypeError on undefined), ``line.split("=")[1]`` (Java: ArrayIndexOutOfBounds; Python:
IndexError): a split always yields at least one piece, so index 0 is safe and index 1 exists only
when the separator occurred. Reported when the parts are indexed at 1 or more directly, or held in
a local whose first use indexes it, with no length test and no test that the text contains the
separator beforehand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.functions import enclosing_function, short
from wfc_server.review.analysis.bounds import code_text

QUICK = re.compile(r"\.split\(|\bstrings\.(?:Split|SplitN)\(")
_SPLIT = {
    "js": re.compile(r"\.split\(\s*(?P<sep>'[^'\\]{1,4}'|\"[^\"\\]{1,4}\")\s*\)$"),
    "java": re.compile(r"\.split\(\s*(?P<sep>\"[^\"\\]{1,4}\")\s*\)$"),
    "python": re.compile(r"\.split\(\s*(?P<sep>'[^'\\]{1,4}'|\"[^\"\\]{1,4}\")\s*(?:,\s*\d+\s*)?\)$"),
    "go": re.compile(r"^strings\.(?:Split|SplitN)\(\s*[^,]+,\s*(?P<sep>\"[^\"\\]{1,4}\")\s*(?:,\s*-?\d+\s*)?\)$"),
}
_CALL_KIND = {"js": "call_expression", "java": "method_invocation", "go": "call_expression", "python": "call"}


@dataclass(frozen=True, slots=True)
class SplitIndex:
    line: int  # 0-based
    what: str


def unchecked_pieces(root: SgNode, family: str) -> list[SplitIndex]:
    if not QUICK.search(root.text()):
        return []
    out: list[SplitIndex] = []
    seen: set[int] = set()
    for call in root.find_all(kind=_CALL_KIND[family]):
        match = _SPLIT[family].search(call.text())
        if match is None or (family != "go" and not call.text().endswith(")")):
            continue
        sep = match.group("sep")
        func = enclosing_function(call, family)
        if func is None or _separator_tested(func, call, sep):
            continue
        line = _direct_index(call, family)
        holder, name = (None, None) if line is not None else _holder(call, family)
        if holder is not None and name is not None:
            line = _first_index(func, holder, name)
        if line is not None and line not in seen:
            seen.add(line)
            out.append(SplitIndex(line, f"`{short(call.text())}` has one piece when {sep} is absent"))
    return out


def _direct_index(call: SgNode, family: str) -> int | None:
    parent = call.parent()
    if parent is None:
        return None
    kinds = {"js": {"subscript_expression"}, "java": {"array_access"}, "go": {"index_expression"},
             "python": {"subscript"}}[family]
    if parent.kind() not in kinds:
        return None
    rest = parent.text()[len(call.text()):]
    if re.match(r"\s*\[\s*[1-9]\d*\s*\]", rest) and parent.text().startswith(call.text()):
        return call.range().end.line
    return None


def _holder(call: SgNode, family: str) -> tuple[SgNode | None, str | None]:
    parent = call.parent()
    if parent is None:
        return None, None
    if family in {"js", "java"} and parent.kind() == "variable_declarator":
        name = parent.field("name")
        return (parent, name.text()) if name is not None and name.kind() == "identifier" else (None, None)
    if family == "go" and parent.kind() == "expression_list":
        stmt = parent.parent()
        if stmt is not None and stmt.kind() in {"short_var_declaration", "assignment_statement"}:
            left = stmt.field("left")
            if left is not None and re.fullmatch(r"\w+", left.text()):
                return stmt, left.text()
    if family == "python" and parent.kind() == "assignment":
        left = parent.field("left")
        if left is not None and left.kind() == "identifier":
            return parent, left.text()
    return None, None


def _first_index(func: SgNode, holder: SgNode, name: str) -> int | None:
    """The line of the first use of ``name`` past piece 0 (``parts[1]``), when every use before it
    reads piece 0 and no line up to it measures the parts; None when the parts are measured, handed
    on or reassigned first."""
    code = code_text(func)
    rest = code[holder.range().end.index - func.range().start.index:]
    n = re.escape(name)
    for use in re.finditer(rf"(?<![\w$.]){n}(?![\w$])", rest):
        line_start = rest.rfind("\n", 0, use.start()) + 1
        line_end = rest.find("\n", use.start())
        line = rest[line_start: line_end if line_end >= 0 else len(rest)]
        if re.search(rf"\blen\(\s*{n}\s*\)|(?<![\w$.]){n}\.(?:length|size\(|isEmpty\()|\?", line):
            return None
        after = rest[use.end():]
        if re.match(r"\s*\[\s*0\s*\]", after):
            continue
        if re.match(r"\s*\[\s*[1-9]\d*\s*\]", after) and not re.search(r"\bif\b.*\belse\b", line):
            return holder.range().end.line + rest.count("\n", 0, use.start())
        return None
    return None


def _separator_tested(func: SgNode, call: SgNode, sep: str) -> bool:
    """The text is known to contain the separator: tested before the split (``includes``,
    ``contains``, ``Contains``, ``in``, ``indexOf``), or the split is inside a ``try``."""
    before = func.text()[: call.range().start.index - func.range().start.index]
    if re.search(r"\btry\b\s*[:{]", before):
        return True
    body = re.escape(sep[1:-1])
    return re.search(rf"(?:includes|contains|Contains|startsWith|HasPrefix|indexOf|Index|find|count|Count)\(\s*"
                     rf"(?:[^(),]+,\s*)?['\"]{body}['\"]|['\"]{body}['\"]\s+(?:not\s+)?in\b", before) is not None


