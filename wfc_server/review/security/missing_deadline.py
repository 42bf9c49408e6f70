"""Go servers waiting on clients without a deadline (WFC-SEC-NO-DEADLINE, CWE-400).

Three shapes, each a wait whose length the client chooses:

- a handshake on an accepted connection (``ssh.NewServerConn(conn, ...)``,
  ``tls.Server(conn, ...)`` then ``Handshake``) in a function that never calls ``SetDeadline`` /
  ``SetReadDeadline`` on that connection;
- an ``http.Server{...}`` literal that sets neither ``ReadHeaderTimeout`` nor ``ReadTimeout``
  (read where the literal closes, however many lines it spans);
- ``http.ListenAndServe`` / ``ListenAndServeTLS`` as package functions, which build such a server.

Reported ``low``: a missing timeout is a robustness defect an attacker can use, not an injection.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_HANDSHAKE = _S(r"\b(ssh\.NewServerConn|tls\.Server|ssh\.NewClientConn)\(")
_SERVER_LITERAL = _S(r"\bhttp\.Server\s*\{")
_PACKAGE_LISTEN = _S(r"(?<![\w.])http\.(ListenAndServe|ListenAndServeTLS)\(")
_FUNC = _S(r"^func\b")


def missing_deadlines(source: SourceFile) -> list[RawFinding]:
    """Findings for Go server waits with no deadline."""
    text = source.text
    if source.language != "go" or source.is_test or not (
            _HANDSHAKE.search(text) or _SERVER_LITERAL.search(text) or _PACKAGE_LISTEN.search(text)):
        return []
    lines = text.split("\n")
    out: list[RawFinding] = []
    for number, line in enumerate(lines):
        if len(line) > MINIFIED or line.lstrip().startswith("//"):
            continue
        detail = _handshake(lines, number, line) or _server_literal(lines, number, line) or _package_listen(line)
        if detail:
            out.append(make_finding("missing-deadline", file=source.path, line=number + 1, severity="low",
                                    family="guard", confidence=55, description=detail))
    return out


def _handshake(lines: list[str], number: int, line: str) -> str | None:
    match = _HANDSHAKE.search(line)
    if match is None:
        return None
    args = call_arguments(line, match.end())
    if not args:
        return None
    conn = args[0].strip()
    if not re.fullmatch(r"[A-Za-z_]\w*", conn):
        return None
    start = next((i for i in range(number, max(-1, number - 200), -1) if _FUNC.match(lines[i])), 0)
    end = next((i for i in range(number + 1, min(len(lines), number + 200)) if _FUNC.match(lines[i])), len(lines))
    body = "\n".join(lines[start:end])
    if re.search(rf"\b{re.escape(conn)}\.Set(Read)?Deadline\(|\bSetDeadline\(|[Tt]imeout\w*Conn\(", body):
        return None
    return (f"`{match.group(1)}` runs the handshake on `{conn}` with no deadline set on it; a client that connects "
            "and stays silent holds the connection and its goroutine forever.")


def _server_literal(lines: list[str], number: int, line: str) -> str | None:
    match = _SERVER_LITERAL.search(line)
    if match is None:
        return None
    depth, fields = 0, []
    for text in lines[number:number + 60]:
        segment = text[match.end() - 1:] if text is line else text
        fields.append(segment)
        depth += segment.count("{") - segment.count("}")
        if depth <= 0:
            break
    if re.search(r"\bRead(Header)?Timeout\s*:", "\n".join(fields)):
        return None
    return ("This `http.Server` sets neither `ReadHeaderTimeout` nor `ReadTimeout`: a client that sends its "
            "request headers slowly (Slowloris) holds a connection for as long as it likes.")


def _package_listen(line: str) -> str | None:
    match = _PACKAGE_LISTEN.search(line)
    if match is None:
        return None
    return (f"`http.{match.group(1)}` serves with no read or header timeout (it cannot set one): slow clients "
            "hold connections open indefinitely.")
