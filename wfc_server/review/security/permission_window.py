"""Files created with the default mode, then narrowed (WFC-SEC-PERM-WINDOW, CWE-362).

A write of a secret (a private key, a token file) often looks careful: ``open`` then
``chmod 600``. The chmod comes too late; the file was readable by others from its creation until
then. This module pairs a creating call with a restrictive chmod of the same path expression
within the next few lines and reports the creating call. A create that already passes a mode
(``os.OpenFile(p, f, 0o600)``, ``{ mode: 0o600 }``) has nothing to report.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, candidate_lines, in_string
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_PATH = r"([\w$.]+(?:\(\))?)"
#: Calls that create or truncate a file at a path with the default mode; group 1 is the path.
_CREATES: dict[str, re.Pattern[str]] = {
    "python": _S(rf"""\bopen\(\s*{_PATH}\s*,\s*(?:mode\s*=\s*)?[rb]?['"][wax]b?\+?['"]\s*[,)]|"""
                 rf"""\b{_PATH}\.(?:write_text|write_bytes|touch)\("""),
    "go": _S(rf"\bos\.(?:Create|WriteFile)\(\s*{_PATH}\s*[,)]"),
    "javascript": _S(rf"\bfs\w*\.(?:writeFileSync|writeFile|createWriteStream|openSync|open)\(\s*{_PATH}\s*,"
                     rf"(?![^\n]*\bmode\b)"),
    "java": _S(rf"\bFiles\.(?:write|writeString|createFile|newOutputStream|newBufferedWriter)\(\s*{_PATH}\s*[,)]|"
               rf"\bnew\s+(?:FileOutputStream|FileWriter|PrintWriter)\(\s*{_PATH}\s*[,)]"),
}
_CREATES["typescript"] = _CREATES["javascript"]
#: A chmod of a path (group "path") to a mode (group "mode").
_CHMODS: dict[str, re.Pattern[str]] = {
    "python": _S(r"\bos\.chmod\(\s*(?P<path>[\w$.]+)\s*,\s*(?P<mode>[^)]+)\)|"
                 r"\b(?P<path2>[\w$.]+)\.chmod\(\s*(?P<mode2>[^)]+)\)"),
    "go": _S(r"\bos\.Chmod\(\s*(?P<path>[\w$.]+)\s*,\s*(?P<mode>[^)]+)\)"),
    "javascript": _S(r"\bfs\w*\.(?:chmodSync|chmod)\(\s*(?P<path>[\w$.]+)\s*,\s*(?P<mode>[^),]+)|"
                     r"(?<![\w.])chmod\(\s*(?P<path2>[\w$.]+)\s*,\s*(?P<mode2>[^),]+)"),
    "java": _S(r"\bFiles\.setPosixFilePermissions\(\s*(?P<path>[\w$.]+(?:\(\))?)\s*,\s*(?P<mode>.+)\)"),
}
_CHMODS["typescript"] = _CHMODS["javascript"]
#: Owner-only modes: 0o600 / 0600 / 384, S_IRUSR|S_IWUSR without group/other bits, "rw-------",
#: a constant named for it (``o600``, ``PRIVATE_MODE``).
_OWNER_ONLY = _S(r"""^\s*0?[oO]?[0-7]?[0-7]00\s*$|^\s*(384|256|448)\s*$|"""
                 r"""^(?!.*(GRP|OTH|GROUP|OTHERS))[^\n]*(S_IRUSR|S_IWUSR|S_IRWXU|OWNER_)|"""
                 r"""['"][r-][w-][x-]------['"]|(?i:^\s*[\w.]*(o[0-7]00|private|owner_only|secret)\w*\s*$)""")
_WINDOW = 8
_CREATE_HINT = _S(r"open\(|write|Create\(|WriteFile\(|createFile\(|new\s+(File|Print)\w*\(|touch\(|OutputStream")


def permission_window(source: SourceFile) -> list[RawFinding]:
    """Findings for files narrowed by chmod after they were created."""
    creates, chmods = _CREATES.get(source.language), _CHMODS.get(source.language)
    if creates is None or chmods is None or source.is_test or not chmods.search(source.text):
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, _CREATE_HINT):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        created = creates.search(line)
        if created is None or in_string(line, created.start()):
            continue
        path = next(g for g in created.groups() if g)
        for later in lines[number:number + _WINDOW + 1]:
            chmod = chmods.search(later)
            if chmod is None:
                continue
            target = chmod.group("path") or chmod.groupdict().get("path2")
            mode = chmod.group("mode") or chmod.groupdict().get("mode2") or ""
            if target == path and _OWNER_ONLY.search(mode):
                out.append(make_finding(
                    "permission-window", file=source.path, line=number + 1, severity="medium", family="guard",
                    confidence=60,
                    description=f"`{path}` is created with the default mode and only narrowed to `{mode.strip()}` "
                                "afterwards; until then other local users can open it."))
                break
    return out
