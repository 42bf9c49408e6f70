"""Python missing guards: checks whose absence next to an operation is the vulnerability.

- WFC-SEC-UNTRUSTED-LENGTH: a length or count decoded from input (``struct.unpack``,
  ``int.from_bytes``, a byte of a header, ``int()`` of a header or a line read) sizes an
  allocation, a read or a loop, and no comparison of it with anything precedes (CWE-789).
- WFC-SEC-CRLF: a CRLF-terminated protocol line formatted from a parameter is written to a
  stream or socket and nothing in the function rejects CR/LF in it (CWE-93).
- WFC-SEC-REDOS-PATTERN: a literal regular expression repeats a group that can match the same
  text in more than one way (``(\\w+\\s?)+``, ``(\\d|\\w)*``): exponential backtracking (CWE-1333).

Both are per-function facts over the AST; the bound check is looked for anywhere in the function
(a comparison, ``min()``, a ``check``/``validate``/``limit`` call), so code that bounds the value
in any order stays quiet.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.pyast import all_nodes, attribute_path, function_body_nodes
from wfc_server.review.security.catalog import make_finding

try:  # Python 3.11+: the parser lives in re._parser (sre_parse warns on import)
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_FAMILY = "py-guards"
_READS = frozenset({"read", "recv", "readline", "readexactly", "read_exactly", "readuntil", "recvfrom",
                    "read_bytes", "getvalue", "peek"})
_UNPACK = frozenset({"unpack", "unpack_from", "from_bytes"})
_SIZED_READS = frozenset({"read", "recv", "readexactly", "read_exactly", "read_bytes", "ljust", "rjust",
                          "zfill"})
_HEADERISH = re.compile(r"(?i)content-length|headers?\b|\.readline\(|chunk|\blength\b")
_SOURCE_CALLS = _READS | _UNPACK | {"int", "ord"}
_BOUND_CALL = re.compile(r"(?i)check|valid|limit|ensure|bound|clamp|verify")
_REGEX_CALLS = frozenset({"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"})


def check(source: SourceFile, tree: ast.Module) -> list[RawFinding]:
    """Missing-guard findings for one parsed Python file (product code only)."""
    out: list[RawFinding] = []
    crlf = "\\r\\n" in source.text  # no CRLF literal in the file: no protocol line to check
    for node in all_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nodes = list(function_body_nodes(node))
            out.extend(_untrusted_lengths(node, nodes, source))
            if crlf:
                out.extend(_crlf_lines(node, nodes, source))
        elif isinstance(node, ast.Call):
            finding = _catastrophic_regex(node, source)
            if finding is not None:
                out.append(finding)
    return out


# --- lengths from input ------------------------------------------------------------------------

def _untrusted_lengths(func: ast.FunctionDef | ast.AsyncFunctionDef, nodes: list[ast.AST],
                       source: SourceFile) -> list[RawFinding]:
    data: set[str] = set(_byte_params(func))  # names holding bytes / text read from input
    if not data and not any(isinstance(n, ast.Call) and attribute_path(n.func).rsplit(".", 1)[-1] in _SOURCE_CALLS
                            for n in nodes):
        return []
    tuples: set[str] = set()  # names holding a tuple decoded from input (struct.unpack)
    lengths: dict[str, int] = {}  # name -> line where it was decoded
    for stmt in _statements(nodes):
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
            continue
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = stmt.value
        if isinstance(value, ast.Await):
            value = value.value
        kind = _value_kind(value, data, tuples, lengths)
        for target in targets:
            if kind == "data" and isinstance(target, ast.Name):
                data.add(target.id)
            elif kind == "tuple" and isinstance(target, ast.Name):
                tuples.add(target.id)
            elif kind in {"tuple", "length"} and isinstance(target, (ast.Tuple, ast.List)):
                for element in target.elts:
                    if isinstance(element, ast.Name):
                        lengths[element.id] = stmt.lineno
            elif kind == "length" and isinstance(target, ast.Name):
                lengths[target.id] = stmt.lineno
            elif isinstance(target, ast.Name):  # rebound to something else
                lengths.pop(target.id, None)
    if not lengths:
        return []
    bounded = _bounded_names(func)
    out: list[RawFinding] = []
    reported: set[int] = set()
    for node in nodes:
        sized = _sink_size(node)
        if sized is None:
            continue
        names = {n.id for n in ast.walk(sized) if isinstance(n, ast.Name)} & lengths.keys()
        names = {n for n in names if n not in bounded and not _inside_min(sized, n)}
        if not names or node.lineno in reported:
            continue
        reported.add(node.lineno)
        name = sorted(names)[0]
        out.append(make_finding(
            "untrusted-length", file=source.path, line=node.lineno, severity="medium", family=_FAMILY,
            confidence=65,
            description=(f"`{name}` is decoded from the input (line {lengths[name]}) and sizes "
                         f"{_sink_label(node)} with no upper bound checked first: a crafted length "
                         "exhausts memory or CPU."),
        ))
    return out


_BYTES_NAME = re.compile(r"(?i)^_?(data|buf|buffer|blob|payload|packet|raw|chunk|frame|datagram|record)s?$")


def _byte_params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """Parameters that hold raw input bytes: annotated bytes-like, or named like a buffer."""
    args = func.args.posonlyargs + func.args.args + func.args.kwonlyargs
    return [a.arg for a in args if (a.annotation is not None and re.search(
        r"\b(bytes|bytearray|memoryview)\b", ast.unparse(a.annotation))) or (
        a.annotation is None and _BYTES_NAME.match(a.arg))]


def _value_kind(value: ast.expr, data: set[str], tuples: set[str], lengths: dict[str, int]) -> str | None:
    """What an assigned value holds: ``data`` read from input, a ``tuple`` decoded from it, a
    ``length`` decoded from it, or None."""
    if isinstance(value, ast.Call):
        callee = attribute_path(value.func)
        tail = callee.rsplit(".", 1)[-1]
        if tail in _READS and isinstance(value.func, ast.Attribute):
            return "data"
        if tail in _UNPACK and (callee.startswith(("struct.", "int.")) or tail == "unpack_from" or
                                (tail == "unpack" and _mentions_any(value, data))):
            return "length" if tail == "from_bytes" else "tuple"
        if callee in {"int", "ord"} and value.args:
            arg = value.args[0]
            if _mentions_any(arg, data | tuples) or callee == "int" and _HEADERISH.search(ast.unparse(arg)):
                return "length"
        if callee == "min":
            return None
        if callee == "len":
            return None
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):
        if value.value.id in tuples:
            return "length"
        if value.value.id in data and not isinstance(value.slice, ast.Slice):
            return "length"  # one byte of a header: an int
        if value.value.id in data:
            return "data"
    if isinstance(value, (ast.BinOp, ast.UnaryOp)):
        names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
        if names & lengths.keys() or any(
                isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in data | tuples
                and not isinstance(n.slice, ast.Slice) for n in ast.walk(value)):
            return "length"
    return None


def _bounded_names(func: ast.AST) -> set[str]:
    """Names compared with something, clamped with min(), or handed to a check in ``func``."""
    out: set[str] = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Compare) and any(not isinstance(op, (ast.Is, ast.IsNot, ast.In, ast.NotIn))
                                                 for op in node.ops):
            out.update(n.id for side in [node.left, *node.comparators] for n in ast.walk(side)
                       if isinstance(n, ast.Name))
        elif isinstance(node, ast.Call) and _BOUND_CALL.search(attribute_path(node.func).rsplit(".", 1)[-1]):
            out.update(n.id for a in node.args for n in ast.walk(a) if isinstance(n, ast.Name))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and attribute_path(node.value.func) == "min":
            out.update(n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name))
    return out


def _inside_min(expr: ast.AST, name: str) -> bool:
    for node in ast.walk(expr):
        if isinstance(node, ast.Call) and attribute_path(node.func) == "min" and any(
                isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)):
            return True
    return False


def _sink_size(node: ast.AST) -> ast.AST | None:
    """The size expression of an allocation / sized read / counted loop at ``node``, if any."""
    if isinstance(node, ast.Call):
        callee = attribute_path(node.func)
        tail = callee.rsplit(".", 1)[-1]
        if callee in {"bytearray", "bytes"} and len(node.args) == 1 and not isinstance(node.args[0], (
                ast.Constant, ast.List, ast.Tuple, ast.JoinedStr)):
            return node.args[0]
        if tail in _SIZED_READS and isinstance(node.func, ast.Attribute) and node.args:
            return node.args[0]
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and isinstance(node.iter, ast.Call) and \
            attribute_path(node.iter.func) == "range" and node.iter.args:
        return node.iter.args[1] if len(node.iter.args) > 1 else node.iter.args[0]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        for seq, size in ((node.left, node.right), (node.right, node.left)):
            if isinstance(seq, (ast.List, ast.Tuple)) or isinstance(seq, ast.Constant) and isinstance(
                    seq.value, (bytes, str)):
                return size
    return None


def _sink_label(node: ast.AST) -> str:
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return "a loop"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return f"a .{node.func.attr}() call"
    return "an allocation"


def _statements(nodes: list[ast.AST]) -> list[ast.stmt]:
    """The statements among a function's own ``nodes``, in source order."""
    return sorted((n for n in nodes if isinstance(n, ast.stmt)), key=lambda n: (n.lineno, n.col_offset))


# --- CRLF into protocol lines --------------------------------------------------------------------

_WRITES = frozenset({"write", "sendall", "send", "writelines", "send_header", "sendmail_line", "putline",
                     "_send", "_write", "send_command", "push"})
_NEUTRAL = re.compile(r"(?i)^(int|len|float|hex|bool|quote|escape|urlencode|b64encode|encode_header|"
                      r".*(valid|check|sanit|clean|safe|escape|quote).*)$")
_CR_LF = ("\r", "\n")
#: A header (``Name: ``), a command or request line (``MAIL FROM:``, ``GET ``), a status line.
_PROTOCOL_LINE = re.compile(r"[A-Za-z][\w-]*:\s|^[A-Z]{3,}[ :]|HTTP/1")
_STREAM = re.compile(r"(?i)sock|conn|transport|writer|stream|wfile|channel|client|server|smtp|peer|^self$|^_?w$")


def _crlf_lines(func: ast.FunctionDef | ast.AsyncFunctionDef, nodes: list[ast.AST],
                source: SourceFile) -> list[RawFinding]:
    params = {a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs} - {"self", "cls"}
    writes = [n for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
              and n.func.attr in _WRITES]
    if not params or not writes or _rejects_crlf(func):
        return []
    built: set[str] = set()  # locals holding a CRLF line formatted from a parameter
    for stmt in _statements(nodes):
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if _line_from(stmt.value, params, built):
                built.update(t.id for t in targets if isinstance(t, ast.Name))
    out: list[RawFinding] = []
    for node in writes:
        receiver = attribute_path(node.func.value).rsplit(".", 1)[-1] or "?"
        if node.func.attr != "send_header" and not _STREAM.search(receiver):
            continue  # a buffer or a file, not a peer
        args = node.args[1:] if node.func.attr == "send_header" else node.args
        hit = next((a for a in args if _line_from(a, params, built) or _carries(a, built)
                    or node.func.attr == "send_header" and _carries(a, params)), None)
        if hit is None:
            continue
        name = sorted(_names(hit) & (params | built))[0]
        out.append(make_finding(
            "crlf-injection", file=source.path, line=node.lineno, severity="medium", family=_FAMILY,
            confidence=60,
            description=(f"`{name}` reaches a CRLF-delimited protocol line written by .{node.func.attr}() "
                         "and nothing rejects \\r/\\n in it: a caller can inject headers or commands."),
        ))
    return out


def _line_from(expr: ast.AST, params: set[str], built: set[str]) -> bool:
    """``expr`` formats a CRLF-terminated line and interpolates a parameter (or such a line)."""
    texts = [n.value if isinstance(n.value, str) else n.value.decode("latin-1") for n in ast.walk(expr)
             if isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes))]
    has_crlf = any("\r\n" in t for t in texts) and any(_PROTOCOL_LINE.search(t) for t in texts)
    return (has_crlf and _carries(expr, params)) or _carries(expr, built)


def _carries(expr: ast.AST, names: set[str]) -> bool:
    """``expr`` holds the text of one of ``names`` (not only a number or escaped form of it)."""
    if isinstance(expr, ast.Name):
        return expr.id in names
    if isinstance(expr, ast.Call):
        callee = attribute_path(expr.func).rsplit(".", 1)[-1]
        if _NEUTRAL.match(callee):
            return False
        parts = list(expr.args) + [k.value for k in expr.keywords]
        if isinstance(expr.func, ast.Attribute):
            parts.append(expr.func.value)
        return any(_carries(p, names) for p in parts)
    if isinstance(expr, (ast.Attribute, ast.Subscript, ast.Compare, ast.Lambda)):
        return False
    return any(_carries(child, names) for child in ast.iter_child_nodes(expr))


def _rejects_crlf(func: ast.AST) -> bool:
    """The function tests for / removes CR or LF somewhere (a check we take as the guard)."""
    for node in ast.walk(func):
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            value = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
            if (value in _CR_LF or value in {"\r\n", "[\r\n]", "\\r|\\n", "[\\r\\n]"}) and \
                    _used_as_test(func, node):
                return True
        if isinstance(node, ast.Call) and attribute_path(node.func).rsplit(".", 1)[-1] in {"splitlines"}:
            return True
    return False


def _used_as_test(func: ast.AST, constant: ast.Constant) -> bool:
    for node in ast.walk(func):
        tested = node.test if isinstance(node, (ast.If, ast.While, ast.Assert, ast.IfExp)) else \
            node.iter if isinstance(node, ast.comprehension) else node if isinstance(node, ast.Compare) else None
        if tested is not None and any(n is constant for n in ast.walk(tested)):
            return True
        if isinstance(node, ast.Call) and constant in node.args and isinstance(node.func, ast.Attribute) and \
                node.func.attr in {"replace", "split", "translate", "search", "match", "sub", "find", "count"}:
            return True
        if isinstance(node, ast.Call) and constant in node.args and attribute_path(node.func).startswith("re."):
            return True
    return False


def _names(expr: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}


# --- catastrophic backtracking ----------------------------------------------------------------

def _catastrophic_regex(call: ast.Call, source: SourceFile) -> RawFinding | None:
    callee = attribute_path(call.func)
    if not (callee.startswith(("re.", "regex.")) and callee.rsplit(".", 1)[-1] in _REGEX_CALLS):
        return None
    if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
        return None
    pattern = call.args[0].value
    where = _ambiguous_repeat(pattern)
    if where is None:
        return None
    return make_finding(
        "regex-backtracking", file=source.path, line=call.lineno, severity="medium", family=_FAMILY,
        confidence=70,
        description=(f"The pattern repeats {where} that can match the same text in more than one "
                     "way; a short input that almost matches makes the backtracking engine try "
                     "exponentially many splits."),
    )


def _ambiguous_repeat(pattern: str) -> str | None:
    """A description of the first ambiguous nested repetition in ``pattern``, or None."""
    if len(pattern) > 2000:
        return None
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an invalid pattern is another rule's business
        return None
    return _search(list(parsed))


def _search(items: list) -> str | None:
    for op, av in items:
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = av
            if high == _sre.MAXREPEAT and _ambiguous_body(list(sub)):
                return "a group"
            found = _search(list(sub))
            if found:
                return found
        elif op == _sre.SUBPATTERN:
            found = _search(list(av[-1]))
            if found:
                return found
        elif op == _sre.BRANCH:
            for branch in av[1]:
                found = _search(list(branch))
                if found:
                    return found
    return None


def _ambiguous_body(items: list) -> bool:
    """Whether a sequence repeated without bound can match one string in several ways: an
    unbounded repetition followed only by optional items, whose characters can also start the
    next round (``(\\w+\\s?)+``, ``(a+)+``), or alternatives of which one repeats what another
    starts with (``(\\w+|\\d)+``)."""
    while len(items) == 1 and items[0][0] == _sre.SUBPATTERN:
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] == _sre.BRANCH:
        branches = [list(b) for b in items[0][1][1]]
        starts = [_first_chars(b) for b in branches]
        for i, branch in enumerate(branches):
            if _ambiguous_body(branch):
                return True
            repeats = []  # unbounded repetitions the alternative starts with
            for op, av in branch:
                if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[1] == _sre.MAXREPEAT:
                    repeats.append(_first_chars(list(av[2])))
                elif _width([(op, av)])[0] > 0:
                    break
            if any(_overlap(r, starts[j]) for r in repeats for j in range(len(branches)) if j != i):
                return True
        return False
    start = _sequence_start(items)
    for index, (op, av) in enumerate(items):
        if op not in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or av[1] != _sre.MAXREPEAT:
            continue
        if all(_width([rest])[0] == 0 for rest in items[index + 1:]) and \
                _overlap(_first_chars(list(av[2])), start):
            return True
    return False


def _sequence_start(items: list) -> Callable[[str], bool]:
    """The characters a sequence can start with (through its optional leading items)."""
    parts = []
    for item in items:
        parts.append(_first_chars([item]))
        if _width([item])[0] > 0:
            break
    return lambda c: any(p(c) for p in parts)


def _width(items: list) -> tuple[int, int]:
    try:
        sub = _sre_parse.SubPattern(_sre_parse.State(), items)
        return sub.getwidth()
    except Exception:  # noqa: BLE001
        return (1, 1)


_SAMPLE = string.printable + "\u00e9\u00a0"


def _first_chars(items: list) -> Callable[[str], bool]:
    """A predicate for the characters ``items`` can start with (an over-approximation)."""
    if not items:
        return lambda c: False
    op, av = items[0]
    if op == _sre.LITERAL:
        return lambda c: ord(c) == av
    if op == _sre.NOT_LITERAL:
        return lambda c: ord(c) != av
    if op == _sre.ANY:
        return lambda c: c != "\n"
    if op == _sre.IN:
        return lambda c: _in_set(av, c)
    if op == _sre.CATEGORY:
        return lambda c: _category(av, c)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        return _first_chars(list(av[2]))
    if op == _sre.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op == _sre.BRANCH:
        parts = [_first_chars(list(b)) for b in av[1]]
        return lambda c: any(p(c) for p in parts)
    return lambda c: True


def _in_set(av: list, c: str) -> bool:
    negate = False
    hit = False
    for op, value in av:
        if op == _sre.NEGATE:
            negate = True
        elif op == _sre.LITERAL and ord(c) == value or op == _sre.RANGE and value[0] <= ord(c) <= value[1] \
                or op == _sre.CATEGORY and _category(value, c):
            hit = True
    return hit != negate


def _category(category: object, c: str) -> bool:
    name = str(category).rsplit("_", 1)[-1].lower()
    negated = "_NOT_" in str(category)
    test = {"digit": str.isdigit, "space": str.isspace, "word": lambda x: x.isalnum() or x == "_",
            "linebreak": lambda x: x == "\n"}.get(name, lambda x: True)
    return test(c) != negated


def _overlap(a: Callable[[str], bool], b: Callable[[str], bool]) -> bool:
    return any(a(c) and b(c) for c in _SAMPLE)


# --- helpers ---------------------------------------------------------------------------------



def _mentions_any(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))
