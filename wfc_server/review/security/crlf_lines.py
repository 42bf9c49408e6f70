"""CRLF-terminated protocol lines built from a parameter in JS/TS, Go and Java (WFC-SEC-CRLF, CWE-93).

The Python form lives in ``py_guards``. Clients and servers of text protocols (SMTP, HTTP/1,
proxies' CONNECT, IRC, Redis inline commands) write ``"EHLO " + name + "\\r\\n"`` to a socket. A
parameter of the writing function that reaches such a line unchecked lets its caller end the line
early and add commands or headers. Flagged: a write to a connection-like receiver (or an
``Fprintf`` to one) whose argument contains a string literal with ``\\r\\n`` that reads as a
protocol line and interpolates a parameter of the enclosing function, when the function never
tests or strips ``\\r`` / ``\\n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments, candidate_lines, receiver
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile


@dataclass(frozen=True, slots=True)
class CrlfSyntax:
    writes: re.Pattern[str]  # a write call; ends at its "("
    first_is_stream: bool  # Fprintf(conn, ...): the stream is the first argument
    header: re.Pattern[str]  # a function header; group "params" lists its parameters
    param_name: re.Pattern[str]  # the name within one parameter declaration


_JS = CrlfSyntax(_S(r"\.(write|end|send|_sendCommand|sendCommand|writeLine)\("), False,
                 _S(r"(?:\bfunction\b\s*\w*|^\s*(?:async\s+)?(?!(?:if|for|while|switch|catch)\b)\w+)\s*\((?P<params>[^()]*)\)"
                    r"\s*(?::\s*[\w<>\[\]|, ]+)?\s*\{\s*$|\((?P<params2>[^()]*)\)\s*=>\s*\{\s*$"),
                 _S(r"^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)"))
_GO = CrlfSyntax(_S(r"\bfmt\.Fprintf\(|\bio\.WriteString\(|\.(Write|WriteString|PrintfLine|Cmd)\("), True,
                 _S(r"^func\s*(?:\([^)]*\)\s*)?\w+\s*\((?P<params>[^)]*)\)"), _S(r"^\s*([A-Za-z_]\w*)"))
_JAVA = CrlfSyntax(_S(r"\.(write|print|println|writeBytes|sendCommand)\("), False,
                   _S(r"^\s*(?:(?:public|protected|private|static|final|synchronized)\s+)*[\w<>\[\], ?]+\s+\w+\s*"
                      r"\((?P<params>[^)]*)\)\s*(?:throws [\w., ]+)?\{?\s*$"),
                   _S(r"([A-Za-z_$][\w$]*)\s*$"))
SYNTAX: dict[str, CrlfSyntax] = {"javascript": _JS, "typescript": _JS, "go": _GO, "java": _JAVA}
_STREAM = _S(r"(?i)sock|conn|transport|writer|stream|channel|client|server|smtp|peer|^out$|^os$|^w$|^c$|^this$")
_CRLF_LITERAL = _S(r"""(['"`])(?:(?!\1).)*\\r\\n(?:(?!\1).)*\1""")
_PROTOCOL_LINE = _S(r"""[A-Za-z][\w-]*:\s|['"`][A-Z]{3,}[ :]|HTTP/1""")
_REJECTS = _S(r"""\\r|\\n|ContainsAny\(|ContainsRune\(|IndexAny\(|[Nn]ewline|lineBreak""")


def crlf_lines(source: SourceFile) -> list[RawFinding]:
    """Findings for protocol lines formatted from a parameter and written raw."""
    syntax = SYNTAX.get(source.language)
    if syntax is None or source.is_test or "\\r\\n" not in source.text:
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, syntax.writes):
        line = lines[number]
        if len(line) > MINIFIED or "\\r\\n" not in line:
            continue
        for call in syntax.writes.finditer(line):
            args = call_arguments(line, call.end())
            if not args:
                continue
            stream = args[0] if syntax.first_is_stream and call.group(0).startswith(("fmt.", "io.")) \
                else receiver(line, call.start()).rsplit(".", 1)[-1]
            payload = " ".join(args[1:] if syntax.first_is_stream and call.group(0).startswith(("fmt.", "io."))
                               else args)
            if not _STREAM.search(stream.strip()) or not _CRLF_LITERAL.search(payload) \
                    or not _PROTOCOL_LINE.search(payload):
                continue
            start, params = _function(syntax, lines, number)
            code = [re.sub(r"^\s*(//|\*).*$|\s//\s.*$", "", text) for text in lines[start:number]]
            body = _CRLF_LITERAL.sub("", "\n".join(code) + "\n" + _without_literals(line))
            used = [p for p in params if re.search(rf"(?<![\w$.]){re.escape(p)}\b", _without_literals(payload,
                                                                                                      keep_holes=True))]
            if not used or _REJECTS.search(body):
                continue
            out.append(make_finding(
                "crlf-injection", file=source.path, line=number + 1, severity="medium", family="guard",
                confidence=55,
                description=f"`{used[0]}` (a parameter) is written into a CRLF-terminated protocol line and nothing "
                            "rejects \\r/\\n in it: a caller can end the line early and inject commands or headers."))
            break
    return out


def _without_literals(text: str, keep_holes: bool = False) -> str:
    """``text`` with string literals removed (template holes ``${x}`` kept when asked)."""
    if keep_holes:
        holes = " ".join(re.findall(r"\$\{([^}]*)\}", text))
        return re.sub(r"""(['"`])(?:\\.|(?!\1).)*\1""", " ", text) + " " + holes
    return re.sub(r"""(['"`])(?:\\.|(?!\1).)*\1""", " ", text)


def _function(syntax: CrlfSyntax, lines: list[str], number: int) -> tuple[int, list[str]]:
    for i in range(number, max(-1, number - 150), -1):
        header = syntax.header.search(lines[i])
        if header:
            params = header.group("params") if header.group("params") is not None else \
                header.groupdict().get("params2") or ""
            names = []
            for part in params.split(","):
                part = re.sub(r"=.*", "", part).strip()
                if syntax is _JAVA:
                    part = re.sub(r"@\w+(\([^)]*\))?\s*", "", part)
                found = syntax.param_name.search(part)
                if found and found.group(1) not in {"this", "self"}:
                    names.append(found.group(1))
            return i, names
    return number, []
