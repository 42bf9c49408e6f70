"""A Go server that waits on clients without a deadline: 1 rule (WFC-SEC-NO-DEADLINE).

The declaration is the rule's identity and documentation; the detector
(``review/security/missing_deadline.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

MISSING_DEADLINE = Rule(
    id="WFC-SEC-NO-DEADLINE",
    role=Role.SECURITY,
    severity=Severity.LOW,
    title="Server waits on a client without a deadline",
    concept="missing-deadline",
    languages=frozenset({"go"}),
    cwe="CWE-400",
    confidence=55,
    doc=RuleDoc(
        what="A Go server accepts connections and runs a handshake or reads a request with no time "
        "limit: `ssh.NewServerConn` / `tls.Server(...).Handshake()` on a connection without "
        "`SetDeadline`, an `http.Server` without `ReadHeaderTimeout` / `ReadTimeout`, or "
        "`http.ListenAndServe`, which cannot set one.",
        why="A client that connects and then sends nothing (or one byte a minute) holds a goroutine, a "
        "file descriptor and memory forever; a few thousand such connections exhaust the server "
        "(Slowloris, CWE-400).",
        example='srv := &http.Server{Addr: ":8080", Handler: mux}\nlog.Fatal(srv.ListenAndServe())',
        fix="Set `conn.SetDeadline(time.Now().Add(timeout))` before the handshake (clear it after), and "
        "give every `http.Server` a `ReadHeaderTimeout` (and `ReadTimeout` / `IdleTimeout`).",
    ),
    suggestions={
        "go": "srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}; "
              "or conn.SetDeadline(time.Now().Add(30 * time.Second)) before the handshake.",
        "*": "Give every wait on a client a deadline.",
    },
)

RULES = (MISSING_DEADLINE,)
