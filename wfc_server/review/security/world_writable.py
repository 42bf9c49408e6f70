"""chmod to a world-writable mode in Go, JS/TS and Java (WFC-SEC-PERMS, CWE-732).

The Python form lives in ``python_rules``. Only calls that set a mode outright are judged
(``os.Chmod``, ``fs.chmodSync``, ``Files.setPosixFilePermissions``, ``setWritable(true, false)``):
they bypass the umask, so the mode written is the mode the file gets. A creating call's mode
(``os.MkdirAll(dir, 0o777)``) is filtered by the umask and is not reported.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments, candidate_lines, in_string
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_CHMOD: dict[str, re.Pattern[str]] = {
    "go": _S(r"\bos\.Chmod\(|\b\w+\.Chmod\("),
    "javascript": _S(r"\bfs\w*\.(?:chmodSync|chmod|fchmodSync|fchmod)\(|(?<![\w.])chmod\("),
    "java": _S(r"\bFiles\.setPosixFilePermissions\(|\.setWritable\(|\.setExecutable\("),
}
_CHMOD["typescript"] = _CHMOD["javascript"]
_OCTAL = _S(r"^\s*0[oO]?([0-7]{3,4})\s*$|^\s*(\d{3,4})\s*$")
_OTHERS_WRITE = _S(r"""OTHERS_WRITE|['"][r-][w-][x-][r-][w-][x-][r-]w[x-]['"]""")


def world_writable(source: SourceFile) -> list[RawFinding]:
    """Findings for modes set to world-writable."""
    pattern = _CHMOD.get(source.language)
    if pattern is None or source.is_test:
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, pattern):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        for call in pattern.finditer(line):
            args = call_arguments(line, call.end())
            if not args or in_string(line, call.start()):
                continue
            mode = _world_writable(source.language, call.group(0), args)
            if mode:
                out.append(make_finding(
                    "insecure-permissions", file=source.path, line=number + 1, severity="medium", family="guard",
                    confidence=75,
                    description=f"The mode set here ({mode}) lets every local user write the file: they can "
                                "replace its content or code."))
                break
    return out


def _world_writable(language: str, call: str, args: list[str]) -> str:
    if language == "java":
        if call.startswith(".setWritable") and len(args) == 2 and args[0].strip() == "true" \
                and args[1].strip() == "false":
            return "setWritable(true, false)"
        if call.startswith("Files.") and len(args) >= 2 and _OTHERS_WRITE.search(",".join(args[1:])):
            return "others may write"
        return ""
    if len(args) < (1 if call.startswith(("f.", "file.")) else 2):
        return ""
    octal = _OCTAL.match(args[-1])
    if octal is None:
        return ""
    if octal.group(1):
        value = int(octal.group(1), 8)
    else:
        value = int(octal.group(2))
        if language in {"javascript", "typescript"} and value not in {438, 511}:  # decimal 0666 / 0777
            value = int(octal.group(2), 8) if re.fullmatch(r"[0-7]+", octal.group(2)) else value
    return oct(value) if value & 0o002 else ""
