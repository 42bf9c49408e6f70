"""JavaScript/TypeScript handles that must be released, followed through their function.

A descriptor from ``fs.openSync``, a ``FileHandle`` from ``fs.promises.open`` and a pooled database
connection (``await pool.connect()``, ``await pool.getConnection()``) are not collected for the
program: each one that is not released on some path is gone until the process restarts, and a pool
that lost its connections hangs every later request. The release must happen on every path out of
the function: in a ``finally`` block, or with no ``return``/``throw``/``await`` between the
acquisition and the release (each of those is a path that skips it). A handle that leaves the
function (returned, stored in a field or a container, handed to another function) is the
receiver's to release, and nothing is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.functions import enclosing_function

#: (acquisition callee pattern, whether it must be awaited, release pattern with NAME for the variable)
_KINDS = (
    (re.compile(r"^(?:fs\.)?openSync$"), False, r"(?:fs\.)?closeSync\(\s*NAME\s*[,)]"),
    (re.compile(r"^(?:fs\.promises|fsp|fsPromises|promises)\.open$|^open$"), True, r"NAME\.close\("),
    (re.compile(r"^[\w$.]*[pP]ool\w*\.connect$|^[\w$.]+\.getConnection$"), True,
     r"NAME\.(?:release|end|close|destroy)\("),
)
_QUICK = re.compile(r"\bopenSync\(|\bopen\(|\.connect\(|\.getConnection\(")


@dataclass(frozen=True, slots=True)
class Unreleased:
    line: int  # 0-based line of the acquisition
    name: str
    acquired: str  # the call, as written
    reason: str


def unreleased(root: SgNode) -> list[Unreleased]:
    """Handles acquired into a local that some path out of the function does not release."""
    if not _QUICK.search(root.text()):
        return []
    out: list[Unreleased] = []
    for decl in root.find_all(kind="variable_declarator"):
        name, value = decl.field("name"), decl.field("value")
        if name is None or value is None or name.kind() != "identifier":
            continue
        awaited = value.kind() == "await_expression"
        call = next((c for c in value.children() if c.is_named()), None) if awaited else value
        if call is None or call.kind() != "call_expression" or call.field("function") is None:
            continue
        callee = call.field("function").text()
        kind = next((k for k in _KINDS if k[0].search(callee)), None)
        if kind is None or (kind[1] and not awaited):
            continue
        if callee == "open" and not re.search(r"\bopen\b[^;\n]*\bfrom\s+['\"](?:node:)?fs/promises['\"]|"
                                              r"\bopen\b[^;\n]*=\s*require\(\s*['\"](?:node:)?fs/promises",
                                              root.text()):
            continue  # some other `open` (a browser window, a library)
        func = enclosing_function(decl, "js")
        if func is None:
            continue
        reason = _leak(func, decl, name.text(), kind[2])
        if reason is not None:
            out.append(Unreleased(decl.range().start.line, name.text(), f"{callee}(...)", reason))
    return out


def _leak(func: SgNode, decl: SgNode, name: str, release_pattern: str) -> str | None:
    n = re.escape(name)
    start = decl.range().end.index - func.range().start.index
    body = func.text()[start:]
    if _escapes(body, n):
        return None
    release = re.compile(release_pattern.replace("NAME", n))
    releases = [r for r in func.find_all(kind="call_expression") if release.match(r.text())
                and r.range().start.index > decl.range().end.index]
    if not releases:
        return "is never released"
    if any(_inside(r, {"finally_clause"}, func) or _inside(r, {"catch_clause"}, func) for r in releases):
        return None  # released in finally, or released on the error path as well as the normal one
    first = min(r.range().start.index for r in releases) - func.range().start.index - start
    between = body[:first]
    exit_ = re.search(r"\b(return|throw)\b|\bawait\b", between)
    if exit_ is None:
        return None
    line = decl.range().end.line + between.count("\n", 0, exit_.start()) + 1
    what = "an `await` that may reject" if exit_.group(1) is None else f"the `{exit_.group(1)}`"
    return f"is not released when {what} at line {line} leaves first (release it in `finally`)"


def _escapes(body: str, n: str) -> bool:
    """The handle leaves the function: returned, stored, or handed to a function that is not a
    plain ``fs`` operation on a descriptor."""
    if re.search(rf"\breturn\s+(?:\{{[^}}]*)?(?<![\w$.]){n}(?![\w$])|(?<![=!<>])=\s*(?:\{{[^}}]*)?{n}\s*[;,)}}\n]|"
                 rf"\.(?:push|set|add|resolve)\(\s*{n}\b|\b(?:resolve|callback|cb|done|next)\(\s*(?:null\s*,\s*)?{n}\b",
                 body):
        return True
    for match in re.finditer(rf"([\w$.]+)\(\s*(?:[^()]*,\s*)?{n}\s*[,)]", body):
        callee = match.group(1)
        if not re.match(r"(?:fs\.)?\w+Sync$|(?:fs\.)?(?:read|write|fstat|fsync|ftruncate|close)$", callee):
            return True
    return False


def _inside(node: SgNode, kinds: set[str], stop: SgNode) -> bool:
    cur = node.parent()
    while cur is not None and cur.range().start.index >= stop.range().start.index:
        if cur.kind() in kinds:
            return True
        if cur.range().start.index == stop.range().start.index:
            break
        cur = cur.parent()
    return False
