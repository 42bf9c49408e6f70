"""Which ruff rules the reviewers use, and what each one means for a code review.

Severity is set by impact, not copied from ruff (ruff calls everything "error"). Style rules are
deliberately absent. Rules whose truth depends on seeing the whole module (undefined names)
only apply to complete files.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import difflib
import re

from wfc_server.review.tools.ruff import RuffFileResult, run_ruff
from wfc_server.review.model import AnalysisInput, RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.sparse import prepare

_C = "correctness"

#: Rules that need the whole module to be true (names defined elsewhere in unseen lines).
#: Scope errors are too: in a partial file the enclosing def/loop/try may be outside the hunk.
NEEDS_COMPLETE: frozenset[str] = frozenset(
    {
        "F821",
        "F811",
        "F823",
        "F706",
        "F701",
        "F702",
        "F704",
        "PLE1142",
        "PLE0704",
        "PLE0116",
    }
)


def _r(code: str, rule_id: str, description: str, **overrides: object) -> tuple[str, Check]:
    return code, Check(rule_id, description, **overrides)  # type: ignore[arg-type]


#: ruff code -> the registered rule it reports (several codes may report one rule).
RUFF_RULES: dict[str, Check] = dict(
    [
        _r(
            "F821",
            "WFC-COR-UNDEFINED-NAME",
            "This name is not defined anywhere in the module; the line raises NameError when it runs.",
        ),
        _r(
            "F823",
            "WFC-COR-UNBOUND-LOCAL",
            "The name is assigned later in this function, so Python treats it as local and "
            "this read raises UnboundLocalError.",
        ),
        _r(
            "F811",
            "WFC-COR-REDEFINED-UNUSED",
            "A definition is replaced before it was ever used; one of the two is probably a mistake.",
        ),
        _r(
            "F632",
            "WFC-COR-IS-LITERAL",
            "`is` compares identity, not value; with str/int literals the result depends on "
            "interning and is often False for equal values.",
        ),
        _r(
            "B006",
            "WFC-COR-MUTABLE-DEFAULT",
            "The default object is created once and shared by every call, so mutations leak "
            "between calls.",
        ),
        _r(
            "B012",
            "WFC-COR-JUMP-IN-FINALLY",
            "A jump in `finally` silently discards any exception raised in the try block.",
        ),
        _r(
            "PLE0116",
            "WFC-COR-JUMP-IN-FINALLY",
            "`continue` in `finally` silently discards any exception raised in the try block.",
        ),
        _r(
            "PLR0124",
            "WFC-COR-SELF-COMPARE",
            "Comparing an expression with itself is always true (or always false); the other "
            "operand was probably meant to be different.",
        ),
        _r(
            "PLR0133",
            "WFC-COR-CONSTANT-COMPARE",
            "Both operands are constants, so the condition never changes.",
        ),
        _r(
            "E711",
            "WFC-COR-NONE-EQUALITY",
            "`== None` calls __eq__, which objects can override (ORMs, numpy); identity is meant.",
        ),
        _r(
            "F601",
            "WFC-COR-DUPLICATE-DICT-KEY",
            "The same key appears twice with different values; the earlier value is silently lost.",
        ),
        _r(
            "F631",
            "WFC-COR-ASSERT-TUPLE",
            "`assert (cond, msg)` asserts a non-empty tuple, which is always truthy; the "
            "check never fires.",
        ),
        _r(
            "PLW0129",
            "WFC-COR-ASSERT-CONSTANT",
            "A non-empty string is always truthy, so the assertion never fails.",
        ),
        _r(
            "B015",
            "WFC-COR-USELESS-COMPARISON",
            "The comparison is evaluated and thrown away; an assert or assignment was probably meant.",
        ),
        _r(
            "B020",
            "WFC-COR-LOOP-VAR-OVERRIDES-ITERABLE",
            "The loop target rebinds the name being iterated, which later code then sees changed.",
        ),
        _r(
            "B023",
            "WFC-COR-LATE-BINDING-CLOSURE",
            "The function reads the loop variable when called, not when defined, so every "
            "closure sees the last value.",
        ),
        _r(
            "PLE1142",
            "WFC-COR-AWAIT-OUTSIDE-ASYNC",
            "`await` in a regular function is a SyntaxError at import time.",
        ),
        _r(
            "F706",
            "WFC-COR-RETURN-OUTSIDE-FUNCTION",
            "This is a SyntaxError when the module is imported.",
        ),
        _r(
            "F701",
            "WFC-COR-BREAK-OUTSIDE-LOOP",
            "This is a SyntaxError when the module is imported.",
        ),
        _r(
            "F702",
            "WFC-COR-CONTINUE-OUTSIDE-LOOP",
            "This is a SyntaxError when the module is imported.",
        ),
        _r(
            "F704",
            "WFC-COR-YIELD-OUTSIDE-FUNCTION",
            "This is a SyntaxError when the module is imported.",
        ),
        _r(
            "PLE0101",
            "WFC-COR-RETURN-IN-INIT",
            "Returning a value from __init__ raises TypeError when the object is created.",
        ),
        _r(
            "B002",
            "WFC-COR-PREFIX-INCREMENT",
            "Python has no increment operator; `++x` is two unary plus signs and leaves x unchanged.",
        ),
        _r(
            "PLW0127",
            "WFC-COR-SELF-ASSIGNMENT",
            "Assigning a name to itself does nothing; a different source was probably meant.",
        ),
        _r(
            "F502",
            "WFC-COR-FORMAT-MISMATCH",
            "The format string uses named fields but the argument is not a mapping: TypeError.",
        ),
        _r(
            "F507",
            "WFC-COR-FORMAT-MISMATCH",
            "The number of placeholders and arguments differ: TypeError at runtime.",
            confidence=90,
        ),
        _r(
            "F521",
            "WFC-COR-FORMAT-MISMATCH",
            "The format string cannot be parsed: ValueError at runtime.",
        ),
        _r(
            "F524",
            "WFC-COR-FORMAT-MISMATCH",
            "A placeholder has no matching argument: IndexError/KeyError at runtime.",
            confidence=90,
        ),
        _r(
            "PLE1205",
            "WFC-COR-LOG-FORMAT-MISMATCH",
            "The log call has more arguments than placeholders, so logging reports a "
            "formatting error instead of the message.",
        ),
        _r(
            "PLE1206",
            "WFC-COR-LOG-FORMAT-MISMATCH",
            "The log call has fewer arguments than placeholders, so the record fails to format.",
        ),
        _r(
            "B034",
            "WFC-COR-RE-POSITIONAL-FLAGS",
            "The 4th positional argument of re.sub is `count`, not `flags`; the flag is "
            "silently used as a count.",
        ),
        _r(
            "PLW0711",
            "WFC-COR-EXCEPT-BINARY-OP",
            "`A or B` evaluates to A, so B is never caught.",
        ),
        _r(
            "B030",
            "WFC-COR-EXCEPT-NON-EXCEPTION",
            "The except expression is not an exception class or tuple of them; it raises "
            "TypeError when an exception reaches it.",
        ),
        _r(
            "B029",
            "WFC-COR-EXCEPT-EMPTY-TUPLE",
            "`except ():` never matches, so the handler is dead code.",
        ),
        _r(
            "PLE0704",
            "WFC-COR-MISPLACED-BARE-RAISE",
            "A bare `raise` with no active exception raises RuntimeError.",
        ),
        _r(
            "B016",
            "WFC-COR-RAISE-LITERAL",
            "Raising a non-exception value is a TypeError; the intended error is lost.",
        ),
        _r(
            "B031",
            "WFC-COR-GROUPBY-REUSE",
            "A groupby group is an iterator that is exhausted after one pass; the second use "
            "sees nothing.",
        ),
        _r(
            "B032",
            "WFC-COR-UNINTENTIONAL-ANNOTATION",
            "`x: value` annotates instead of assigning, so nothing is stored.",
        ),
        _r(
            "B035",
            "WFC-COR-STATIC-DICT-KEY",
            "Every iteration writes the same key, so the dict keeps only the last value.",
        ),
        _r(
            "PLE0643",
            "WFC-COR-INDEX-OUT-OF-RANGE",
            "The constant index is past the end of the literal sequence: IndexError.",
        ),
        _r(
            "DTZ003",
            "WFC-COR-NAIVE-DATETIME",
            "The result has no tzinfo, so comparing it with aware datetimes raises TypeError "
            "and `.timestamp()` treats it as local time.",
        ),
        _r(
            "DTZ005",
            "WFC-COR-NAIVE-DATETIME",
            "A naive local time is ambiguous across DST and fails when compared with aware datetimes.",
            confidence=60,
        ),
        _r(
            "B019",
            "WFC-PERF-CACHED-METHOD",
            "The cache holds a reference to every `self` it has seen, so instances are never "
            "freed and the cache grows without bound.",
        ),
        _r(
            "ASYNC210",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "A synchronous HTTP request stalls the whole event loop until the server answers.",
            confidence=90,
        ),
        _r(
            "ASYNC212",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "A synchronous httpx request stalls the whole event loop.",
            confidence=90,
        ),
        _r(
            "ASYNC220",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "Starting a process synchronously blocks the event loop.",
        ),
        _r(
            "ASYNC221",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "Running a process synchronously stalls the event loop until it exits.",
            confidence=90,
        ),
        _r(
            "ASYNC222",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "Waiting for a process synchronously stalls the event loop.",
        ),
        _r(
            "ASYNC230",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "File I/O in a coroutine blocks the event loop for the duration of the read/write.",
            severity="medium",
            confidence=75,
        ),
        _r(
            "ASYNC251",
            "WFC-PERF-BLOCKING-IN-ASYNC",
            "time.sleep blocks the event loop; every other task stalls for the duration.",
            confidence=95,
        ),
        _r(
            "S113",
            "WFC-REL-NO-TIMEOUT",
            "Without a timeout a slow or dead server hangs this call (and its worker) forever.",
            confidence=90,
        ),
    ]
)


def ruff_findings(inp: AnalysisInput, role: str) -> tuple[list[RawFinding], list[tuple[str, str]]]:
    """Findings of ``role`` from one shared ruff run, plus files ruff could not parse.

    A file that does not parse yields a correctness "syntax error" finding (for the correctness
    reviewer) and is reported as skipped by every reviewer, since none of its rules ran.
    """
    if not any(rule.role == role for rule in RUFF_RULES.values()):
        return [], []  # no ruff rule speaks for this role: do not pay for a run
    sources = [s for s in inp.files if s.language == "python"]
    prepared = {s.path: prepare(s.text, s.complete) for s in sources}
    results = run_ruff([(s.path, prepared[s.path][0]) for s in sources], tuple(RUFF_RULES))
    findings: list[RawFinding] = []
    skipped: list[tuple[str, str]] = []
    for source in sources:
        result = results.get(source.path)
        if result is None:
            continue
        if result.syntax_error is not None:
            line, message = result.syntax_error
            skipped.append((source.path, f"ruff could not parse the file (line {line}: {message})"))
            if role == _C and prepared[source.path][1]:  # sparse text fails by construction
                findings.append(_syntax_finding(source, line, message))
            continue
        text, whole = prepared[source.path]
        findings.extend(_map(source, result, role, whole, text))
    return findings, skipped


SYNTAX_RULE = Check("WFC-COR-SYNTAX", "The file does not parse, so it fails at import time.")


def _syntax_finding(source: SourceFile, line: int, message: str) -> RawFinding:
    return emit(SYNTAX_RULE, source, line, "ruff", detail=f"Parser: {message}.")


def _map(
    source: SourceFile, result: RuffFileResult, role: str, whole: bool, text: str
) -> list[RawFinding]:
    out = []
    undefined: _UndefinedNames | None = None  # built once per file, on its first F821
    for diag in result.diagnostics:
        rule = RUFF_RULES.get(diag.code)
        if rule is None or rule.role != role:
            continue
        if diag.code in NEEDS_COMPLETE and not whole:
            continue
        severity = None
        detail_extra = ""
        if diag.code == "PLR0124" and "!=" in diag.message:
            severity = "low"  # `x != x` is the NaN test idiom
        elif diag.code == "F821":
            undefined = undefined or _UndefinedNames(text)
            severity, detail_extra = undefined.severity(diag.message, diag.line)
        out.append(
            emit(
                rule,
                source,
                diag.line,
                "ruff",
                end_line=diag.end_line,
                column=diag.column,
                detail=f"({diag.code}: {diag.message}){detail_extra}",
                severity=severity,
            )
        )
    return out


#: Builtins that exist only in Python 2; code naming them is a compatibility branch, not a typo.
PY2_BUILTINS: frozenset[str] = frozenset(
    {
        "file",
        "unicode",
        "basestring",
        "long",
        "xrange",
        "raw_input",
        "reduce",
        "unichr",
        "execfile",
        "buffer",
        "cmp",
        "apply",
        "intern",
        "coerce",
    }
)
_VERSION_TEST = re.compile(r"\bPY(THON)?_?[23]\b|\bversion_info\b|\bsys\.version\b")


#: Distinct undefined names per file that get a "did you mean" search (each search compares the
#: name with every name the file defines); the rest keep their severity without a suggestion.
MAX_SUGGESTED_NAMES = 20


class _UndefinedNames:
    """Everything F821 severities need from one file, computed once per file: re-parsing and
    re-walking the module per diagnostic made a file of undefined names quadratic."""

    def __init__(self, text: str) -> None:
        self.tree = parse(text)
        self.guarded = _compat_guard_spans(self.tree) if self.tree is not None else []
        known = _defined_names(self.tree) | set(dir(builtins))
        self.known_by_length: dict[int, list[str]] = {}
        for name in sorted(known):
            self.known_by_length.setdefault(len(name), []).append(name)
        self.has_imports = self.tree is not None and any(
            isinstance(n, (ast.Import, ast.ImportFrom)) for n in self.tree.body
        )
        self.suggestions: dict[str, str | None] = {}

    def severity(self, message: str, line: int) -> tuple[str, str]:
        """High for a near-miss of a name the file defines (a typo); medium when the file has
        its imports (a real module top, so the name should be there); low for a bare excerpt,
        whose helpers and globals plausibly live outside what was shown, and for Python 2 names
        or names used under a version/compat guard (meant to be missing on this interpreter)."""
        match = re.search(r"`([^`]+)`", message)
        name = match.group(1) if match else ""
        if name in PY2_BUILTINS or _in_spans(self.guarded, line):
            return "low", " It is only used on another Python version (compatibility branch)."
        close = self._suggest(name)
        if close:
            return "high", f" Did you mean `{close}`?"
        if self.has_imports:
            return "medium", " Nothing in this module defines or imports it."
        return "low", " It may be defined in code outside this file or excerpt."

    def _suggest(self, name: str) -> str | None:
        if name in self.suggestions:
            return self.suggestions[name]
        if len(self.suggestions) >= MAX_SUGGESTED_NAMES:
            return None
        # A ratio >= 0.8 needs lengths within a factor of 1.5 of each other.
        size = len(name)
        candidates = [k for n in range(max(1, (2 * size) // 3), (3 * size) // 2 + 1)
                      for k in self.known_by_length.get(n, ()) if k != name]
        close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
        self.suggestions[name] = close[0] if close else None
        return self.suggestions[name]


def _compat_guard_spans(tree: ast.Module) -> list[tuple[int, int]]:
    """Line spans of branches of a Python-version test, and of ``try`` statements whose handler
    catches NameError/ImportError (the feature probe idiom), merged and sorted."""
    spans: list[tuple[int, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _VERSION_TEST.search(ast.unparse(node.test)):
            spans.extend(_statement_spans(node.body + node.orelse))
        elif isinstance(node, ast.Try) and any(
            handler.type is not None
            and re.search(r"\b(NameError|ImportError)\b", ast.unparse(handler.type))
            for handler in node.handlers
        ):
            spans.extend(_statement_spans(node.body + list(node.handlers) + node.orelse))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _statement_spans(statements: list[ast.stmt] | list[ast.AST]) -> list[tuple[int, int]]:
    return [(getattr(st, "lineno", 0), getattr(st, "end_lineno", None) or 0) for st in statements]


def _in_spans(spans: list[tuple[int, int]], line: int) -> bool:
    index = bisect.bisect_right(spans, (line, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= line <= spans[index][1]


def _defined_names(tree: ast.Module | None) -> set[str]:
    if tree is None:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names
