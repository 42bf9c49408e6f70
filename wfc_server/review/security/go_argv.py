"""Go helpers that pass a caller's value to an option-parsing tool (WFC-SEC-ARGI, CWE-88).

``LangAnalysis`` reports request data reaching ``exec.Command("git", ..., value)``. Real code
builds the argument list in a helper: ``args = append(args, u.String(), dst)`` and later
``exec.CommandContext(ctx, "git", args...)``, with the URL arriving as a parameter. A value that
starts with ``-`` (``--upload-pack=touch /tmp/x``) is then parsed as an option. This module
follows the argument slice through its ``append`` lines inside the function and reports the line
that adds a parameter-derived positional value when no ``"--"`` ends option parsing and the
function does not reject a leading ``-``. Parameters are possibly untrusted, not proven request
data, so the finding is one tier below the request-to-sink rule: ``low``.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, assignment_at, call_arguments
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_EXEC = _S(r"\bexec\.Command(Context)?\(")
_FUNC = _S(r"^func\s*(?:\([^)]*\)\s*)?(\w+)\s*\((?P<params>[^)]*)\)")
_LITERAL = _S(r'''^\s*("([^"\\]|\\.)*"|`[^`]*`|-?\d+)\s*$''')
_OPTION_LITERAL = _S(r'^\s*"-[^"=]*"\s*$')
_END_OF_OPTIONS = _S(r'^\s*["`]--["`]\s*$')
_NO_DASH_CHECK = _S(r'HasPrefix\([^,]+,\s*"-"\)|\[0\]\s*==\s*\'-\'|TrimLeft\([^,]+,\s*"-"\)')
_TOOLS = frozenset({"git", "hg", "svn", "curl", "wget", "tar", "ssh", "scp", "rsync", "zip", "unzip", "docker",
                    "kubectl", "ffmpeg", "ffprobe", "convert", "sendmail", "openssl", "gpg", "7z", "find", "psql",
                    "mysql", "pandoc", "wkhtmltopdf", "gs"})


def go_parameter_arguments(source: SourceFile) -> list[RawFinding]:
    """Findings for parameter values given to option-parsing tools without ``"--"``."""
    if source.language != "go" or source.is_test or not _EXEC.search(source.text):
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    seen: set[int] = set()
    for number, line in enumerate(lines):
        if len(line) > MINIFIED:
            continue
        match = _EXEC.search(line)
        if match is None:
            continue
        args = call_arguments(line, match.end())
        if not args:
            continue
        argv = args[1:] if match.group(1) else args
        tool = argv[0].strip().strip('"`').rsplit("/", 1)[-1] if argv and _LITERAL.match(argv[0]) else ""
        if tool not in _TOOLS:
            continue
        start, params = _function(lines, number)
        if not params or _NO_DASH_CHECK.search("\n".join(lines[start:number])):
            continue
        for at, value in _positionals(lines, start, number, argv[1:]):
            if at not in seen and _from_parameter(lines, start, at, value, params):
                seen.add(at)
                out.append(make_finding(
                    "argument-injection", file=source.path, line=at + 1, severity="low", family="guard",
                    confidence=55,
                    description=f"`{value.strip()}` (from a parameter of this function) is passed to `{tool}` as "
                                'a positional argument with no "--" before it: a value starting with \'-\' is '
                                "read as an option (`--upload-pack=...`)."))
                break
    return out


def _positionals(lines: list[str], start: int, number: int, argv: list[str]) -> list[tuple[int, str]]:
    """(line index, element) of every non-literal positional argument, following a spread slice
    (``args...``) back through its ``append`` and literal lines; empty when a ``"--"`` is present."""
    elements: list[tuple[int, str]] = []
    for element in argv:
        spread = re.fullmatch(r"\s*([A-Za-z_]\w*)\.\.\.\s*", element)
        if spread is None:
            elements.append((number, element))
            continue
        name = re.escape(spread.group(1))
        grows = _S(rf"\b{name}\s*=\s*append\(\s*{name}\s*,|\b{name}\s*:?=\s*\[\]string\{{")
        for i in range(start, number):
            found = grows.search(lines[i])
            if found is None:
                continue
            rest = call_arguments(lines[i], found.end()) if "append" in found.group(0) else \
                call_arguments(lines[i].replace("{", "(", 1).replace("}", ")", 1), found.end())
            elements += [(i, e) for e in (rest or []) if not e.strip().endswith("...")]
    if any(_END_OF_OPTIONS.match(e) for _, e in elements):
        return []
    out = []
    previous = ""
    for at, element in elements:
        if not _LITERAL.match(element) and not _OPTION_LITERAL.match(previous):
            out.append((at, element))
        previous = element
    return out


def _function(lines: list[str], number: int) -> tuple[int, set[str]]:
    """The enclosing function's first line and its parameter names."""
    for i in range(number, max(-1, number - 300), -1):
        header = _FUNC.match(lines[i])
        if header:
            names = set()
            for part in header.group("params").split(","):
                words = part.split()
                if words:
                    names.add(words[0])
            return i, names - {"ctx"}
    return number, set()


def _from_parameter(lines: list[str], start: int, at: int, value: str, params: set[str]) -> bool:
    base = re.match(r"\s*&?\*?([A-Za-z_]\w*)", value)
    if base is None:
        return False
    name = base.group(1)
    if name in params:
        return True
    found = assignment_at(lines, at - 1, name, stop=max(0, at - start))
    if found is None:
        return False
    return any(re.search(rf"(?<![\w.]){re.escape(p)}\b", found[1]) for p in params)
