"""Caller options spliced into generated JavaScript (WFC-SEC-CODEGEN, CWE-94).

Template engines and other compilers write source text and hand it to ``new Function`` / ``vm``.
Names taken from the caller's options (the locals object's name, an output function's name, a
file name in a ``sourceURL`` comment) become code. Every well-known engine has shipped this
flaw, and the fix is always the same: check the option is an identifier, or JSON-encode it.
This module flags a line of such a file that concatenates (or interpolates) an option member into
a string literal that reads as code, unless the option is JSON-encoded or escaped on that line,
or tested against an identifier pattern anywhere in the file.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, candidate_lines
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_COMPILES = _S(r"\bnew\s+Function\s*\(|(?<![\w.$])Function\s*\(|\bvm\.(runIn\w+|Script|compileFunction)\b|"
               r"\bnew\s+vm\.Script\b")
_OPTION = r"(?:this\.)?(?:opts|options|config|settings)\.([A-Za-z_$][\w$]*)"
#: An option member next to a ``+`` (either side) or inside ``${...}``, not called.
_SPLICED = _S(rf"\+\s*{_OPTION}(?![\w$(])|(?<![\w$.]){_OPTION}\s*\+|\$\{{\s*{_OPTION}\s*\}}")
#: A string literal whose text is code: declarations, statements, a sourceURL comment.
_CODE_TEXT = _S(r"""(['"`])[^'"`]*?(\bvar\s|\blet\s|\bconst\s|\bfunction\s*\w*\s*\(|\breturn\s|\bwith\s*\(|"""
                r"""sourceURL|=>)[^'"`]*\1""")
#: How far (in lines) the compiling call may be from the line that writes the source.
_NEAR = 200
_ENCODED = _S(r"JSON\.stringify\(|escape\w*\(|sanitize\w*\(|quote\w*\(")


def generated_source(source: SourceFile) -> list[RawFinding]:
    """Findings for option values spliced into code that the file compiles."""
    if source.language not in {"javascript", "typescript"} or source.is_test or not _COMPILES.search(source.text):
        return []
    text = source.text
    lines = text.split("\n")
    compiles = [i for i, line in enumerate(lines) if _COMPILES.search(line)]
    out: list[RawFinding] = []
    for number in candidate_lines(text, _SPLICED):
        line = lines[number]
        if len(line) > MINIFIED or line.lstrip().startswith(("//", "*", "/*")):
            continue
        spliced = _SPLICED.search(line)
        if spliced is None or not _CODE_TEXT.search(line) or _ENCODED.search(line):
            continue
        if not any(abs(i - number) <= _NEAR for i in compiles):
            continue
        name = next(g for g in spliced.groups() if g)
        if _validated(text, name):
            continue
        out.append(make_finding(
            "generated-source", file=source.path, line=number + 1, severity="medium", family="guard",
            confidence=55,
            description=f"The option `{name}` is concatenated into source code that this module compiles, with "
                        "no identifier check or JSON encoding: a crafted option value becomes code."))
    return out


def _validated(text: str, name: str) -> bool:
    """The option is tested with a regular expression (an identifier check) somewhere in the file."""
    n = re.escape(name)
    return bool(re.search(rf"\.test\(\s*[\w$.]*\b{n}\s*\)|\b{n}\b[^\n]*\.match\(", text))
