"""Zero taken for "absent": truthiness tests of values that may legitimately be 0.

* ``limit: int | None`` then ``if self.limit:``: ``limit=0`` (a real setting: keep nothing, no
  retries, no delay) is treated exactly like ``None`` (no limit). Reported for parameters and
  attributes annotated as optional numbers, tested by truthiness (``if x``, ``not x``, ``x and``).
* ``attempts && attempts < max`` / ``attempts and attempts < max``: the guard rejects 0, the very
  value the comparison would accept, so the first attempt never counts as below the limit. Limits
  (``max``, ``limit``, ``timeout``: 0 conventionally means "none") and dates are left alone.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.py_blocks import all_nodes

_NUMBER = {"int", "float", "Decimal", "timedelta"}
#: A limit where 0 conventionally means "none", or a date/time that is never 0: the guard is meant.
_LIMIT_OR_TIME = re.compile(r"(?i)max|limit|threshold|timeout|ttl|cap|quota|expir|date|time|deadline|at$")


@dataclass(frozen=True, slots=True)
class FalsyZero:
    line: int  # 1-based for Python facts, 0-based for tree-sitter facts (see callers)
    name: str
    how: str


def python_optional_numbers(tree: ast.Module) -> list[FalsyZero]:
    """Truthiness tests of parameters / ``self`` attributes annotated ``int | None`` and alike."""
    out: list[FalsyZero] = []
    annotated = [n for n in all_nodes(tree) if isinstance(n, (ast.arg, ast.AnnAssign))
                 and (n.annotation if isinstance(n, ast.arg) else n.annotation) is not None
                 and _optional_number(n.annotation)]
    if not annotated:
        return out
    attrs = {target.attr for node in annotated if isinstance(node, ast.AnnAssign)
             for target in [node.target] if isinstance(target, ast.Attribute)
             and isinstance(target.value, ast.Name) and target.value.id == "self" and _optional_number(node.annotation)}
    for func in all_nodes(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = {a.arg for a in func.args.args + func.args.kwonlyargs + func.args.posonlyargs
                  if a.annotation is not None and _optional_number(a.annotation)}
        rebound = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        params -= rebound
        if not params and not attrs:
            continue
        for test in _truth_tests(func):
            name = _tested_name(test)
            if name is None:
                continue
            if (name in params) or (name.startswith("self.") and name[5:] in attrs):
                out.append(FalsyZero(test.lineno, name, "tested for truth"))
    return _first_per_name(out)


def guard_then_compare(root: SgNode, family: str) -> list[FalsyZero]:
    """``x && x < y`` (JavaScript) / ``x and x < y`` (Python): the guard drops 0."""
    kinds = {"js": "binary_expression", "python": "boolean_operator"}
    if family not in kinds:
        return []
    op = "&&" if family == "js" else "and"
    out: list[FalsyZero] = []
    for node in root.find_all(kind=kinds[family]):
        left, right = node.field("left"), node.field("right")
        operator = node.field("operator")
        op_text = operator.text() if operator is not None else _between(node, left, right)
        if left is None or right is None or op_text != op:
            continue
        x = left.text()
        if not re.fullmatch(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*", x) or x in {"this", "self"} or \
                _LIMIT_OR_TIME.search(x.rsplit(".", 1)[-1]):
            continue
        r = " ".join(right.text().split())
        e = re.escape(x)
        if re.fullmatch(rf"{e}\s*<=?\s*[^<>=&|]+", r) or re.fullmatch(rf"[^<>=&|!]+\s*>=?\s*{e}", r):
            out.append(FalsyZero(node.range().start.line, x, f"`{' '.join(node.text().split())[:60]}`"))
    return out


def _between(node: SgNode, left: SgNode | None, right: SgNode | None) -> str:
    if left is None or right is None:
        return ""
    text = node.text()
    return text[left.range().end.index - node.range().start.index: right.range().start.index
                - node.range().start.index].strip()


def _optional_number(annotation: ast.expr) -> bool:
    text = ast.unparse(annotation).replace("typing.", "").replace(" ", "")
    parts = set(re.split(r"[|,\[\]]", text)) - {""}
    optional = "None" in parts or text.startswith("Optional[")
    return optional and bool(parts & _NUMBER) and not (parts - _NUMBER - {"None", "Optional", "Union"})


def _truth_tests(func: ast.AST) -> list[ast.expr]:
    tests: list[ast.expr] = []
    for node in ast.walk(func):
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tests.append(node.test)
    out: list[ast.expr] = []
    for test in tests:
        stack = [test]
        while stack:
            cur = stack.pop()
            if isinstance(cur, ast.BoolOp):
                stack.extend(cur.values)
            elif isinstance(cur, ast.UnaryOp) and isinstance(cur.op, ast.Not):
                stack.append(cur.operand)
            else:
                out.append(cur)
    return out


def _tested_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return f"self.{expr.attr}"
    return None


def _first_per_name(facts: list[FalsyZero]) -> list[FalsyZero]:
    seen: set[str] = set()
    out = []
    for fact in sorted(facts, key=lambda f: f.line):
        if fact.name not in seen:
            seen.add(fact.name)
            out.append(fact)
    return out
