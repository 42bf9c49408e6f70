"""Every request header (or cookie) written to a log: 1 rule (WFC-SEC-LOG-HEADERS).

The declaration is the rule's identity and documentation; the detector
(``review/security/headers_in_log.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

HEADERS_IN_LOG = Rule(
    id="WFC-SEC-LOG-HEADERS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="All request headers or cookies written to a log",
    concept="headers-in-log",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-532",
    confidence=60,
    doc=RuleDoc(
        what="A logging call receives the whole header collection of a request (`request.headers`, "
        "`req.headers`, `r.Header`, the WSGI `environ`) or all of its cookies, not chosen fields.",
        why="The collection carries `Authorization`, `Cookie` and API-key headers: every logged request "
        "copies live credentials into log files, log shippers and whoever can read them, where they "
        "can be replayed (CWE-532).",
        example="if status >= 500:\n    log.error(json.dumps(dict(request.headers)))",
        fix="Log the fields you need (method, path, user agent), or pass the headers through a "
        "redaction step that masks `Authorization`, `Cookie`, `Set-Cookie` and `*-Token` / `*-Key`.",
    ),
    suggestions={
        "python": "log.error('%s', {k: ('[secret]' if k.lower() in SENSITIVE else v) for k, v in request.headers.items()})",
        "javascript": "logger.error({ ...req.headers, authorization: undefined, cookie: undefined });",
        "typescript": "logger.error({ ...req.headers, authorization: undefined, cookie: undefined });",
        "go": "h := r.Header.Clone(); h.Del(\"Authorization\"); h.Del(\"Cookie\"); log.Printf(\"headers: %v\", h)",
        "java": "Log chosen headers only; mask Authorization and Cookie before logging.",
        "*": "Log chosen fields only, with Authorization, Cookie and token headers masked.",
    },
)

RULES = (HEADERS_IN_LOG,)
