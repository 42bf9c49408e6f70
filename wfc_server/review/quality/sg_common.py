"""Helpers for the ast-grep (tree-sitter) rules: parsing once, lines, loops, enclosing functions."""

from __future__ import annotations

import functools

from ast_grep_py import SgNode, SgRoot

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit

#: ast-grep language per SourceFile.language (TSX needs its own grammar).
LANGUAGES = {"javascript": "javascript", "typescript": "typescript", "go": "go", "java": "java"}

LOOP_KINDS = frozenset(
    {
        "for_statement",
        "for_in_statement",
        "while_statement",
        "do_statement",
        "enhanced_for_statement",
    }
)
FUNCTION_KINDS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "function",
        "method_declaration",
        "func_literal",
        "constructor_declaration",
        "lambda_expression",
    }
)


#: Shared by every C-like grammar (Java, JavaScript, TypeScript).
MISLEADING_INDENT = Check(
    "WFC-COR-MISLEADING-INDENT",
    "The `if` has no braces, so only its first statement is guarded; the next, equally indented"
    " statement always runs.",
)

#: `indexOf(x) > 0` in Java and JavaScript (each language words its own suggestion).
INDEX_OF_GT_ZERO = Check(
    "WFC-COR-FIND-GT-ZERO",
    "indexOf returns 0 for a match at the start and -1 when absent; `> 0` treats a match at "
    "position 0 as not found.",
)


def find_kind(node: SgNode, kind: str) -> list[SgNode]:
    """``node.find_all(kind=kind)``, or nothing when the grammar has no such kind."""
    try:
        return node.find_all(kind=kind)
    except RuntimeError:
        return []


def find_kinds(node: SgNode, kinds: frozenset[str], grammar: str) -> list[SgNode]:
    """All nodes of any of ``kinds`` in one query (kinds the grammar lacks are ignored)."""
    valid = _valid_kinds(grammar, kinds)
    if not valid:
        return []
    return node.find_all(any=[{"kind": kind} for kind in valid])


@functools.lru_cache(maxsize=64)
def _valid_kinds(grammar: str, kinds: frozenset[str]) -> tuple[str, ...]:
    probe = SgRoot("", grammar).root()
    return tuple(sorted(k for k in kinds if _kind_exists(probe, k)))


def _kind_exists(probe: SgNode, kind: str) -> bool:
    try:
        probe.find_all(kind=kind)
    except RuntimeError:
        return False
    return True


def grammar_for(source: SourceFile) -> str | None:
    """The ast-grep grammar for ``source`` (TSX needs its own)."""
    lang = LANGUAGES.get(source.language)
    if lang == "typescript" and source.path.endswith(".tsx"):
        return "tsx"
    return lang


def root_for(source: SourceFile) -> SgNode | None:
    """The syntax tree of ``source`` (None for languages without ast-grep rules)."""
    grammar = grammar_for(source)
    return _parse(grammar, source.text).root() if grammar else None


@functools.lru_cache(maxsize=8)
def _parse(lang: str, text: str) -> SgRoot:
    """One parse per text, shared by the rule modules and the nesting metric."""
    return SgRoot(text, lang)


def line_of(node: SgNode) -> int:
    return node.range().start.line + 1


def end_of(node: SgNode) -> int:
    return node.range().end.line + 1


def enclosing_loops(node: SgNode) -> list[SgNode]:
    """Loops around ``node`` up to (not beyond) its enclosing function, innermost first."""
    loops = []
    for anc in node.ancestors():
        kind = anc.kind()
        if kind in FUNCTION_KINDS:
            break
        if kind in LOOP_KINDS:
            loops.append(anc)
    return loops


def enclosing_function(node: SgNode) -> SgNode | None:
    """The innermost function around ``node``. Looked up in a map built once per tree, top
    down: tree-sitter finds a node's parent by descending from the root, so walking every
    block's ancestors made deeply nested code cubic in its depth."""
    functions = _enclosing_functions(node.get_root())
    if node in functions:
        return functions[node]
    for anc in node.ancestors():  # not reached for nodes of this tree; kept for safety
        if anc.kind() in FUNCTION_KINDS:
            return anc
    return None


@functools.lru_cache(maxsize=8)
def _enclosing_functions(root: SgRoot) -> dict[SgNode, SgNode | None]:
    """Every node of ``root`` -> its innermost enclosing function (None at module level)."""
    found: dict[SgNode, SgNode | None] = {}
    stack: list[tuple[SgNode, SgNode | None]] = [(root.root(), None)]
    while stack:
        node, function = stack.pop()
        found[node] = function
        inner = node if node.kind() in FUNCTION_KINDS else function
        stack.extend((child, inner) for child in node.children())
    return found


def identifiers(node: SgNode) -> set[str]:
    kinds = ("identifier", "shorthand_property_identifier")
    found = {n.text() for kind in kinds for n in find_kind(node, kind)}
    if node.kind() in kinds:
        found.add(node.text())
    return found


def loop_bound_names(loop: SgNode) -> set[str]:
    """Names introduced by a loop header (``for x of xs``, ``for _, id := range ids``, ...)."""
    names: set[str] = set()
    body = loop.field("body")
    for child in loop.children():
        if body is not None and child.range() == body.range():
            continue
        kind = child.kind()
        if kind in {
            "identifier",
            "lexical_declaration",
            "variable_declaration",
            "local_variable_declaration",
            "range_clause",
            "for_clause",
            "array_pattern",
            "object_pattern",
        }:
            if kind == "range_clause":
                left = child.field("left")
                if left is not None:
                    names |= identifiers(left)
            elif kind == "for_clause":
                init = child.field("initializer")
                if init is not None:
                    names |= identifiers(init.field("left") or init)
            else:
                names |= identifiers(child)
    if loop.kind() in {"for_in_statement"}:
        left = loop.field("left")
        if left is not None:
            names |= identifiers(left)
    if loop.kind() == "enhanced_for_statement":
        name = loop.field("name")
        if name is not None:
            names.add(name.text())
    # Names declared inside the body derive from the iteration too.
    if body is not None:
        for decl in find_kind(body, "variable_declarator"):
            name = decl.field("name")
            if name is not None and name.kind() == "identifier":
                names.add(name.text())
        for decl in find_kind(body, "short_var_declaration"):
            left = decl.field("left")
            if left is not None:
                names |= identifiers(left)
    return names - {"_"}


def block_statements(block: SgNode) -> list[SgNode]:
    """Named children inside a ``{...}`` block; a trailing comment after ``}`` (which
    tree-sitter attaches to the block) is not part of it."""
    closing = [c for c in block.children() if c.kind() == "}"]
    end = closing[-1].range().start if closing else None
    out = []
    for child in block.children():
        if not child.is_named():
            continue
        start = child.range().start
        if end is not None and (start.line, start.column) > (end.line, end.column):
            continue
        out.append(child)
    return out


def next_statement(node: SgNode) -> SgNode | None:
    """The next named sibling that is not a comment."""
    following = node.next()
    while following is not None and (
        not following.is_named() or following.kind().endswith("comment")
    ):
        following = following.next()
    return following


def misleading_indentation(node: SgNode, source: SourceFile) -> list[RawFinding]:
    """Brace-less ``if`` whose next statement is indented like the guarded one (C-like syntax)."""
    body = node.field("consequence")
    if body is None or body.kind() in {"statement_block", "block"} or node.field("alternative"):
        return []
    following = node.next()
    if following is None or not following.is_named() or following.kind().endswith("comment"):
        return []
    start, nxt, head = body.range().start, following.range().start, node.range().start
    if start.line == head.line or nxt.line <= start.line:
        return []  # `if (x) a(); b();` on one line, or nothing after
    if nxt.column == start.column and start.column > head.column:
        return [emit(MISLEADING_INDENT, source, nxt.line + 1, "ast-grep")]
    return []


def is_async_function(func: SgNode | None) -> bool:
    if func is None:
        return False
    return any(child.kind() == "async" or child.text() == "async" for child in func.children())


def trailing_call(statements: list[SgNode]) -> SgNode | None:
    """The call made by the last of ``statements`` when it is a bare call statement."""
    if not statements or statements[-1].kind() != "expression_statement":
        return None
    call = next((c for c in statements[-1].children() if c.is_named()), None)
    return call if call is not None and call.kind() == "call_expression" else None


def responded_then_continued(
    statement: SgNode, source: SourceFile, rule: Check, name: str
) -> RawFinding:
    """The finding for an ``if`` branch that responds (``name``) and lets the code run on."""
    return emit(rule, source, line_of(statement), "ast-grep", detail=f"(`{name}`)")


def query_per_iteration(
    node: SgNode, source: SourceFile, loops: list[SgNode], rule: Check, name: str
) -> list[RawFinding]:
    """An N+1 finding for query call ``node`` when its arguments vary with the enclosing loops."""
    if not varies_with_loop(node, loops):
        return []
    return [
        emit(
            rule,
            source,
            line_of(node),
            "ast-grep",
            end_line=end_of(node),
            detail=f"`{name}` runs once per iteration of the loop at line {line_of(loops[0])}.",
        )
    ]


def varies_with_loop(call: SgNode, loops: list[SgNode]) -> bool:
    """Whether ``call``'s arguments use a name the loops bind or declare per iteration."""
    args = call.field("arguments")
    varying = set().union(*(loop_bound_names(loop) for loop in loops))
    return args is not None and bool(varying & identifiers(args))


def compile_in_loop(
    call: SgNode, source: SourceFile, loops: list[SgNode], rule: Check
) -> RawFinding:
    """A regex compiled in a loop: costly when the pattern is constant; when it is built from the
    iteration's data there is nothing to hoist, so that is only worth a low note."""
    severity = "low" if varies_with_loop(call, loops) else None
    return emit(rule, source, line_of(call), "ast-grep", severity=severity)
