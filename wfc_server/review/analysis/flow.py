"""Control-flow facts over tree-sitter trees for JavaScript/TypeScript, Go and Java.

No rule ids live here: these functions answer language-neutral questions (which statements can
never run, which variable is dereferenced before the code checks it for null, which file handle
is not released on every path) from one table of node kinds per language. Rule modules decide
what to report.

Everything is one walk per question over the statement lists of the file, so the cost is linear
in the size of the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ast_grep_py import SgNode


@dataclass(frozen=True, slots=True)
class Grammar:
    """The node kinds one language's control-flow questions need."""

    lists: frozenset[str]  # nodes whose named children are statements run in order
    jumps: frozenset[str]  # statements after which the rest of the list never runs
    functions: frozenset[str]
    hoisted: frozenset[str]  # statements that are reachable even after a jump (declarations, labels)
    member: dict[str, str]  # dereference node kind -> field holding the dereferenced object
    null: frozenset[str]  # literals meaning "no value"
    assigns: frozenset[str]  # nodes that (re)bind a name


GRAMMARS: dict[str, Grammar] = {
    "javascript": Grammar(
        lists=frozenset({"statement_block"}),
        jumps=frozenset({"return_statement", "throw_statement", "break_statement", "continue_statement"}),
        functions=frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                             "generator_function_declaration", "function", "generator_function"}),
        hoisted=frozenset({"function_declaration", "generator_function_declaration", "class_declaration",
                           "empty_statement", "comment", "interface_declaration", "type_alias_declaration"}),
        member={"member_expression": "object", "subscript_expression": "object"},
        null=frozenset({"null", "undefined"}),
        assigns=frozenset({"assignment_expression", "variable_declarator", "augmented_assignment_expression"}),
    ),
    "go": Grammar(
        lists=frozenset({"statement_list"}),
        jumps=frozenset({"return_statement", "break_statement", "continue_statement", "goto_statement"}),
        functions=frozenset({"function_declaration", "method_declaration", "func_literal"}),
        hoisted=frozenset({"labeled_statement", "empty_statement", "comment"}),
        member={"selector_expression": "operand", "index_expression": "operand"},
        null=frozenset({"nil"}),
        assigns=frozenset({"assignment_statement", "short_var_declaration", "var_spec"}),
    ),
    "java": Grammar(
        lists=frozenset({"block"}),
        jumps=frozenset({"return_statement", "throw_statement", "break_statement", "continue_statement"}),
        functions=frozenset({"method_declaration", "constructor_declaration", "lambda_expression"}),
        hoisted=frozenset({"local_class_declaration", "class_declaration", "comment"}),
        member={"field_access": "object", "method_invocation": "object", "array_access": "array"},
        null=frozenset({"null_literal"}),
        assigns=frozenset({"assignment_expression", "variable_declarator"}),
    ),
}
GRAMMARS["typescript"] = GRAMMARS["javascript"]
GRAMMARS["tsx"] = GRAMMARS["javascript"]


def _statements(block: SgNode) -> list[SgNode]:
    """The statements of a block; comments are not statements (a trailing comment must not break
    "the statement after this one")."""
    return [c for c in block.children() if c.is_named() and "comment" not in c.kind()]


def _lists(root: SgNode, grammar: Grammar) -> Iterator[SgNode]:
    for kind in grammar.lists:
        yield from root.find_all(kind=kind)


def _ends_flow(stmt: SgNode, grammar: Grammar, language: str) -> bool:
    if stmt.kind() in grammar.jumps:
        return True
    if language == "go" and stmt.kind() == "expression_statement":
        return re.match(r"(panic|os\.Exit|log\.Fatal\w*)\(", stmt.text()) is not None
    return False


def unreachable(root: SgNode, language: str) -> list[int]:
    """0-based lines of the first statement after a return/throw/break/continue/panic in a list."""
    grammar = GRAMMARS[language]
    out = []
    for block in _lists(root, grammar):
        stmts = _statements(block)
        for i, stmt in enumerate(stmts[:-1]):
            if not _ends_flow(stmt, grammar, language):
                continue
            rest = [s for s in stmts[i + 1:] if s.kind() not in grammar.hoisted]
            if rest and not _is_label_target(rest[0], language):
                out.append(rest[0].range().start.line)
            break
    return out


def _is_label_target(stmt: SgNode, language: str) -> bool:
    """A Go ``goto`` label or a JS labelled loop can be jumped to; its statement is reachable."""
    return stmt.kind() in {"labeled_statement", "label"}


@dataclass(frozen=True, slots=True)
class LateCheck:
    """``name`` is dereferenced at ``use_line`` and only checked for null at ``check_line``."""

    name: str
    use_line: int
    check_line: int


def checks_after_use(root: SgNode, language: str) -> list[LateCheck]:
    """Variables dereferenced in one statement and compared with null in a later sibling.

    Both statements sit in the same statement list, nothing rebinds the name in between, the
    dereferencing statement does not itself test the name, and the later statement tests it
    (``x == null``, ``x != nil``, ``!x`` / ``x`` as an ``if`` condition): if the value can be null
    the earlier line fails first; if it cannot, the check is dead and misleads the reader.
    """
    grammar = GRAMMARS[language]
    out: list[LateCheck] = []
    for check in root.find_all(kind="if_statement"):
        tested = _null_tested(check, grammar, language)
        parent = check.parent()
        if not tested or parent is None or parent.kind() not in grammar.lists:
            continue
        earlier = [s for s in check.prev_all() if s.is_named()][:_LOOKBACK]  # nearest first
        for name in sorted(tested):
            mention = re.compile(rf"(?<![\w$.]){re.escape(name)}\b")
            first: int | None = None
            for stmt in earlier:
                text = stmt.text()
                if not mention.search(text):
                    continue
                if name in _rebound(stmt, grammar):
                    break  # the value checked later is not the one used before
                if stmt.kind() not in grammar.functions and not _null_tested(stmt, grammar, language):
                    lines = [line for used, line in _dereferenced(stmt, grammar) if used == name]
                    if lines:
                        first = min(lines)
            if first is not None:
                out.append(LateCheck(name, first, check.range().start.line))
    return out


#: How many earlier statements of the same list a null check looks back over.
_LOOKBACK = 40


#: Nodes whose parts run only sometimes: a dereference inside them is not unconditional.
_CONDITIONAL = frozenset({
    "statement_block", "block", "else_clause", "if_statement", "for_statement", "for_in_statement",
    "while_statement", "do_statement", "switch_statement", "try_statement", "catch_clause",
    "ternary_expression", "conditional_expression", "enhanced_for_statement", "expression_switch_statement",
    "type_switch_statement", "select_statement", "for_clause", "range_clause", "switch_block",
    "binary_expression",
})


def _unconditional(node: SgNode, stmt: SgNode, grammar: Grammar) -> bool:
    """``node`` runs whenever ``stmt`` runs: not inside a nested function, branch, loop body or the
    right side of a short-circuit (the condition of ``stmt`` itself counts as unconditional)."""
    cur = node.parent()
    condition = stmt.field("condition") if stmt.kind() == "if_statement" else None
    while cur is not None and cur != stmt:
        if condition is not None and cur == condition:
            return True
        if cur.kind() in grammar.functions:
            return False
        if cur.kind() in _CONDITIONAL and not (cur.kind() == "binary_expression" and not re.search(
                r"&&|\|\||\?\?", _operator(cur))):
            return False
        cur = cur.parent()
    return True


def _operator(node: SgNode) -> str:
    op = node.field("operator")
    return op.text() if op is not None else ""


def _dereferenced(stmt: SgNode, grammar: Grammar) -> Iterator[tuple[str, int]]:
    """Plain identifiers whose member / element is read whenever ``stmt`` runs (not in nested
    functions or branches, not behind optional chaining or a short-circuit test of the name)."""
    text = stmt.text()
    for kind, field_name in grammar.member.items():
        for node in stmt.find_all(kind=kind):
            obj = node.field(field_name)
            if obj is None or obj.kind() != "identifier":
                continue
            name = obj.text()
            if "?." in node.text()[: len(name) + 2] or re.search(
                    rf"\b{re.escape(name)}\s*(&&|\?\?|\|\||!=|==|\?)", text):
                continue
            if _unconditional(node, stmt, grammar):
                yield name, node.range().start.line


def _null_tested(stmt: SgNode, grammar: Grammar, language: str) -> set[str]:
    """Names an ``if`` statement's whole condition compares with null (``x == null``, ``x != nil``,
    in JS also ``!x``); a test inside ``a && x != null`` is a defensive extra, not the check."""
    names: set[str] = set()
    if stmt.kind() != "if_statement":
        return names
    cond = stmt.field("condition")
    while cond is not None and cond.kind() == "parenthesized_expression":
        inner = [c for c in cond.children() if c.is_named()]
        cond = inner[0] if len(inner) == 1 else None
    if cond is None:
        return names
    if cond.kind() == "binary_expression" and re.fullmatch(r"[=!]==?", _operator(cond)):
        left, right = cond.field("left"), cond.field("right")
        if left is not None and right is not None:
            for a, b in ((left, right), (right, left)):
                if a.kind() == "identifier" and (b.kind() in grammar.null or b.text() in {"null", "nil", "undefined"}):
                    names.add(a.text())
    if language in {"javascript", "typescript", "tsx"} and cond.kind() == "unary_expression" and \
            cond.text().startswith("!"):
        arg = cond.field("argument")
        if arg is not None and arg.kind() == "identifier":
            names.add(arg.text())
    return names


def _rebound(stmt: SgNode, grammar: Grammar) -> set[str]:
    names: set[str] = set()
    for kind in grammar.assigns:
        for node in [stmt] if stmt.kind() == kind else []:
            names |= _bound_names(node)
        for node in stmt.find_all(kind=kind):
            names |= _bound_names(node)
    return names


def _bound_names(node: SgNode) -> set[str]:
    target = node.field("left") or node.field("name")
    if target is None:
        return set()
    return set(re.findall(r"[A-Za-z_$][\w$]*", target.text()))


@dataclass(frozen=True, slots=True)
class OpenHandle:
    name: str
    line: int  # 0-based line of the open
    reason: str  # "never closed" | "not closed when returning at line N"


#: Go calls that return a file / connection the caller must close.
_GO_OPENERS = re.compile(r"^(os\.(Open|Create|OpenFile)|net\.Dial(Timeout)?|tls\.Dial|sql\.Open|zip\.OpenReader)\(")
#: Calls that borrow a handle without taking ownership of closing it.
_GO_BORROWERS = re.compile(r"\b(bufio\.New\w+|io\.(Copy\w*|ReadAll|ReadFull|WriteString|TeeReader|LimitReader)|"
                           r"json\.New(De|En)coder|csv\.New(Reader|Writer)|gzip\.New(Reader|Writer)|"
                           r"fmt\.Fp?rint\w*|xml\.New(De|En)coder|yaml\.New(De|En)coder|tar\.New(Reader|Writer)|"
                           r"zip\.New(Reader|Writer)|ioutil\.ReadAll|scanner|\w+\.Write\w*|\w+\.Read\w*)\(")


def go_unreleased(func: SgNode) -> list[OpenHandle]:
    """Handles opened in a Go function that are not closed on every path and do not escape it."""
    body = func.field("body")
    if body is None:
        return []
    text = body.text()
    base = body.range().start.index
    out = []
    for decl in body.find_all(kind="short_var_declaration"):
        left, right = decl.field("left"), decl.field("right")
        if left is None or right is None or not _GO_OPENERS.match(right.text()):
            continue
        names = [c.text() for c in left.children() if c.is_named()]
        if not names or names[0] == "_":
            continue
        name = re.escape(names[0])
        if re.search(rf"defer\s+(func\s*\(\)\s*\{{[^}}]*)?\b{name}\.Close\(\)", text) or _escapes(name, text):
            continue
        start = decl.range().end.index - base
        close = re.search(rf"\b{name}\.Close\(\)", text[start:])
        if close is None:
            out.append(OpenHandle(names[0], decl.range().start.line, "never closed"))
            continue
        early = _early_return(text, start, start + close.start(), names)
        if early is not None:
            line = decl.range().start.line + text[decl.range().start.index - base: early].count("\n")
            out.append(OpenHandle(names[0], decl.range().start.line, f"not closed on the return at line {line + 1}"))
    return out


def _escapes(name: str, text: str) -> bool:
    """The handle leaves the function: returned, stored, or handed to a function that keeps it."""
    if re.search(rf"\breturn\b[^\n]*\b{name}\b(?!\s*\.)", text) or re.search(rf"[.\w\]]\s*=\s*&?{name}\s*$", text, re.MULTILINE):
        return True
    if re.search(rf"[{{,][ \t]*(\w+[ \t]*:[ \t]*)?{name}[ \t]*[,}}](?![ \t]*[\w, \t]*:?=)", text) or re.search(
            rf"\bgo\s+[^\n]*\b{name}\b", text):
        return True
    for m in re.finditer(rf"(\b[\w.]+)\(([^()\n]*\b{name}\b[^()\n]*)\)", text):
        if not _GO_BORROWERS.match(m.group(0)) and not m.group(1).startswith(f"{name}."):
            return True
    return False


def _early_return(text: str, start: int, end: int, names: list[str]) -> int | None:
    """The first ``return`` between the open and the close that is not the open's own error
    check (``if err != nil { return ... }`` right after it)."""
    segment = text[start:end]
    err = names[1] if len(names) > 1 else "err"
    for m in re.finditer(r"\breturn\b", segment):
        if "\n" not in segment[m.end():]:
            continue  # `return f.Close()`: the close is part of this return
        before = re.sub(r"//[^\n]*|/\*.*?\*/", "", segment[: m.start()], flags=re.DOTALL)
        if re.fullmatch(rf"\s*if\s+{re.escape(err)}\s*!=\s*nil\s*\{{[^{{}}]*", before):
            continue  # the open failed: there is nothing to close
        return start + m.start()
    return None


@dataclass(frozen=True, slots=True)
class UseAfterFailure:
    """``name`` from a call that failed (its error branch carries on) is dereferenced at ``line``."""

    name: str
    call_line: int
    line: int


#: Go calls whose first result is a pointer / interface that is nil when the error is not.
_GO_NIL_ON_ERROR = re.compile(
    r"^(http\.(Get|Post|Head|PostForm|NewRequest\w*|ReadRequest|ReadResponse)|[\w.]+\.Do|os\.(Open|Create|OpenFile|"
    r"Stat|Lstat|ReadDir)|\w*[cC]lient\w*\.(Get|Post|Head|PostForm)|sql\.Open|url\.Parse(RequestURI)?|"
    r"regexp\.Compile\w*|net\.(Dial\w*|Listen\w*)|"
    r"tls\.(Dial|Listen)|template\.(New|ParseFiles|ParseGlob|ParseFS)|x509\.Parse\w+|[\w.]+\.Query(Context)?|"
    r"zip\.OpenReader|gzip\.NewReader|[\w.]+\.Accept|user\.(Current|Lookup\w*)|filepath\.Abs)\(")
_GO_STOPS = re.compile(r"\breturn\b|\bpanic\(|os\.Exit\(|\.Fatal\w*\(|\bcontinue\b|\bbreak\b|\bgoto\b|\.FailNow\(")


def go_used_after_failure(root: SgNode, pointer_funcs: frozenset[str]) -> list[UseAfterFailure]:
    """``x, err := f(); if err != nil { log(err) }; x.Field``: the branch does not leave, so on the
    error path ``x`` is nil and the later dereference panics. ``pointer_funcs`` names functions of
    the file whose first result is a pointer (they are nil on error too)."""
    grammar = GRAMMARS["go"]
    out = []
    for block in root.find_all(kind="statement_list"):
        stmts = _statements(block)
        for i, stmt in enumerate(stmts[:-2]):
            if stmt.kind() != "short_var_declaration":
                continue
            left, right = stmt.field("left"), stmt.field("right")
            if left is None or right is None:
                continue
            names = [c.text() for c in left.children() if c.is_named()]
            call = right.text()
            callee = re.match(r"([\w.]+)\(", call)
            if len(names) != 2 or names[0] == "_" or callee is None or not (
                    _GO_NIL_ON_ERROR.match(call) or callee.group(1).rsplit(".", 1)[-1] in pointer_funcs):
                continue
            check = stmts[i + 1]
            cond = check.field("condition") if check.kind() == "if_statement" else None
            if cond is None or not re.fullmatch(rf"{re.escape(names[1])}\s*!=\s*nil", cond.text().strip()) or \
                    check.field("alternative") is not None:
                continue
            consequence = check.field("consequence")
            if consequence is None or _GO_STOPS.search(consequence.text()):
                continue
            for later in stmts[i + 2:]:
                if names[0] in _rebound(later, grammar):
                    break
                uses = [line for used, line in _dereferenced(later, grammar) if used == names[0]]
                if uses:
                    out.append(UseAfterFailure(names[0], stmt.range().start.line, min(uses)))
                    break
    return out


def go_pointer_funcs(root: SgNode) -> frozenset[str]:
    """Functions / methods of the file declared as returning ``(*T, error)``."""
    names = set()
    for kind in ("function_declaration", "method_declaration"):
        for func in root.find_all(kind=kind):
            result, name = func.field("result"), func.field("name")
            if result is not None and name is not None and re.match(r"\(\s*\*[\w.]+\s*,\s*error\s*\)", result.text()):
                names.add(name.text())
    return frozenset(names)
