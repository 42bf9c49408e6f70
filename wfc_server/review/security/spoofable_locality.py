"""Local-only checks that read a client-written header (WFC-SEC-SPOOFED-LOCAL, CWE-346).

"Only allow this from the machine itself" is a common guard for admin pages, click-to-install
endpoints and debug consoles. Written against the ``Host`` header (or ``X-Forwarded-For``), it
checks a value the client typed. This module flags a comparison of such a header value with a
loopback literal (``localhost``, ``127.0.0.1``, ``::1``) inside a function that refuses requests
(a 401/403, ``abort``, ``Forbidden``) or is named for the guard (``local_only``), so a Host test
that only picks a URL scheme or a dev setting stays quiet.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, candidate_lines, last_assignment
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile

#: Expressions that read a header the client controls, per language.
_HEADER_READS: dict[str, re.Pattern[str]] = {
    "python": _S(r"""\brequest\.(host|get_host\(\)|host_url)\b|HTTP_HOST|HTTP_X_FORWARDED_FOR|HTTP_X_REAL_IP|"""
                 r"""headers(\.get\(|\[)\s*['"](host|x-forwarded-for|x-real-ip)['"]""", re.IGNORECASE),
    "javascript": _S(r"""\b(req|request|ctx)\.(hostname|host)\b|headers\.host\b|"""
                     r"""(headers\[|headers\.get\(|\.get\(|\.header\()\s*['"](host|x-forwarded-for|x-real-ip)['"]""",
                     re.IGNORECASE),
    "go": _S(r"""\b(r|req|request)\.Host\b|Header\.Get\(\s*"(Host|X-Forwarded-For|X-Real-Ip)"\s*\)""",
             re.IGNORECASE),
    "java": _S(r"""\bgetServerName\(\)|getHeader\(\s*"(host|x-forwarded-for|x-real-ip)"\s*\)""", re.IGNORECASE),
}
_HEADER_READS["typescript"] = _HEADER_READS["javascript"]
_LOOPBACK = _S(r"""['"`](localhost|127\.0\.0\.1|::1|\[::1\]|::ffff:127\.0\.0\.1)(:\d+)?['"`]""")
_COMPARISON = _S(r"==|!=|\bin\b|\bnot in\b|\.(includes|contains|equals|equalsIgnoreCase|startswith|startsWith|"
                 r"indexOf|has)\(|\bHasPrefix\(")
_REFUSAL = _S(r"\b40[13]\b|Forbidden|Unauthorized|abort\(|PermissionDenied|AccessDenied|SC_FORBIDDEN|"
              r"StatusForbidden|StatusUnauthorized|sendError\(|deny|not allowed", re.IGNORECASE)
_GUARD_NAME = _S(r"(?i)(def|func|function|void|boolean|bool)\s+\w*(local|loopback|trusted|internal|admin|allow)\w*\s*\(")
_FUNCTION = _S(r"^\s*(async\s+)?(def|func|function)\b|^\s*(public|private|protected|static|[\w<>\[\]]+\s+)+\w+\s*\([^)]*\)"
                r"\s*(throws [\w., ]+)?\{\s*$")
_IDENT = _S(r"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$(])")


def spoofable_locality(source: SourceFile) -> list[RawFinding]:
    """Findings for loopback checks made on a client-written header."""
    reads = _HEADER_READS.get(source.language)
    if reads is None or source.is_test or not _LOOPBACK.search(source.text) or not reads.search(source.text):
        return []
    lines = source.text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(source.text, _LOOPBACK):
        line = lines[number]
        if len(line) > MINIFIED or not _COMPARISON.search(line):
            continue
        header = reads.search(line)
        if header is None:
            header = next((m for name in _IDENT.findall(_LOOPBACK.sub("", line))
                           if (m := reads.search(last_assignment(lines, number - 1, name, stop=40)))), None)
        if header is None or not _refuses(lines, number):
            continue
        out.append(make_finding(
            "spoofable-locality", file=source.path, line=number + 1, severity="medium", family="guard",
            confidence=60,
            description=f"Access is decided by comparing `{header.group(0)}` with a loopback name; the client "
                        "writes that header, so any remote caller can claim to be local."))
    return out


def _refuses(lines: list[str], number: int) -> bool:
    """The check guards something: a refusal near it, or a function named for the guard."""
    for i in range(number, min(len(lines), number + 7)):
        if i > number and _FUNCTION.search(lines[i]):
            break
        if _REFUSAL.search(lines[i]):
            return True
    header = next((lines[i] for i in range(number, max(-1, number - 40), -1) if _FUNCTION.search(lines[i])), "")
    return bool(_GUARD_NAME.search(header))
