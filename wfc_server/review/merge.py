"""From reviewers' raw findings to the API's findings: added-line filter, caps, merge, fingerprint.

A review judges the change, not the file, so only findings that touch added lines count. Rules
of different families that report the same concept on the same line are one problem seen twice:
they merge into one finding whose confidence rises with independent agreement. The fingerprint
hashes path, concept and the normalised source line (not its number) so a finding keeps its
identity when code above it moves.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from wfc_server.review.model import ROLES, Finding, RawFinding, SourceFile
from wfc_server.review.rules import Severity

ROLE_RANK: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
_FALLBACK_TEXT = {
    "title": "Issue found",
    "description": "The reviewer reported this issue without further detail.",
    "suggestion": "Review this line and fix the reported issue.",
}


@dataclass(slots=True)
class ScopedFinding:
    """A raw finding that touches the change, with the source line text its fingerprint needs."""

    raw: RawFinding
    line_text: str


def normalise(raw: RawFinding) -> RawFinding:
    """Coerce reviewer output into the contract's value ranges (never drop a finding)."""
    severity = raw.severity.lower() if isinstance(raw.severity, str) else "medium"
    if severity not in {s.value for s in Severity}:
        severity = "medium"
    raw.severity = severity
    raw.confidence = max(0, min(100, int(raw.confidence)))
    for name, fallback in _FALLBACK_TEXT.items():
        value = getattr(raw, name)
        if not isinstance(value, str) or not value.strip():
            setattr(raw, name, fallback)
    if not raw.concept:
        raw.concept = raw.rule_id or "issue"
    return raw


def _touches(raw: RawFinding, added: frozenset[int]) -> bool:
    if raw.scope == "file" or raw.line is None:
        return True
    end = raw.end_line if raw.end_line is not None and raw.end_line >= raw.line else raw.line
    if end - raw.line < len(added):
        return any(n in added for n in range(raw.line, end + 1))
    return any(raw.line <= n <= end for n in added)


def keep_on_added_lines(findings: list[RawFinding], files: list[SourceFile]) -> list[ScopedFinding]:
    """Keep findings on changed code; heuristic findings in test/docs paths drop to ``info``."""
    by_path = {f.path: f for f in files}
    # Analyzers run on disk may report the workspace path; map it back to the repository path.
    by_path.update({f.disk_path: f for f in files if f.disk_path})
    line_cache: dict[str, list[str]] = {}
    kept: list[ScopedFinding] = []
    for raw in findings:
        source = by_path.get(raw.file)
        if source is None:
            continue
        raw.file = source.path
        normalise(raw)
        if not _touches(raw, source.added_lines):
            continue
        if source.is_test and raw.heuristic:
            raw.severity = "info"
        text = ""
        if raw.line is not None and raw.scope != "file":
            lines = line_cache.get(source.path)
            if lines is None:
                lines = source.text.split("\n")
                line_cache[source.path] = lines
            if 1 <= raw.line <= len(lines):
                text = lines[raw.line - 1]
        kept.append(ScopedFinding(raw, text))
    return kept


def cap_per_rule(findings: list[ScopedFinding], cap: int) -> list[ScopedFinding]:
    """At most ``cap`` places per rule per file, plus one "and N more" summary finding.

    A place is a line: two tools reporting the same line are one defect (they merge later), so
    the cap and the count in the summary are in lines, and the summary's N is exactly the number
    of further lines that are not shown.
    """
    if cap <= 0:
        return findings
    groups: dict[tuple[str, str, str], list[ScopedFinding]] = defaultdict(list)
    for item in findings:
        groups[(item.raw.reviewer, item.raw.file, item.raw.rule_id)].append(item)
    out: list[ScopedFinding] = []
    for items in groups.values():
        by_line: dict[int | None, list[ScopedFinding]] = defaultdict(list)
        for item in items:
            by_line[item.raw.line].append(item)
        places = sorted(
            by_line.values(),
            key=lambda same: (min(_rank(s.raw.severity) for s in same), same[0].raw.line or 0),
        )
        for same in places[:cap]:
            out.extend(same)
        rest = [item for same in places[cap:] for item in same]
        if not rest:
            continue
        more = len(places) - cap
        first = min(rest, key=lambda s: s.raw.line or 0)
        worst = min(rest, key=lambda s: _rank(s.raw.severity))
        lines = sorted({s.raw.line for s in rest if s.raw.line is not None})
        where = ", ".join(str(n) for n in lines[:20]) + (", ..." if len(lines) > 20 else "")
        summary = RawFinding(
            rule_id=worst.raw.rule_id,
            reviewer=worst.raw.reviewer,
            severity=worst.raw.severity,
            title=f"{worst.raw.title} (and {more} more)",
            description=(
                f"{more} more findings of rule {worst.raw.rule_id} in this file"
                + (f" at lines {where}" if where else "")
                + f". {worst.raw.description}"
            ),
            suggestion=worst.raw.suggestion,
            file=worst.raw.file,
            line=first.raw.line,
            concept=f"{worst.raw.concept}#more",
            family=worst.raw.family,
            confidence=max(s.raw.confidence for s in rest),
            end_line=first.raw.end_line,
            column=first.raw.column,
            cwe=worst.raw.cwe,
            scope=first.raw.scope,
            heuristic=worst.raw.heuristic,
        )
        out.append(ScopedFinding(summary, first.line_text))
    return out


def _rank(severity: str) -> int:
    """Sort key: critical first (0) ... info last (4)."""
    return Severity.CRITICAL.rank - Severity(severity).rank


def fingerprint(path: str, concept: str, line_text: str) -> str:
    """Stable identity of a finding: survives line shifts and whitespace-only edits."""
    normalised = " ".join(line_text.split())
    digest = hashlib.sha256(f"{path}\x00{concept}\x00{normalised}".encode("utf-8", "replace"))
    return digest.hexdigest()[:24]


def _primary_key(raw: RawFinding) -> tuple[int, int, int]:
    return (_rank(raw.severity), ROLE_RANK.get(raw.reviewer, len(ROLES)), -raw.confidence)


def merge_findings(findings: list[ScopedFinding]) -> list[Finding]:
    """One Finding per (file, line, concept); agreeing families raise confidence."""
    groups: dict[tuple[str, int | None, str], list[ScopedFinding]] = defaultdict(list)
    for item in findings:
        groups[(item.raw.file, item.raw.line, item.raw.concept)].append(item)
    merged: list[Finding] = []
    for (path, line, concept), items in groups.items():
        items.sort(key=lambda s: _primary_key(s.raw))
        primary = items[0].raw
        best_by_family: dict[str, int] = {}
        for item in items:
            family = item.raw.family or item.raw.rule_id
            best_by_family[family] = max(best_by_family.get(family, 0), item.raw.confidence)
        if len(best_by_family) > 1:
            miss = 1.0
            for c in best_by_family.values():
                miss *= 1.0 - c / 100.0
            confidence = min(99, round(100.0 * (1.0 - miss)))
            confidence = max(confidence, primary.confidence)
        else:
            confidence = primary.confidence
        reviewers = sorted({item.raw.reviewer for item in items})
        ends = [item.raw.end_line for item in items if item.raw.end_line is not None]
        merged.append(
            Finding(
                severity=primary.severity,
                category=primary.reviewer,
                title=primary.title,
                description=primary.description,
                file=path,
                line=line,
                end_line=max(ends) if ends else None,
                column=primary.column,
                suggestion=primary.suggestion,
                confidence=confidence,
                reviewer=primary.reviewer,
                reviewers=reviewers,
                rule_id=primary.rule_id,
                cwe=primary.cwe or next((i.raw.cwe for i in items if i.raw.cwe), None),
                fingerprint=fingerprint(path, concept, items[0].line_text),
            )
        )
    merged.sort(key=lambda f: (_rank(f.severity), f.file, f.line or 0, f.rule_id))
    return merged
