"""Protocol line built from a caller's value and written raw: 1 rule (WFC-SEC-CRLF).

HTTP, SMTP, Redis, IRC and similar text protocols separate commands and headers with CRLF. A
client or server that formats ``f"{name}: {value}\\r\\n"`` (or ``"MAIL FROM:<%s>\\r\\n" % sender``)
from a value it was handed, and writes it to the socket without rejecting CR/LF, lets whoever
controls the value add headers or whole commands.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

CRLF_INJECTION = Rule(
    id="WFC-SEC-CRLF",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="CRLF injection into a protocol stream",
    concept="crlf-injection",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-93",
    confidence=60,
    doc=RuleDoc(
        what="A protocol line (a header, a request line, a command) terminated by CRLF is built "
        "from a function parameter and written to a stream or socket, and nothing rejects or "
        "strips CR and LF in that value first.",
        why="A value containing \\r\\n ends the line early: the caller who controls it injects "
        "extra headers (cookies, redirects, smuggled requests) or extra protocol commands "
        "(CWE-93, CWE-113).",
        example='sock.sendall(f"Host: {host}\\r\\n".encode())',
        fix="Reject values containing \\r or \\n (raise) before formatting the line, or use a "
        "library that validates header values (http.client.putheader, email.headerregistry).",
    ),
    suggestions={
        "python": 'if "\\r" in value or "\\n" in value: raise ValueError("invalid header value")',
        "javascript": "if (/[\\r\\n]/.test(value)) throw new Error('line break in protocol value');",
        "typescript": "if (/[\\r\\n]/.test(value)) throw new Error('line break in protocol value');",
        "go": 'if strings.ContainsAny(value, "\\r\\n") { return errInvalidValue }',
        "java": "if (value.indexOf('\\r') >= 0 || value.indexOf('\\n') >= 0) throw new IllegalArgumentException(value);",
        "*": "Reject CR and LF in values before writing them into a protocol line.",
    },
)

RULES = (CRLF_INJECTION,)
