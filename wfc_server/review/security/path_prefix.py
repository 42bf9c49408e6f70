"""Containment checks that compare paths as strings (WFC-SEC-PATH-PREFIX, CWE-22).

The check a traversal fix adds is usually right in spirit and wrong in the detail: the resolved
target is tested with ``startswith`` against the base directory, and the base lacks its trailing
separator, so ``/srv/app-secrets`` passes for base ``/srv/app``. This module finds prefix tests
(``startswith`` / ``startsWith`` / ``strings.HasPrefix`` / ``indexOf(base) === 0`` /
``os.path.commonprefix``) whose operands are paths (a normalising call such as ``realpath``,
``getCanonicalPath``, ``path.resolve``, ``filepath.Abs`` is in the operands or in the assignment
that produced them) and whose base is not followed by a separator anywhere the file builds it.

Text-level on purpose: the evidence is all on one line and its operands' assignments, and the
check must cost nothing on files without a prefix test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wfc_server.review.analysis.line_exprs import (
    MINIFIED,
    call_arguments,
    candidate_lines,
    in_string,
    last_assignment,
    receiver,
)
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile


@dataclass(frozen=True, slots=True)
class PrefixSyntax:
    """How one language writes a prefix test and path normalisation."""

    tests: re.Pattern[str]  # the method/function position; prefix tests start at match.end()
    function_form: bool  # ``HasPrefix(subject, base)`` rather than ``subject.startswith(base)``
    normalising: re.Pattern[str]  # calls that make an absolute / canonical path
    string_typed: re.Pattern[str] | None  # Java: the subject must be a String, not a Path


_PY = PrefixSyntax(_S(r"\.startswith\("), False,
                   _S(r"\b(abspath|realpath|normpath|expanduser|resolve|absolute)\(|\bos\.path\.join\("), None)
_JS = PrefixSyntax(_S(r"\.startsWith\("), False,
                   _S(r"\bpath\.(resolve|normalize|join)\(|\brealpath(Sync)?\("), None)
_GO = PrefixSyntax(_S(r"\bstrings\.HasPrefix\("), True,
                   _S(r"\bfilepath\.(Abs|Clean|Join|EvalSymlinks)\(|\bpath\.(Clean|Join)\("), None)
_JAVA = PrefixSyntax(_S(r"\.startsWith\("), False,
                     _S(r"\b(getCanonicalPath|getAbsolutePath|getCanonicalFile|getAbsoluteFile|toAbsolutePath|"
                        r"toRealPath|normalize)\("),
                     _S(r"(getCanonicalPath|getAbsolutePath|getPath|toString)\(\)\s*$"))
SYNTAX: dict[str, PrefixSyntax] = {"python": _PY, "javascript": _JS, "typescript": _JS, "go": _GO, "java": _JAVA}

#: A separator appended to (or ending) the base: the prefix test then compares whole components.
_SEPARATOR = _S(r"""\bsep\b|\bseparator\b|separatorChar|PathSeparator|os\.sep|path\.sep|['"`][/\\]{1,2}['"`]|"""
                r"""['"`][^'"`\n]*/['"`]\s*$|\+\s*['"`]/|,\s*(''|"")\s*\)""")
#: The line is a guard that refuses what fails the test (negated test, then a refusal), or returns
#: the verdict from a function named for containment; a prefix test that merely chooses a display
#: form or skips a duplicate is not a security boundary.
_NEGATED = _S(r"(\bnot\s*\(?|!\s*\(?)[\w.$()\[\]\s+]*?(\.startswith|\.startsWith|strings\.HasPrefix|\.indexOf|"
              r"os\.path\.commonprefix)\(|commonprefix\([^\n]*!=|\.indexOf\([^\n]*!==?\s*0\b")
_REFUSAL = _S(r"\b(raise|throw|abort|deny|forbid\w*|errors\.New|fmt\.Errorf|HTTPError|PermissionError|"
              r"SecurityException|Forbidden|reject)\b|\breturn\b[^\n]*\b(false|False|None|null|nil|err\w*|Error)\b|"
              r"\b40[34]\b")
_CONTAINMENT_NAME = _S(r"(?i)(def|func|function|boolean|bool)\s+\w*(inside|within|contain|safe|allowed|under|"
                       r"child|escape|confine|subpath|subdir)")
_ANY_TEST = _S(r"startswith|startsWith|HasPrefix|commonprefix|indexOf")
_COMMONPREFIX = _S(r"\bos\.path\.commonprefix\(")
_INDEXOF = _S(r"\.indexOf\(")
_IDENT = _S(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


def path_prefix_checks(source: SourceFile) -> list[RawFinding]:
    """Findings for string-prefix containment checks in one file."""
    syntax = SYNTAX.get(source.language)
    if syntax is None or source.is_test:
        return []
    text = source.text
    if not (syntax.tests.search(text) or _COMMONPREFIX.search(text) or
            (source.language in {"javascript", "typescript"} and _INDEXOF.search(text))):
        return []
    lines = text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(text, _ANY_TEST):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        detail = _line_defect(syntax, source.language, lines, number, line)
        if detail:
            out.append(make_finding("path-prefix-check", file=source.path, line=number + 1, severity="medium",
                                    description=detail, family="guard", confidence=60))
    return out


def _line_defect(syntax: PrefixSyntax, language: str, lines: list[str], number: int, line: str) -> str | None:
    stripped = line.strip()
    if not stripped or stripped.startswith(("#", "//", "*", "/*")) or not _guard(lines, number, line):
        return None
    if language == "python" and _COMMONPREFIX.search(line) and syntax.normalising.search(
            line + "".join(last_assignment(lines, number, name) for name in _IDENT.findall(line))):
        return ("`os.path.commonprefix` compares paths character by character: `/base-x/f` shares the "
                "prefix `/base`, so this containment check lets a sibling directory through.")
    for match in syntax.tests.finditer(line):
        args = call_arguments(line, match.end())
        if args is None or in_string(line, match.start()):
            continue
        if syntax.function_form:
            if len(args) != 2:
                continue
            subject, base = args
        else:
            if len(args) != 1:
                continue
            subject, base = receiver(line, match.start()), args[0]
        found = _judge(syntax, lines, number, subject, base)
        if found:
            return found
    if language in {"javascript", "typescript"}:
        for match in _INDEXOF.finditer(line):
            args = call_arguments(line, match.end())
            rest = line[match.end():]
            if args is None or len(args) != 1 or not re.search(r"\)\s*[!=]==?\s*0\b", rest):
                continue
            found = _judge(syntax, lines, number, receiver(line, match.start()), args[0])
            if found:
                return found
    return None


def _guard(lines: list[str], number: int, line: str) -> bool:
    """The prefix test on ``line`` decides whether a path is refused (see ``_NEGATED``)."""
    if _NEGATED.search(line) and _REFUSAL.search(" ".join(lines[number:number + 4])):
        return True
    if re.match(r"\s*return\b", line):
        return any(_CONTAINMENT_NAME.search(lines[i]) for i in range(number - 1, max(-1, number - 15), -1)
                   if re.search(r"\b(def|func|function)\b|\)\s*(throws\s[\w, .]+)?\{\s*$", lines[i]))
    return False


def _judge(syntax: PrefixSyntax, lines: list[str], number: int, subject: str, base: str) -> str | None:
    """The description when ``subject`` starts-with ``base`` is a path containment check whose base
    lacks a separator; None when it is safe or not about paths."""
    subject, base = subject.strip(), base.strip()
    if not subject or not base or base[0] in "'\"`" or _SEPARATOR.search(base):
        return None
    base_names = _IDENT.findall(base)
    subject_names = _IDENT.findall(subject)
    base_built = " ".join(last_assignment(lines, number, n) for n in base_names)
    if _SEPARATOR.search(base_built) or any(_separator_appended("\n".join(lines), n) for n in base_names):
        return None
    evidence = " ".join((subject, base, base_built, *(last_assignment(lines, number, n) for n in subject_names)))
    if not syntax.normalising.search(evidence):
        return None
    if syntax.string_typed is not None and not _java_string(syntax, lines, number, subject):
        return None
    return (f"`{_short(subject)}` is tested against `{_short(base)}` as a string prefix and the base does not "
            "end with a separator: a sibling such as `<base>-other/...` passes this containment check.")


def _java_string(syntax: PrefixSyntax, lines: list[str], number: int, subject: str) -> bool:
    """``Path.startsWith`` compares components (safe); only ``String.startsWith`` is the defect."""
    assert syntax.string_typed is not None
    if syntax.string_typed.search(subject):
        return True
    name = subject.split(".")[0]
    if not re.fullmatch(r"[A-Za-z_$][\w$]*", subject):
        return False
    declared = re.compile(rf"\bString\s+{re.escape(name)}\s*[=;,)]")
    return any(declared.search(lines[i]) for i in range(max(0, number - 200), number + 1))


def _separator_appended(text: str, name: str) -> bool:
    """``base += os.sep`` / ``base = base + "/"`` anywhere: the base was made to end in a separator."""
    n = re.escape(name.split(".")[-1])
    pattern = re.compile(rf"^.*\b{n}\s*(\+=|=\s*[\w.]*\b{n}\s*\+).*$", re.MULTILINE)
    return any(_SEPARATOR.search(m.group(0)) for m in pattern.finditer(text))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."
