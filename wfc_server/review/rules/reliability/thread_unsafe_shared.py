"""Shared SimpleDateFormat: 1 rule (WFC-REL-JAVA-SHARED-DATEFORMAT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


JAVA_SHARED_DATEFORMAT = Rule(
    id="WFC-REL-JAVA-SHARED-DATEFORMAT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Shared SimpleDateFormat",
    concept="thread-unsafe-shared",
    languages=frozenset({"java"}),
    cwe="CWE-362",
    confidence=85,
    doc=RuleDoc(
        what=(
            "SimpleDateFormat is not thread-safe; a static instance used from several threads "
            "produces corrupted dates or exceptions."
        ),
        why=(
            "Two threads or tasks read and write the same data without synchronisation, so updates "
            "are lost or state is torn (race condition, CWE-362)."
        ),
        example='private static final SimpleDateFormat F = new SimpleDateFormat("yyyy");',
        fix="Use java.time.format.DateTimeFormatter (immutable) or a ThreadLocal.",
    ),
    suggestions={
        "*": "Use java.time.format.DateTimeFormatter (immutable) or a ThreadLocal.",
    },
)


RULES = (JAVA_SHARED_DATEFORMAT,)
