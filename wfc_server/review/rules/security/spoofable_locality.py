"""Access decided by a client-supplied Host or forwarding header: 1 rule (WFC-SEC-SPOOFED-LOCAL).

The declaration is the rule's identity and documentation; the detector
(``review/security/spoofable_locality.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

SPOOFED_LOCAL = Rule(
    id="WFC-SEC-SPOOFED-LOCAL",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Local-only access decided by a header the client chooses",
    concept="spoofable-locality",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-346",
    confidence=60,
    doc=RuleDoc(
        what="A request is let through (or refused) because its `Host` header, or an "
        "`X-Forwarded-For` / `X-Real-IP` header, names `localhost` or a loopback address.",
        why="Every one of these headers is written by the client: `curl -H 'Host: 127.0.0.1:9666'` "
        "from anywhere on the network passes a check meant to admit only local callers, and "
        "reaches whatever the check protected (CWE-346, CWE-290).",
        example="if request.headers.get('Host') in ('localhost:8080', '127.0.0.1:8080'):\n"
        "    return admin_page()",
        fix="Decide on the socket's peer address (`REMOTE_ADDR`, `req.socket.remoteAddress`, "
        "`r.RemoteAddr`, `getRemoteAddr()`) and only trust forwarding headers set by a proxy you "
        "configured; better, require authentication for the protected action.",
    ),
    suggestions={
        "python": "Check request.remote_addr (the socket peer) instead of the Host header, or require a token.",
        "javascript": "Check req.socket.remoteAddress instead of req.headers.host, or require a token.",
        "typescript": "Check req.socket.remoteAddress instead of req.headers.host, or require a token.",
        "go": "Check the peer in r.RemoteAddr (net.SplitHostPort) instead of r.Host, or require a token.",
        "java": "Check request.getRemoteAddr() instead of the Host header or getServerName(), or require a token.",
        "*": "Decide locality on the socket's peer address, never on a header the client writes.",
    },
)

RULES = (SPOOFED_LOCAL,)
