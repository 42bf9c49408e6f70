"""A RawFinding from a registry :class:`~wfc_server.review.rules.spec.Rule` and a location."""

from __future__ import annotations

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.rules.spec import Rule


def finding_at(rule: Rule, path: str, language: str, line: int, family: str, *, detail: str = "",
               end_line: int | None = None) -> RawFinding:
    """One statement-scoped finding of ``rule`` at 1-based ``line`` of ``path``; ``detail`` names the match."""
    description = rule.doc.what if not detail else f"{rule.doc.what} {detail}"
    return RawFinding(
        rule_id=rule.id,
        reviewer=str(rule.role),
        severity=str(rule.severity),
        title=rule.title,
        description=description,
        suggestion=rule.suggestion_for(language),
        file=path,
        line=line,
        end_line=end_line if end_line is not None else line,
        concept=rule.concept,
        family=family,
        confidence=rule.confidence,
        cwe=rule.cwe,
        scope="statement",
        heuristic=rule.heuristic,
    )


def finding(rule: Rule, source: SourceFile, line: int, family: str, *, detail: str = "",
            end_line: int | None = None) -> RawFinding:
    """:func:`finding_at` for a file being reviewed."""
    return finding_at(rule, source.path, source.language, line, family, detail=detail, end_line=end_line)
