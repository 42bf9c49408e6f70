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

from wfc_server.review.analyzers.ruff import RuffFileResult, run_ruff
from wfc_server.review.model import AnalysisInput, RawFinding, SourceFile
from wfc_server.review.quality.common import Rule, emit
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.sparse import prepare

_C, _P, _R = "correctness", "performance", "reliability"

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


def _r(
    code: str,
    role: str,
    sev: str,
    concept: str,
    title: str,
    desc: str,
    fix: str,
    cwe: str | None = None,
    conf: int = 85,
) -> tuple[str, Rule]:
    return code, Rule(code, role, sev, concept, title, desc, fix, cwe, conf)


RUFF_RULES: dict[str, Rule] = dict(
    [
        _r(
            "F821",
            _C,
            "high",
            "undefined-name",
            "Undefined name",
            "This name is not defined anywhere in the module; the line raises NameError when it runs.",
            "Define or import the name, or fix the typo.",
            "CWE-456",
            85,
        ),
        _r(
            "F823",
            _C,
            "high",
            "undefined-name",
            "Local variable used before assignment",
            "The name is assigned later in this function, so Python treats it as local and this "
            "read "
            "raises UnboundLocalError.",
            "Assign it before use or declare it global/nonlocal.",
            None,
            85,
        ),
        _r(
            "F811",
            _C,
            "low",
            "redefined-unused",
            "Redefinition of an unused name",
            "A definition is replaced before it was ever used; one of the two is probably a mistake.",
            "Remove or rename one of the definitions.",
            None,
            60,
        ),
        _r(
            "F632",
            _C,
            "medium",
            "is-literal",
            "`is` comparison with a literal",
            "`is` compares identity, not value; with str/int literals the result depends on "
            "interning "
            "and is often False for equal values.",
            "Use `==` / `!=` to compare values.",
            "CWE-595",
            90,
        ),
        _r(
            "B006",
            _C,
            "medium",
            "mutable-default",
            "Mutable default argument",
            "The default object is created once and shared by every call, so mutations leak between calls.",
            "Default to None and create the list/dict/set inside the function.",
            None,
            90,
        ),
        _r(
            "B012",
            _C,
            "high",
            "jump-in-finally",
            "return/break/continue inside finally",
            "A jump in `finally` silently discards any exception raised in the try block.",
            "Move the return/break out of the finally block.",
            "CWE-584",
            90,
        ),
        _r(
            "PLE0116",
            _C,
            "high",
            "jump-in-finally",
            "continue inside finally",
            "`continue` in `finally` silently discards any exception raised in the try block.",
            "Move the continue out of the finally block.",
            "CWE-584",
            90,
        ),
        _r(
            "PLR0124",
            _C,
            "medium",
            "self-comparison",
            "Comparison of a value with itself",
            "Comparing an expression with itself is always true (or always false); the other "
            "operand was probably meant to be different.",
            "Compare against the intended value.",
            "CWE-570",
            85,
        ),
        _r(
            "PLR0133",
            _C,
            "medium",
            "constant-comparison",
            "Comparison between two constants",
            "Both operands are constants, so the condition never changes.",
            "Compare the variable that was intended.",
            "CWE-570",
            85,
        ),
        _r(
            "E711",
            _C,
            "low",
            "none-equality",
            "Comparison to None with == / !=",
            "`== None` calls __eq__, which objects can override (ORMs, numpy); identity is meant.",
            "Use `is None` / `is not None`.",
            None,
            70,
        ),
        _r(
            "F601",
            _C,
            "medium",
            "duplicate-dict-key",
            "Duplicate key in dict literal",
            "The same key appears twice with different values; the earlier value is silently lost.",
            "Remove or rename the duplicated key.",
            None,
            90,
        ),
        _r(
            "F631",
            _C,
            "medium",
            "assert-tuple",
            "assert on a tuple is always true",
            "`assert (cond, msg)` asserts a non-empty tuple, which is always truthy; the check never fires.",
            "Write `assert cond, msg` without parentheses.",
            "CWE-570",
            95,
        ),
        _r(
            "PLW0129",
            _C,
            "medium",
            "assert-constant",
            "assert on a string literal",
            "A non-empty string is always truthy, so the assertion never fails.",
            "Assert the intended condition.",
            "CWE-570",
            90,
        ),
        _r(
            "B015",
            _C,
            "medium",
            "useless-comparison",
            "Comparison result is discarded",
            "The comparison is evaluated and thrown away; an assert or assignment was probably meant.",
            "Use `assert` or assign/return the comparison.",
            None,
            80,
        ),
        _r(
            "B020",
            _C,
            "medium",
            "loop-var-overrides-iterable",
            "Loop variable overrides the iterable",
            "The loop target rebinds the name being iterated, which later code then sees changed.",
            "Use a different name for the loop variable.",
            None,
            80,
        ),
        _r(
            "B023",
            _C,
            "low",
            "late-binding-closure",
            "Closure captures a loop variable",
            "The function reads the loop variable when called, not when defined, so every closure "
            "sees the last value.",
            "Bind the value as a default argument or use functools.partial.",
            None,
            70,
        ),
        _r(
            "PLE1142",
            _C,
            "medium",
            "await-outside-async",
            "await outside an async function",
            "`await` in a regular function is a SyntaxError at import time.",
            "Make the function `async def` or call the coroutine differently.",
            None,
            90,
        ),
        _r(
            "F706",
            _C,
            "medium",
            "return-outside-function",
            "return outside a function",
            "This is a SyntaxError when the module is imported.",
            "Remove the return.",
            None,
            90,
        ),
        _r(
            "F701",
            _C,
            "medium",
            "break-outside-loop",
            "break outside a loop",
            "This is a SyntaxError when the module is imported.",
            "Remove the break.",
            None,
            90,
        ),
        _r(
            "F702",
            _C,
            "medium",
            "continue-outside-loop",
            "continue outside a loop",
            "This is a SyntaxError when the module is imported.",
            "Remove the continue.",
            None,
            90,
        ),
        _r(
            "F704",
            _C,
            "medium",
            "yield-outside-function",
            "yield outside a function",
            "This is a SyntaxError when the module is imported.",
            "Move the yield into a function.",
            None,
            90,
        ),
        _r(
            "PLE0101",
            _C,
            "high",
            "return-in-init",
            "__init__ returns a value",
            "Returning a value from __init__ raises TypeError when the object is created.",
            "Remove the returned value.",
            None,
            90,
        ),
        _r(
            "B002",
            _C,
            "medium",
            "prefix-increment",
            "`++x` does not increment",
            "Python has no increment operator; `++x` is two unary plus signs and leaves x unchanged.",
            "Write `x += 1`.",
            None,
            90,
        ),
        _r(
            "PLW0127",
            _C,
            "medium",
            "self-assignment",
            "Variable assigned to itself",
            "Assigning a name to itself does nothing; a different source was probably meant.",
            "Assign the intended value.",
            None,
            85,
        ),
        _r(
            "F502",
            _C,
            "medium",
            "format-mismatch",
            "%-format expects a mapping",
            "The format string uses named fields but the argument is not a mapping: TypeError.",
            "Pass a dict or use positional fields.",
            None,
            85,
        ),
        _r(
            "F507",
            _C,
            "medium",
            "format-mismatch",
            "%-format argument count mismatch",
            "The number of placeholders and arguments differ: TypeError at runtime.",
            "Make the placeholders and arguments match.",
            None,
            90,
        ),
        _r(
            "F521",
            _C,
            "medium",
            "format-mismatch",
            "Invalid str.format string",
            "The format string cannot be parsed: ValueError at runtime.",
            "Fix the braces in the format string.",
            None,
            85,
        ),
        _r(
            "F524",
            _C,
            "medium",
            "format-mismatch",
            "str.format is missing arguments",
            "A placeholder has no matching argument: IndexError/KeyError at runtime.",
            "Pass every argument the format string names.",
            None,
            90,
        ),
        _r(
            "PLE1205",
            _C,
            "low",
            "format-mismatch",
            "Too many arguments for logging format",
            "The log call has more arguments than placeholders, so logging reports a formatting "
            "error instead of the message.",
            "Match the %-placeholders to the arguments.",
            None,
            80,
        ),
        _r(
            "PLE1206",
            _C,
            "low",
            "format-mismatch",
            "Too few arguments for logging format",
            "The log call has fewer arguments than placeholders, so the record fails to format.",
            "Match the %-placeholders to the arguments.",
            None,
            80,
        ),
        _r(
            "B034",
            _C,
            "medium",
            "re-positional-flags",
            "re.sub/split flags passed positionally",
            "The 4th positional argument of re.sub is `count`, not `flags`; the flag is silently "
            "used as a count.",
            "Pass `flags=` (and `count=`) as keywords.",
            None,
            90,
        ),
        _r(
            "PLW0711",
            _C,
            "medium",
            "except-binary-op",
            "`except A or B` catches only A",
            "`A or B` evaluates to A, so B is never caught.",
            "Use a tuple: `except (A, B):`.",
            "CWE-703",
            90,
        ),
        _r(
            "B030",
            _C,
            "medium",
            "except-non-exception",
            "except clause with a non-exception class",
            "The except expression is not an exception class or tuple of them; it raises TypeError "
            "when an exception reaches it.",
            "Use an exception class or a tuple of them.",
            "CWE-703",
            85,
        ),
        _r(
            "B029",
            _C,
            "medium",
            "except-empty-tuple",
            "except with an empty tuple catches nothing",
            "`except ():` never matches, so the handler is dead code.",
            "List the exceptions to catch.",
            "CWE-703",
            90,
        ),
        _r(
            "PLE0704",
            _C,
            "low",
            "misplaced-bare-raise",
            "Bare raise outside an except block",
            "A bare `raise` with no active exception raises RuntimeError.",
            "Raise a specific exception.",
            None,
            80,
        ),
        _r(
            "B016",
            _C,
            "medium",
            "raise-literal",
            "Raising a literal",
            "Raising a non-exception value is a TypeError; the intended error is lost.",
            "Raise an exception instance.",
            None,
            90,
        ),
        _r(
            "B031",
            _C,
            "medium",
            "groupby-reuse",
            "itertools.groupby group reused",
            "A groupby group is an iterator that is exhausted after one pass; the second use sees nothing.",
            "Materialise the group with list() first.",
            None,
            80,
        ),
        _r(
            "B032",
            _C,
            "medium",
            "unintentional-annotation",
            "Annotation where assignment was meant",
            "`x: value` annotates instead of assigning, so nothing is stored.",
            "Use `=` to assign.",
            None,
            85,
        ),
        _r(
            "B035",
            _C,
            "medium",
            "static-dict-comprehension-key",
            "Dict comprehension with a static key",
            "Every iteration writes the same key, so the dict keeps only the last value.",
            "Use the loop variable in the key.",
            None,
            85,
        ),
        _r(
            "PLE0643",
            _C,
            "medium",
            "index-out-of-range",
            "Index out of range",
            "The constant index is past the end of the literal sequence: IndexError.",
            "Use a valid index.",
            None,
            90,
        ),
        _r(
            "DTZ003",
            _C,
            "low",
            "naive-datetime",
            "datetime.utcnow() returns a naive datetime",
            "The result has no tzinfo, so comparing it with aware datetimes raises TypeError and "
            "`.timestamp()` treats it as local time.",
            "Use datetime.now(timezone.utc).",
            None,
            70,
        ),
        _r(
            "DTZ005",
            _C,
            "low",
            "naive-datetime",
            "datetime.now() without a timezone",
            "A naive local time is ambiguous across DST and fails when compared with aware datetimes.",
            "Pass tz=timezone.utc (or the intended zone).",
            None,
            60,
        ),
        _r(
            "B019",
            _P,
            "medium",
            "unbounded-cache",
            "lru_cache/cache on a method",
            "The cache holds a reference to every `self` it has seen, so instances are never freed "
            "and the cache grows without bound.",
            "Cache a module-level function, or use a per-instance cache.",
            "CWE-400",
            85,
        ),
        _r(
            "ASYNC210",
            _P,
            "high",
            "blocking-call-in-async",
            "Blocking HTTP call in async function",
            "A synchronous HTTP request stalls the whole event loop until the server answers.",
            "Use an async client (aiohttp/httpx.AsyncClient) or run it in an executor.",
            "CWE-400",
            90,
        ),
        _r(
            "ASYNC212",
            _P,
            "high",
            "blocking-call-in-async",
            "Blocking httpx call in async function",
            "A synchronous httpx request stalls the whole event loop.",
            "Use httpx.AsyncClient.",
            "CWE-400",
            90,
        ),
        _r(
            "ASYNC220",
            _P,
            "high",
            "blocking-call-in-async",
            "Blocking subprocess in async function",
            "Starting a process synchronously blocks the event loop.",
            "Use asyncio.create_subprocess_exec.",
            "CWE-400",
            85,
        ),
        _r(
            "ASYNC221",
            _P,
            "high",
            "blocking-call-in-async",
            "Blocking subprocess in async function",
            "Running a process synchronously stalls the event loop until it exits.",
            "Use asyncio.create_subprocess_exec and await it.",
            "CWE-400",
            90,
        ),
        _r(
            "ASYNC222",
            _P,
            "high",
            "blocking-call-in-async",
            "Blocking process wait in async function",
            "Waiting for a process synchronously stalls the event loop.",
            "Use asyncio subprocess APIs.",
            "CWE-400",
            85,
        ),
        _r(
            "ASYNC230",
            _P,
            "medium",
            "blocking-call-in-async",
            "Blocking file open in async function",
            "File I/O in a coroutine blocks the event loop for the duration of the read/write.",
            "Use aiofiles or asyncio.to_thread for file I/O.",
            "CWE-400",
            75,
        ),
        _r(
            "ASYNC251",
            _P,
            "high",
            "blocking-call-in-async",
            "time.sleep in async function",
            "time.sleep blocks the event loop; every other task stalls for the duration.",
            "Use `await asyncio.sleep(...)`.",
            "CWE-400",
            95,
        ),
        _r(
            "S113",
            _R,
            "medium",
            "missing-timeout",
            "HTTP request without a timeout",
            "Without a timeout a slow or dead server hangs this call (and its worker) forever.",
            "Pass `timeout=` (e.g. timeout=10).",
            "CWE-400",
            90,
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


SYNTAX_RULE = Rule(
    "WFC-COR-SYNTAX",
    _C,
    "high",
    "syntax-error",
    "Syntax error",
    "The file does not parse, so it fails at import time.",
    "Fix the syntax at this line.",
    None,
    90,
)


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
