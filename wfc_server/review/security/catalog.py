"""How security detectors report: by defect concept, resolved to the registered rule.

Every tool (bandit, detect-secrets, ast-grep rules, the taint engine) reports through
:func:`make_finding` with a concept (``sql-injection``); the rule registry holds the one security
rule for each concept, so the same defect found by two tools carries the same id, CWE and title
and merges in the engine, and its advice is written for the language of the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from wfc_server.review.languages import language_for_path
from wfc_server.review.model import RawFinding
from wfc_server.review.rules import Role, Rule, registry


@cache
def rules_by_concept() -> Mapping[str, Rule]:
    """The security rule for each concept (one per concept, checked by the registry tests)."""
    return MappingProxyType({rule.concept: rule for rule in registry().by_role(Role.SECURITY)})


def make_finding(
    concept: str,
    *,
    file: str,
    line: int,
    severity: str,
    description: str,
    family: str,
    confidence: int,
    end_line: int | None = None,
    column: int | None = None,
    title: str | None = None,
    heuristic: bool = False,
    cwe: str | None = None,
) -> RawFinding:
    """One statement-scoped security finding with the registered rule's id, CWE and advice."""
    rule = rules_by_concept()[concept]
    return RawFinding(
        rule_id=rule.id,
        reviewer=Role.SECURITY.value,
        severity=severity,
        title=title or rule.title,
        description=description,
        suggestion=rule.suggestion_for(language_for_path(file)),
        file=file,
        line=line,
        end_line=end_line if end_line is not None else line,
        column=column,
        concept=concept,
        family=family,
        confidence=max(0, min(100, confidence)),
        cwe=cwe or rule.cwe,
        scope="statement",
        heuristic=heuristic,
    )
