"""Duplicated block added: 1 rule (WFC-MAINT-DUPLICATE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DUPLICATE = Rule(
    id="WFC-MAINT-DUPLICATE",
    role=Role.MAINTAINABILITY,
    severity=Severity.LOW,
    title="Duplicated block added",
    concept="duplicated-block",
    languages=frozenset({"any"}),
    confidence=70,
    heuristic=True,
    doc=RuleDoc(
        what="The same block of code is added more than once; fixes will have to be made in every copy.",
        why=(
            "Code like this is harder to read, test and change safely, so defects hide in it and "
            "every later change costs more."
        ),
        example="the same 8-line block pasted into two functions",
        fix="Extract the shared block into a function.",
    ),
    suggestions={
        "*": "Extract the shared block into a function.",
    },
)


RULES = (DUPLICATE,)
