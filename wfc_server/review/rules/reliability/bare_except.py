"""Bare except: 1 rule (WFC-REL-BARE-EXCEPT).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


BARE_EXCEPT = Rule(
    id="WFC-REL-BARE-EXCEPT",
    role=Role.RELIABILITY,
    severity=Severity.MEDIUM,
    title="Bare except",
    concept="bare-except",
    languages=frozenset({"python"}),
    cwe="CWE-396",
    confidence=85,
    doc=RuleDoc(
        what=(
            "`except:` also catches KeyboardInterrupt and SystemExit, so the process cannot be "
            "stopped cleanly and real bugs are hidden."
        ),
        why=(
            "Catching every exception type also catches programming errors, which are then handled as"
            " if they were expected failures (CWE-396)."
        ),
        example="except:  # wfc-expect: reliability medium",
        fix="Catch specific exceptions (or `except Exception` with logging).",
    ),
    suggestions={
        "*": "Catch specific exceptions (or `except Exception` with logging).",
    },
)


RULES = (BARE_EXCEPT,)
