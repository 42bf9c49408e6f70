"""Allocations sized by a count decoded from the input (WFC-SEC-UNTRUSTED-ALLOC, CWE-789) in Go
and JavaScript/TypeScript; Java's form lives in ``java_sinks.allocations``.

A decoder reads a 32- or 64-bit count from the bytes it parses (``binary.BigEndian.Uint32``,
``buf.readUInt32BE``, a ``readVarint`` helper) and hands it to ``make`` / ``Buffer.alloc`` /
``new Array``. The bytes come from whoever is on the other end of the connection or wrote the
file: four bytes claim four billion elements. Rejecting a negative count is not a bound; what
counts is an upper bound (``n > max``, ``len(src) < n``, ``min(n, ...)``) between the read and
the allocation. 8- and 16-bit reads are left alone: 65,535 elements exhaust nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wfc_server.review.analysis.line_exprs import MINIFIED, assignment_at, call_arguments, candidate_lines, in_string
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile


@dataclass(frozen=True, slots=True)
class DecoderSyntax:
    """How one language allocates by a count and reads a wide integer from bytes."""

    allocation: re.Pattern[str]  # the call, ending at its "("
    first_size_argument: int  # Go's make(T, n): the type comes first
    reads: re.Pattern[str]  # a wide integer decoded from the input
    function_start: re.Pattern[str]  # a line that opens a function: the backward search stops
    words: frozenset[str]  # identifiers in a size expression that are never the count


_GO = DecoderSyntax(
    allocation=_S(r"\bmake\("),
    first_size_argument=1,
    reads=_S(r"\bbinary\.(BigEndian|LittleEndian|NativeEndian)\.Uint(32|64)\(|\bbinary\.U?[Vv]arint\(|"
             r"\.ReadU?[Vv]arint\(|\.ReadUint(32|64)\(|\b[Rr]ead(U?[Ii]nt|Uint)(32|64)\w*\(|\b[Rr]eadU?[Vv]arint\w*\("),
    function_start=_S(r"^func\b|\bfunc\s*\([^)]*\)\s*[^{]*\{\s*$"),
    words=frozenset({"int", "int32", "int64", "uint", "uint32", "uint64", "len", "cap", "min", "max", "byte",
                     "string", "rune", "map", "struct", "interface"}),
)
_JS = DecoderSyntax(
    allocation=_S(r"\bBuffer\.(alloc|allocUnsafe|allocUnsafeSlow)\(|\bnew\s+(?:(?:Uint|Int|Float|BigInt|BigUint)"
                  r"(?:8|16|32|64)(?:Clamped)?)?Array\("),
    first_size_argument=0,
    reads=_S(r"\.read(U?Int32|UInt32|Uint32|U?IntBE|U?IntLE|UIntBE|UIntLE|BigU?Int64)(BE|LE)?\(|"
             r"\.get(Uint32|Int32|BigUint64|BigInt64)\(|\bread(U?[Ii]nt|Uint)(32|64)\w*\(|\breadU?[Vv]arint\w*\("),
    function_start=_S(r"\bfunction\b|=>\s*\{?\s*$|^\s*(async\s+)?(?!(?:if|for|while|switch|catch|with|return)\b)"
                      r"[A-Za-z_$][\w$]*\s*\([^)]*\)\s*\{\s*$"),
    words=frozenset({"Math", "Number", "parseInt", "this", "BigInt"}),
)
SYNTAX: dict[str, DecoderSyntax] = {"go": _GO, "javascript": _JS, "typescript": _JS}
_CLAMPED = _S(r"\b(Math\.)?min\(")
_NAME = _S(r"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$(])")
_CONVERSION = _S(r"^\s*[\w.]*\(*\s*([A-Za-z_$][\w$]*)\s*\)*\s*;?\s*$|^\s*(?:int|int64|uint64|uint32|Number|BigInt)"
                 r"\(+\s*([A-Za-z_$][\w$]*)\s*\)+\s*;?\s*$")


def untrusted_allocations(source: SourceFile) -> list[RawFinding]:
    """Findings for allocations whose size is a wide count decoded from the input."""
    syntax = SYNTAX.get(source.language)
    if syntax is None or source.is_test or not syntax.reads.search(source.text) \
            or not syntax.allocation.search(source.text):
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, syntax.allocation):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        for match in syntax.allocation.finditer(line):
            args = call_arguments(line, match.end())
            if not args or in_string(line, match.start()):
                continue
            detail = _unbounded(syntax, lines, number, args[syntax.first_size_argument:])
            if detail:
                out.append(make_finding("untrusted-allocation", file=source.path, line=number + 1, severity="medium",
                                        description=detail, family="guard", confidence=60))
                break
    return out


def _unbounded(syntax: DecoderSyntax, lines: list[str], number: int, sizes: list[str]) -> str | None:
    for size in sizes:
        if syntax.reads.search(size):
            return (f"The allocation is sized by `{size.strip()}`, read straight from the input with no upper "
                    "bound; a crafted count makes the decoder allocate gigabytes.")
        for name in dict.fromkeys(_NAME.findall(size)):
            if name in syntax.words:
                continue
            read = _decoded(syntax, lines, number, name, hops=2)
            if read is None:
                continue
            at, text = read
            if _upper_bound(lines, name, at, number):
                continue
            return (f"The allocation is sized by `{name}`, decoded from the input by `{text.strip()[:50]}` at line "
                    f"{at + 1} with no upper bound checked before it; a crafted count makes the decoder allocate "
                    "gigabytes (memory exhaustion).")
    return None


def _decoded(syntax: DecoderSyntax, lines: list[str], number: int, name: str, hops: int) -> tuple[int, str] | None:
    """Where ``name`` got a wide integer read from the input, following plain copies and
    conversions (``n := int(raw)``) inside the function; None otherwise."""
    start = _function_start(syntax, lines, number)
    found = assignment_at(lines, number - 1, name, stop=number - start) if number > start else None
    if found is None:
        return None
    at, text = found
    if _CLAMPED.search(text):
        return None
    if syntax.reads.search(text):
        return at, text
    copy = _CONVERSION.match(text)
    if copy and hops > 0:
        source = copy.group(1) or copy.group(2)
        if source and source != name and source not in syntax.words:
            inner = _decoded(syntax, lines, at, source, hops - 1)
            if inner is not None and not _upper_bound(lines, source, inner[0], at):
                return inner
    return None


def _function_start(syntax: DecoderSyntax, lines: list[str], number: int) -> int:
    for i in range(number, max(-1, number - 400), -1):
        if syntax.function_start.search(lines[i]):
            return i
    return max(0, number - 400)


def _upper_bound(lines: list[str], name: str, start: int, stop: int) -> bool:
    """An upper bound on ``name`` between its read and its use: ``n > max``, ``max < n``,
    ``len(src) < n``, ``min(n, ...)``. ``n < 0`` and a loop header (``i < n``) are not bounds."""
    n = re.escape(name)
    bound = re.compile(rf"\b{n}\s*>=?\s*(?!0\b)[\w.(]|(?:[\w.]*[A-Za-z_][\w.]*|\)|\]|\b[1-9]\d*)\s*<=?\s*{n}\b|\bmin\([^;]*\b{n}\b|"
                       rf"Math\.min\([^;]*\b{n}\b|\b(check|validate|ensure|verify|limit)\w*\([^;]*\b{n}\b")
    for line in lines[start + 1:stop]:
        if re.match(r"\s*for\b", line):
            continue
        if bound.search(line):
            return True
    return False
