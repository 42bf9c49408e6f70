"""The consensus formula, tiers, minority protection, clamping and blocking findings."""

from __future__ import annotations

import pytest

from wfc_server.review.model import Finding
from wfc_server.review.scoring import consensus, finding_risk, reviewer_score, tier_for
from wfc_server.review.settings import EngineSettings


def finding(severity: str, confidence: int, reviewer: str = "maintainability",
            reviewers: list[str] | None = None) -> Finding:
    return Finding(
        severity=severity, category=reviewer, title="t", description="d", file="a.py", line=1,
        end_line=None, column=None, suggestion="s", confidence=confidence, reviewer=reviewer,
        reviewers=reviewers or [reviewer], rule_id="R", cwe=None, fingerprint="f",
    )


def test_no_findings_is_zero_risk_and_passes() -> None:
    result = consensus([], 5, EngineSettings())
    assert (result.risk, result.score, result.tier, result.passed) == (0.0, 10.0, "informational", True)
    assert not result.minority_protection_applied


def test_formula_by_hand() -> None:
    findings = [finding("medium", 80), finding("low", 50, reviewers=["maintainability", "performance"])]
    # R = 4.0 and 1.0; mean R 2.5; mean k 1.5 over 5 reviewers; max 4.0
    expected = 0.5 * 2.5 + 0.3 * 2.5 * (1.5 / 5) + 0.2 * 4.0
    result = consensus(findings, 5, EngineSettings())
    assert result.risk == pytest.approx(round(expected, 2))
    assert result.score == pytest.approx(round(10 - expected, 2))
    assert result.tier == "informational"
    assert result.passed


def test_finding_risk_is_clamped() -> None:
    assert finding_risk(finding("critical", 100)) == 10.0
    assert finding_risk(finding("info", 100)) == 0.0
    assert finding_risk(finding("critical", 150)) == 10.0


def test_risk_is_clamped_to_ten() -> None:
    findings = [finding("critical", 100, reviewers=["security", "correctness"]) for _ in range(5)]
    result = consensus(findings, 2, EngineSettings())
    assert result.risk == 10.0
    assert result.score == 0.0
    assert result.tier == "critical"


def test_minority_protection_for_security() -> None:
    findings = [finding("critical", 90, reviewer="security")] + [finding("info", 50)] * 9
    result = consensus(findings, 5, EngineSettings(blocking_severity="none"))
    # mean R = 0.9, max 9.0: plain risk 0.45 + 0.054 + 1.8 = 2.30, protected 0.7*9 + 2 = 8.3
    assert result.minority_protection_applied
    assert result.risk == pytest.approx(8.3)
    assert result.tier == "important"
    assert not result.passed


def test_no_minority_protection_for_other_roles_or_lower_risk() -> None:
    other = consensus([finding("critical", 90, reviewer="performance")] + [finding("info", 50)] * 9,
                      5, EngineSettings(blocking_severity="none"))
    assert not other.minority_protection_applied
    low = consensus([finding("high", 100, reviewer="reliability")] + [finding("info", 50)] * 9,
                    5, EngineSettings())
    assert not low.minority_protection_applied  # R = 8.0 < 8.5


def test_blocking_rules() -> None:
    crit = consensus([finding("critical", 10)], 5, EngineSettings())
    assert crit.risk < 7 and not crit.passed and crit.blocking == 1
    assert consensus([finding("critical", 10)], 5, EngineSettings(blocking_severity="none")).passed
    strict = consensus([finding("high", 10)], 5, EngineSettings(blocking_severity="high"))
    assert not strict.passed
    sec_high = consensus([finding("high", 80, reviewer="security")], 5, EngineSettings())
    assert not sec_high.passed
    sec_unsure = consensus([finding("high", 79, reviewer="security")], 5, EngineSettings())
    assert sec_unsure.passed
    other_high = consensus([finding("high", 95, reviewer="performance")], 5, EngineSettings())
    assert other_high.passed and other_high.blocking == 0
    agreed = consensus([finding("high", 90, reviewer="performance",
                                reviewers=["performance", "reliability"])], 5, EngineSettings())
    assert not agreed.passed


def test_risk_threshold_fails_without_blockers() -> None:
    agreed = ["correctness", "maintainability", "performance"]
    findings = [finding("high", 100, reviewer="performance", reviewers=agreed)] * 3
    result = consensus(findings, 3, EngineSettings())  # R = 8, k/n = 1: 4 + 2.4 + 1.6
    assert result.risk >= 7.0 and not result.passed and result.blocking == 0


@pytest.mark.parametrize(("risk", "tier"), [(0, "informational"), (3.99, "informational"),
                                            (4, "moderate"), (6.99, "moderate"), (7, "important"),
                                            (8.99, "important"), (9, "critical"), (10, "critical")])
def test_tiers(risk: float, tier: str) -> None:
    assert tier_for(risk) == tier


def test_reviewer_score_uses_only_its_findings() -> None:
    findings = [finding("high", 100, reviewer="security"), finding("low", 50)]
    assert reviewer_score("performance", findings, 5) == 10.0
    assert reviewer_score("security", findings, 5) < reviewer_score("maintainability", findings, 5)
