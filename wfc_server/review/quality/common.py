"""Building and de-duplicating RawFindings, so every rule family reports the same way."""

from __future__ import annotations

from dataclasses import dataclass

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.rules import Rule, Severity, registry


@dataclass(frozen=True, slots=True)
class Check:
    """How one detector reports a registered rule: the rule id and what this match means.

    Everything else a finding says about the rule (title, default severity, concept, CWE,
    confidence, advice in the file's language) comes from the rule registry, so one id has one
    title wherever it is reported. ``severity`` / ``confidence`` are set only where this detector
    is deliberately stricter or looser than the rule's default (a weaker signal, a worse variant).
    """

    rule_id: str
    description: str
    severity: str | None = None
    confidence: int | None = None

    @property
    def rule(self) -> Rule:
        return registry()[self.rule_id]

    @property
    def role(self) -> str:
        return self.rule.role.value


def emit(
    check: Check,
    source: SourceFile,
    line: int,
    family: str,
    *,
    end_line: int | None = None,
    column: int | None = None,
    detail: str = "",
    scope: str = "statement",
    severity: str | None = None,
    confidence: int | None = None,
) -> RawFinding:
    """One RawFinding for ``check`` at ``line`` of ``source``; ``detail`` adds match specifics."""
    rule = check.rule
    description = check.description if not detail else f"{check.description} {detail}"
    return RawFinding(
        rule_id=rule.id,
        reviewer=rule.role.value,
        severity=severity or check.severity or rule.severity.value,
        title=rule.title,
        description=description.strip(),
        suggestion=rule.suggestion_for(source.language),
        file=source.path,
        line=line,
        concept=rule.concept,
        family=family,
        confidence=next(c for c in (confidence, check.confidence, rule.confidence) if c is not None),
        end_line=end_line if end_line is not None else line,
        column=column,
        cwe=rule.cwe,
        scope=scope,  # type: ignore[arg-type]
        heuristic=rule.heuristic,
    )


def dedupe(findings: list[RawFinding]) -> list[RawFinding]:
    """Keep one finding per (file, line, concept): two families saying the same thing is one defect.

    The survivor is the most severe; agreement of a second family raises its confidence a little.
    """
    best: dict[tuple[str, int | None, str], RawFinding] = {}
    families: dict[tuple[str, int | None, str], set[str]] = {}
    for finding in findings:
        key = (finding.file, finding.line, finding.concept)
        families.setdefault(key, set()).add(finding.family)
        current = best.get(key)
        if current is None or Severity(finding.severity).rank > Severity(current.severity).rank:
            best[key] = finding
    out = []
    for key, finding in best.items():
        if len(families[key]) > 1:
            finding.confidence = min(95, finding.confidence + 10)
        out.append(finding)
    out.sort(key=lambda f: (f.file, f.line or 0, f.rule_id))
    return out


def line_text(source: SourceFile, line: int) -> str:
    """The text of 1-based ``line`` (empty when out of range)."""
    lines = source.text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
