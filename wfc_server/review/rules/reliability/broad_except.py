"""Broad except: 2 rules (WFC-REL-BROAD-EXCEPT, WFC-REL-JAVA-BROAD-CATCH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


BROAD_EXCEPT = Rule(
    id="WFC-REL-BROAD-EXCEPT",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Broad exception handler",
    concept="broad-except",
    languages=frozenset({"python"}),
    cwe="CWE-396",
    confidence=60,
    doc=RuleDoc(
        what="Catching Exception hides unexpected errors behind the handler's fallback behaviour.",
        why=(
            "Catching every exception type also catches programming errors, which are then handled as"
            " if they were expected failures (CWE-396)."
        ),
        example="except Exception:",
        fix="Catch the specific exceptions this code expects, or re-raise after handling.",
    ),
    suggestions={
        "*": "Catch the specific exceptions this code expects, or re-raise after handling.",
    },
)


JAVA_BROAD_CATCH = Rule(
    id="WFC-REL-JAVA-BROAD-CATCH",
    role=Role.RELIABILITY,
    severity=Severity.LOW,
    title="Broad catch without rethrow",
    concept="broad-except",
    languages=frozenset({"java"}),
    cwe="CWE-396",
    confidence=65,
    doc=RuleDoc(
        what=(
            "Catching Exception/Throwable and carrying on hides unexpected failures (bugs included) "
            "from callers, which continue with bad state."
        ),
        why=(
            "Catching every exception type also catches programming errors, which are then handled as"
            " if they were expected failures (CWE-396)."
        ),
        example="try { g(); } catch (Exception e) {",
        fix="Catch specific exceptions and rethrow or handle them.",
    ),
    suggestions={
        "*": "Catch specific exceptions and rethrow or handle them.",
    },
)


RULES = (
    BROAD_EXCEPT,
    JAVA_BROAD_CATCH,
)
