"""JS/TS `xs.sort()` with no comparator on an array of numbers: the default sort compares
elements as strings, so `[10, 9, 1]` sorts to `[1, 10, 9]` and percentiles/medians are wrong."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.sg_common import line_of

NUMERIC_SORT = Check(
    "WFC-COR-JS-NUMERIC-SORT",
    "Array.prototype.sort() without a compare function converts elements to strings, so numbers"
    " sort lexicographically (10 before 9).",
)

#: Copies of the array that are then sorted: `[...xs]`, `xs.slice()`, `Array.from(xs)`.
_COPY = re.compile(
    r"^(?:\[\s*\.\.\.(?P<a>[\w.$]+)\s*\]|(?P<b>[\w.$]+)\.(?:slice|concat)\(\s*\)|"
    r"Array\.from\(\s*(?P<c>[\w.$]+)\s*\)|(?P<d>[\w.$]+))$"
)
#: Last word of a name that says the elements are numbers.
_NUMERIC_WORDS = frozenset(
    "latencies durations ms millis counts sizes scores prices timestamps ids nums numbers "
    "timings delays amounts".split()
)
_TYPED_ARRAY = (
    r"(?:Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float32|Float64|BigInt64|BigUint64)Array"
)
_NUM_EXPR = r"(?:-?\d[\d_.]*\b|Date\.now\(\)|performance\.now\(\)|Number\(|parseInt\(|parseFloat\(|Math\.)"


def check_call(node: SgNode, name: str, arg_nodes: list[SgNode], source: SourceFile) -> list[RawFinding]:
    """`<numeric array>.sort()` / `.toSorted()` with no arguments."""
    recv, _, method = name.rpartition(".")
    if method not in ("sort", "toSorted") or arg_nodes or not recv:
        return []
    match = _COPY.match(recv.strip())
    array = next((g for g in match.groups() if g), None) if match else None
    if array is None or array in ("Object", "Array", "this"):
        return []
    last = array.rsplit(".", 1)[-1]
    if not _is_numeric(last, source.text):
        return []
    return [emit(NUMERIC_SORT, source, line_of(node), "ast-grep", detail=f"(`{array}`)")]


def _is_numeric(name: str, text: str) -> bool:
    """Evidence from declarations and pushes first; the name decides only when the file says
    nothing about the elements."""
    word = re.escape(name)
    if re.search(rf"\b{word}\s*(?::\s*{_TYPED_ARRAY}\b|=\s*(?:new\s+)?{_TYPED_ARRAY}\b)", text):
        return False
    if re.search(
        rf"\b{word}\s*(?::\s*(?:string|String|Date|bigint|\w*\[\]\[\]))|"
        rf"\b{word}\s*(?::[^=;\n]*)?=\s*\[\s*['\"`]|"
        rf"\b{word}\.push\(\s*['\"`{{\[]",
        text,
    ):
        return False
    if re.search(rf"\b{word}\s*:\s*(?:number\s*\[\]|Array<number>|ReadonlyArray<number>)", text):
        return True
    if re.search(rf"\b{word}\s*(?::[^=;\n]*)?=\s*\[\s*-?\d[\d_.]*\s*,", text):
        return True
    if re.search(rf"\b{word}\.push\(\s*{_NUM_EXPR}", text):
        return True
    tokens = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)
    return bool(tokens) and tokens[-1].lower() in _NUMERIC_WORDS
