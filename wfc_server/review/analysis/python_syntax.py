"""Python of any supported version, parsed on whatever interpreter runs the review.

``ast`` only knows the grammar of the running interpreter, so on a 3.11 host a file that uses
3.12+ syntax (PEP 695 type parameters and ``type`` aliases, PEP 701 f-strings that reuse their
quote inside a replacement field, PEP 758 ``except A, B:``) would not parse, and every rule built on
``ast`` (ours and bandit's) would silently skip it. :func:`parse_module` parses such a file through
a *downlevel*: tree-sitter (which does not depend on the host grammar) finds the new constructs and
rewrites them into 3.11 syntax that keeps every line, and every column that a finding can point
at, in place. Type parameters are blanked rather than defined: rules on the AST do not judge
undefined names (ruff does, on the original text), so no false alarm appears for them.
"""

from __future__ import annotations

import ast
import warnings

from ast_grep_py import SgNode, SgRoot

_Edit = tuple[int, int, str]  # start, end (character offsets), replacement


def parse_module(text: str, filename: str = "<unknown>") -> tuple[ast.Module, str] | None:
    """The module AST and the text it was parsed from (``text`` itself, or its downlevel)."""
    tree = _parse(text, filename)
    if tree is not None:
        return tree, text
    lowered = downlevel(text)
    if lowered == text:
        return None
    tree = _parse(lowered, filename)
    return (tree, lowered) if tree is not None else None


def _parse(text: str, filename: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def downlevel(text: str) -> str:
    """``text`` with 3.12-3.14 constructs rewritten for older parsers, line for line."""
    try:
        root = SgRoot(text, "python").root()
    except Exception:  # noqa: BLE001 - no downlevel is possible; the caller reports the file
        return text
    edits: list[_Edit] = []
    for node in root.find_all(kind="type_parameter"):
        parent = node.parent()
        if parent is not None and parent.kind() in {"function_definition", "class_definition"}:
            edits.append(_blank(node, text))
    for node in root.find_all(kind="type_alias_statement"):
        edits.extend(_type_alias(node, text))
    for node in root.find_all(kind="except_clause"):
        edits.extend(_except_tuple(node))
    for node in root.find_all(kind="string"):
        edits.extend(_fstring_quotes(node))
    return _apply(text, edits)


def _span(node: SgNode) -> tuple[int, int]:
    rng = node.range()
    return rng.start.index, rng.end.index


def _blank(node: SgNode, text: str) -> _Edit:
    start, end = _span(node)
    return start, end, "".join(c if c == "\n" else " " for c in text[start:end])


def _type_alias(node: SgNode, text: str) -> list[_Edit]:
    """``type Name[T] = value`` -> ``Name =          value`` (the value keeps its column)."""
    children = [c for c in node.children() if c.is_named()]
    if len(children) < 2:
        return []
    name_node, value = children[0], children[-1]
    name = name_node.text().split("[", 1)[0].strip()
    start, _ = _span(node)
    value_start, _ = _span(value)
    head = text[start:value_start]
    if "\n" in head or len(name) + 3 > len(head):
        return []
    return [(start, value_start, f"{name} =".ljust(len(head)))]


def _except_tuple(node: SgNode) -> list[_Edit]:
    """``except A, B:`` -> ``except(A, B):`` (PEP 758 without parentheses)."""
    children = node.children()
    if len(children) < 4 or children[0].kind() != "except" or not any(c.kind() == "," for c in children):
        return []
    if children[1].kind() in {"(", "tuple", "parenthesized_expression"} or children[1].text() == "*":
        return []
    colon = next((c for c in children if c.kind() == ":"), None)
    if colon is None:
        return []
    _, keyword_end = _span(children[0])
    first_start, _ = _span(children[1])
    colon_start, _ = _span(colon)
    if first_start - keyword_end < 1:
        return []
    return [(keyword_end, keyword_end + 1, "("), (colon_start, colon_start, ")")]


_OTHER_QUOTE = {'"': "'", "'": '"'}


def _fstring_quotes(node: SgNode) -> list[_Edit]:
    """Strings inside an f-string's replacement fields that reuse its quote get the other one."""
    start = node.field("string_start") if hasattr(node, "field") else None
    opener = (start or node).text()
    prefix = opener.rstrip("'\"").lower()
    if "f" not in prefix or opener.endswith(("'''", '"""')):
        return []
    quote = opener[-1]
    edits: list[_Edit] = []
    for field in node.children():
        if field.kind() != "interpolation":
            continue
        for inner in field.find_all(kind="string"):
            inner_open = inner.children()[0].text() if inner.children() else ""
            inner_text = inner.text()
            if not inner_open.endswith(quote) or inner_open.endswith(quote * 3):
                continue
            body = inner_text[len(inner_open):-1]
            other = _OTHER_QUOTE[quote]
            if other in body or "\\" in body:
                continue
            begin, end = _span(inner)
            edits.append((begin + len(inner_open) - 1, begin + len(inner_open), other))
            edits.append((end - 1, end, other))
    return edits


def _apply(text: str, edits: list[_Edit]) -> str:
    out: list[str] = []
    position = 0
    for start, end, replacement in sorted(set(edits)):
        if start < position:
            continue  # overlapping rewrite (nested construct): keep the first
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)
