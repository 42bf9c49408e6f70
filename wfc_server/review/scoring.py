"""The consensus score: every finding adds risk, none dilutes it.

Per finding R = clamp(S * C / 100, 0, 10). Findings are grouped by severity; within a group the
risk is the group's top R plus a share of the headroom up to the group's ceiling that grows with
every further finding: ``top + (ceiling - top) * (1 - prod(1 - 0.5 * (R / 10) ** 2))``. Risk is the
largest group value. So adding a finding never lowers risk (the review's risk is monotone in its
findings), many findings of one severity can climb a tier but not past their ceiling (a pile of
`low` notes never fails a review on its own), and any critical finding makes the tier critical.
Minority protection keeps one confident security or reliability finding from being outvoted:
when its R >= 8.5, risk is at least 0.7 * R + 2. The verdict also fails on any blocking finding:
a severity at or above ``blocking_severity``, a confident `high` from security or reliability, or
a `high`+ finding of a rule declared ``blocking`` (injections, DOM XSS), whatever its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from wfc_server.review.model import Finding
from wfc_server.review.rules import Severity, registry
from wfc_server.review.settings import EngineSettings

MINORITY_ROLES = frozenset({"security", "reliability"})
MINORITY_THRESHOLD = 8.5
#: How far a severity group's risk may climb with many findings (critical reaches 10, a pile of
#: mediums reaches "important" and fails, lows stay "moderate", info adds nothing).
SEVERITY_CEILING = {
    Severity.CRITICAL: 10.0,
    Severity.HIGH: 8.99,
    Severity.MEDIUM: 7.5,
    Severity.LOW: 4.5,
    Severity.INFO: 0.0,
}
#: Risk floor of a review with a critical finding: the tier is critical.
CRITICAL_FLOOR = 9.0
_PILE_UP = 0.5
_BASE = 0.8


@dataclass(frozen=True, slots=True)
class Consensus:
    risk: float
    score: float
    tier: str
    passed: bool
    minority_protection_applied: bool
    blocking: int  # how many findings block on their own


def finding_risk(finding: Finding) -> float:
    """R = clamp(S * C / 100, 0, 10)."""
    value = _severity(finding.severity).weight * finding.confidence / 100.0
    return max(0.0, min(10.0, value))


def tier_for(risk: float) -> str:
    if risk < 4.0:
        return "informational"
    if risk < 7.0:
        return "moderate"
    if risk < 9.0:
        return "important"
    return "critical"


def risk_of(findings: list[Finding], reviewers_ran: int) -> tuple[float, bool]:
    """The risk of a set of findings and whether minority protection raised it.

    ``reviewers_ran`` is kept for callers; agreement between reviewers is already in each merged
    finding's confidence.
    """
    if not findings:
        return 0.0, False
    risks = [finding_risk(f) for f in findings]
    groups: dict[Severity, list[float]] = {}
    for f, r in zip(findings, risks, strict=True):
        groups.setdefault(_severity(f.severity), []).append(r)
    risk = 0.0
    for severity, values in groups.items():
        ceiling = SEVERITY_CEILING[severity]
        base = min(_BASE * max(values), ceiling)
        untouched = 1.0
        for r in values:
            untouched *= 1.0 - _PILE_UP * (r / 10.0) ** 2
        risk = max(risk, base + (ceiling - base) * (1.0 - untouched))
    if Severity.CRITICAL in groups:
        risk = max(risk, CRITICAL_FLOOR)
    top = max(risks)
    minority = False
    if top >= MINORITY_THRESHOLD:
        from_minority = any(
            r == top and MINORITY_ROLES.intersection(f.reviewers or [f.reviewer])
            for f, r in zip(findings, risks, strict=True)
        )
        if from_minority and 0.7 * top + 2.0 > risk:
            risk = 0.7 * top + 2.0
            minority = True
    return max(0.0, min(10.0, risk)), minority


def _severity(value: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        return Severity.MEDIUM


def is_blocking(finding: Finding, settings: EngineSettings) -> bool:
    """A finding that fails the review on its own."""
    severity = _severity(finding.severity)
    if settings.blocking_severity in {s.value for s in Severity}:
        if severity.rank >= Severity(settings.blocking_severity).rank:
            return True
    rule = registry().get(finding.rule_id)
    if rule is not None and rule.blocking and severity.rank >= Severity.HIGH.rank:
        return True
    return (
        finding.severity == "high"
        and finding.confidence >= settings.blocking_high_confidence
        and bool(MINORITY_ROLES.intersection(finding.reviewers or [finding.reviewer]))
    )


def consensus(findings: list[Finding], reviewers_ran: int, settings: EngineSettings) -> Consensus:
    risk, minority = risk_of(findings, reviewers_ran)
    blocking = sum(1 for f in findings if is_blocking(f, settings))
    passed = risk < settings.pass_risk_below and blocking == 0
    return Consensus(
        risk=round(risk, 2),
        score=round(10.0 - risk, 2),
        tier=tier_for(risk),
        passed=passed,
        minority_protection_applied=minority,
        blocking=blocking,
    )


def reviewer_score(role: str, findings: list[Finding], reviewers_ran: int) -> float:
    """10 minus the risk of the findings this reviewer took part in."""
    own = [f for f in findings if role in f.reviewers or f.reviewer == role]
    risk, _ = risk_of(own, reviewers_ran)
    return round(10.0 - risk, 2)
