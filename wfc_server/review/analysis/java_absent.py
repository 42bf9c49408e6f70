"""Java library calls that answer null for "absent", used as if they could not.

* ``dir.list().length`` / ``for (File f : dir.listFiles())``: ``File.list`` and ``File.listFiles``
  return null (not an empty array) when the path is not a readable directory, so the expression
  throws NullPointerException exactly when the directory vanished or is unreadable.
* ``ZipEntry e = zip.getEntry(name); ... zip.getInputStream(e)``: ``getEntry`` is null for a name
  the archive lacks, and ``getInputStream(null)`` throws NullPointerException.

The local-variable forms of ``listFiles`` belong to :mod:`wfc_server.review.analysis.java_nulls`;
these are the direct uses and the hand-over to ``getInputStream`` it leaves alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ast_grep_py import SgNode

from wfc_server.review.analysis.bounds import code_text

_LISTING = re.compile(r"(?<![\w$])(?P<call>[\w$.]+\.(?:list|listFiles)\([^()]*\))\s*(?:\.length\b|\[)|"
                      r":\s*(?P<loop>[\w$.]+\.(?:list|listFiles)\([^()]*\))\s*\)")
_ENTRY = re.compile(r"(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)\s*=\s*[\w$.]+\.getEntry\([^;]*\)\s*;")


@dataclass(frozen=True, slots=True)
class AbsentUse:
    line: int  # 0-based
    call: str
    how: str


def absent_results_used(root: SgNode) -> list[AbsentUse]:
    text = root.text()
    if ".list" not in text and ".getEntry(" not in text:
        return []
    code = code_text(root)
    base = root.range().start.line
    out: list[AbsentUse] = []
    for match in _LISTING.finditer(code):
        call = match.group("call") or match.group("loop")
        if re.search(rf"{re.escape(call)}\s*[!=]=\s*null", code[max(0, match.start() - 400): match.start()]):
            continue  # the same call tested just before
        out.append(AbsentUse(base + code.count("\n", 0, match.start()), call,
                             "iterated" if match.group("loop") else "dereferenced"))
    for match in _ENTRY.finditer(code):
        name = re.escape(match.group("name"))
        rest = code[match.end():]
        use = re.search(rf"(?<![\w$.]){name}(?![\w$])", rest)
        if use is None:
            continue
        if re.search(rf"\s*[!=]=\s*null", rest[use.end(): use.end() + 12]) or \
                re.search(r"null\s*[!=]=\s*$", rest[max(0, use.start() - 12): use.start()]):
            continue
        # the first use hands the entry to getInputStream (possibly after other declarations)
        if re.search(r"\.getInputStream\(\s*$", rest[max(0, use.start() - 40): use.start()]):
            offset = match.end() + use.start()
            out.append(AbsentUse(base + code.count("\n", 0, offset), f"getEntry -> getInputStream({match.group('name')})",
                                 "handed to getInputStream"))
    return out
