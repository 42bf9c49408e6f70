"""Python: a ``finally`` or ``except`` block that reads a name the ``try`` may never have bound.

``try: sock = socket.socket(...); sock.connect(a) ... finally: sock.close()``: when ``socket()``
itself raises, ``sock`` does not exist, the cleanup raises ``UnboundLocalError``, and that error
replaces (and hides) the one that actually happened.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

UNBOUND_IN_CLEANUP = Rule(
    id="WFC-REL-UNBOUND-IN-CLEANUP",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Cleanup reads a name the `try` may not have bound",
    concept="unbound-in-cleanup",
    languages=frozenset({"python"}),
    cwe="CWE-457",
    confidence=75,
    doc=RuleDoc(
        what="A `finally` or catch-all `except` block uses a local whose only binding before it is inside the "
        "`try` body, where the statement that binds it (or one before it) can raise.",
        why="If the `try` fails before the binding, the cleanup raises `UnboundLocalError` (CWE-457: "
        "use of an uninitialised variable). The original exception is replaced, the resource "
        "question is never answered and the log points at the wrong line.",
        example="try:\n    sock = socket.socket(socket.AF_UNIX)\n    sock.connect(addr)\nfinally:\n    sock.close()",
        fix="Bind the name before the `try` (`sock = None`) and test it in the cleanup, or acquire the "
        "resource before the `try` / in a `with` statement.",
    ),
    suggestions={"python": "sock = socket.socket(socket.AF_UNIX)\ntry:\n    sock.connect(addr)\nfinally:\n    sock.close()"},
)

RULES = (UNBOUND_IN_CLEANUP,)
