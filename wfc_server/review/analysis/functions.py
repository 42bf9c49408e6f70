"""The node kinds that open a function in each grammar the tree-sitter analyses read, and the
walk from a node up to its function: the scope most per-function facts are taken in."""

from __future__ import annotations

from ast_grep_py import SgNode

#: family ("js" for JavaScript and TypeScript, "java", "go", "python") -> function node kinds.
FUNCTION_KINDS: dict[str, frozenset[str]] = {
    "js": frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                     "function", "generator_function_declaration"}),
    "java": frozenset({"method_declaration", "constructor_declaration", "lambda_expression"}),
    "go": frozenset({"function_declaration", "method_declaration", "func_literal"}),
    "python": frozenset({"function_definition", "lambda"}),
}


def enclosing_function(node: SgNode, family: str) -> SgNode | None:
    """The innermost function around ``node`` (never ``node`` itself); None at module level."""
    kinds = FUNCTION_KINDS[family]
    cur = node.parent()
    while cur is not None and cur.kind() not in kinds:
        cur = cur.parent()
    return cur


def short(text: str) -> str:
    """Code quoted in a finding: whitespace collapsed, at most 60 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
