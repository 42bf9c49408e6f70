"""The consensus score: WFC's formula with its defects fixed.

Per finding R = clamp(S * C / 100, 0, 10). With no findings risk is 0 (WFC divided by zero).
risk = 0.5 * mean(R) + 0.3 * mean(R) * (mean k / reviewers that ran) + 0.2 * max(R), clamped to
[0, 10]. Minority protection keeps one confident security or reliability reviewer from being
outvoted: when the top finding has R >= 8.5 and comes from one of them, risk is at least
0.7 * R + 2. The verdict also fails on any blocking finding, whatever the average says.
"""

from __future__ import annotations

from dataclasses import dataclass

from wfc_server.review.merge import SEVERITY_RANK
from wfc_server.review.model import SEVERITY_WEIGHT, Finding
from wfc_server.review.settings import EngineSettings

MINORITY_ROLES = frozenset({"security", "reliability"})
MINORITY_THRESHOLD = 8.5


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
    value = SEVERITY_WEIGHT.get(finding.severity, 0.0) * finding.confidence / 100.0
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
    """The risk of a set of findings and whether minority protection raised it."""
    if not findings:
        return 0.0, False
    risks = [finding_risk(f) for f in findings]
    mean_r = sum(risks) / len(risks)
    mean_k = sum(max(1, len(f.reviewers)) for f in findings) / len(findings)
    agreement = min(1.0, mean_k / reviewers_ran) if reviewers_ran > 0 else 0.0
    risk = 0.5 * mean_r + 0.3 * mean_r * agreement + 0.2 * max(risks)
    risk = max(0.0, min(10.0, risk))
    top = max(risks)
    minority = False
    if top >= MINORITY_THRESHOLD:
        from_minority = any(
            r == top and MINORITY_ROLES.intersection(f.reviewers or [f.reviewer])
            for f, r in zip(findings, risks, strict=True)
        )
        if from_minority:
            risk = max(risk, min(10.0, 0.7 * top + 2.0))
            minority = True
    return risk, minority


def is_blocking(finding: Finding, settings: EngineSettings) -> bool:
    """A finding that fails the review on its own."""
    limit = SEVERITY_RANK.get(settings.blocking_severity)
    if limit is not None and SEVERITY_RANK[finding.severity] <= limit:
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
