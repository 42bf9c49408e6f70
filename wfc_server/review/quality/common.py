"""Building and de-duplicating RawFindings, so every rule family reports the same way."""

from __future__ import annotations

from dataclasses import dataclass

from wfc_server.review.model import RawFinding, SourceFile


@dataclass(frozen=True, slots=True)
class Rule:
    """What a rule says about a defect; the location comes from the match."""

    rule_id: str
    role: str
    severity: str
    concept: str
    title: str
    description: str
    suggestion: str
    cwe: str | None = None
    confidence: int = 80
    heuristic: bool = False


def emit(
    rule: Rule,
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
    """One RawFinding for ``rule`` at ``line`` of ``source``; ``detail`` adds match specifics."""
    description = rule.description if not detail else f"{rule.description} {detail}"
    return RawFinding(
        rule_id=rule.rule_id,
        reviewer=rule.role,
        severity=severity or rule.severity,
        title=rule.title,
        description=description.strip(),
        suggestion=rule.suggestion,
        file=source.path,
        line=line,
        concept=rule.concept,
        family=family,
        confidence=confidence if confidence is not None else rule.confidence,
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
    order = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
    best: dict[tuple[str, int | None, str], RawFinding] = {}
    families: dict[tuple[str, int | None, str], set[str]] = {}
    for finding in findings:
        key = (finding.file, finding.line, finding.concept)
        families.setdefault(key, set()).add(finding.family)
        current = best.get(key)
        if current is None or order[finding.severity] > order[current.severity]:
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
