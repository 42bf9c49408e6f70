"""Single-pass deletion of ``../`` as a traversal filter (WFC-SEC-PATH-STRIP, CWE-22).

A replace call whose pattern is a parent-directory step (``"../"``, ``"..\\"``, ``f"..{os.sep}"``,
``/\\.\\.\\//g``, ``".." + File.separator``) and whose replacement is empty. Replacing with a
harmless character (``"_"``) is not flagged: nothing can re-form around it. A loop that repeats the
replacement until the text stops changing is recognised and left alone.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments, candidate_lines, in_string
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_REPLACE = _S(r"\.(replace|replaceAll|replace_all)\(|\bstrings\.(Replace|ReplaceAll)\(|\bre\.sub\(")
#: The pattern argument, unquoted and unescaped, is one parent-directory step.
_LITERAL = _S(r"""^\s*(?:[rfRF]{1,2})?(['"`])(.*)\1\s*$|^\s*/(.*)/[gimsuy]*\s*$""", re.DOTALL)
_STEPS = frozenset({"../", "..\\", "..{os.sep}", "..{os.path.sep}", "..${path.sep}", "..[/\\]", "..[\\/]",
                    "..(/|\\)", "..(?:/|\\)"})
_BUILT_STEP = _S(r"""^\s*(['"])\.\.\1\s*\+\s*(File\.separator|os\.sep|os\.path\.sep|path\.sep|"/")\s*$""")


def _parent_step(argument: str) -> bool:
    if _BUILT_STEP.match(argument):
        return True
    literal = _LITERAL.match(argument)
    if literal is None:
        return False
    body = literal.group(2) if literal.group(2) is not None else literal.group(3) or ""
    body = body.replace("\\\\", "\x00").replace("\\.", ".").replace("\\/", "/").replace("\x00", "\\")
    return body in _STEPS


_DOTS = _S(r"\.\.|\\\.\\\.")
_EMPTY = _S(r"""^\s*(?:f|r)?(['"`])\1\s*$""")
#: ``while ".." in name`` / ``for name.contains("..")``: the replacement repeats until none is left.
_REPEATED = _S(r"""\b(while|for)\b[^\n]*\.\.""")


def traversal_strip(source: SourceFile) -> list[RawFinding]:
    """Findings for ``../`` deleted in one pass as a traversal filter."""
    if source.language not in {"python", "javascript", "typescript", "go", "java"} or source.is_test \
            or not _DOTS.search(source.text):
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, _DOTS):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        for match in _REPLACE.finditer(line):
            args = call_arguments(line, match.end())
            if not args or in_string(line, match.start()):
                continue
            go = match.group(0).startswith("strings.")
            sub = match.group(0) == "re.sub("
            pattern, replacement = (args[1:3] if go else args[:2]) if len(args) >= (3 if go else 2) else ("", "")
            if sub and len(args) >= 2:
                pattern, replacement = args[0], args[1]
            if not _parent_step(pattern) or not _EMPTY.match(replacement):
                continue
            if any(_REPEATED.search(lines[i]) for i in range(max(0, number - 3), number)):
                continue
            out.append(make_finding(
                "traversal-strip", file=source.path, line=number + 1, severity="medium", family="guard",
                confidence=60,
                description=f"`{pattern.strip()}` is deleted in one pass; what surrounds it re-forms the step "
                            "(`....//` becomes `../`), so the name can still leave its directory."))
            break
    return out
