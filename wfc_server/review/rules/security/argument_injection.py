"""Argument injection into a command-line tool: 1 rule (WFC-SEC-ARGI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ARGI = Rule(
    id="WFC-SEC-ARGI",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Argument injection into a command-line tool",
    concept="argument-injection",
    languages=frozenset({"javascript"}),
    cwe="CWE-88",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Request data is passed as an argument to a command-line tool where it can be read as an "
            "option (it may start with '-')."
        ),
        why=(
            "A value that starts with '-' is read as an option by the tool, which can run commands or"
            " overwrite files (argument injection, CWE-88)."
        ),
        example='subprocess.run(["git", "fetch", request.args["remote"]])',
        fix=(
            "End option parsing with '--' before user-supplied arguments, or reject values that start"
            " with '-'."
        ),
    ),
    suggestions={
        "*": "Put '--' before user-supplied arguments, or reject values that start with '-'.",
    },
)


RULES = (ARGI,)
