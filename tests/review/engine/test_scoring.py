"""The consensus formula, tiers, minority protection, clamping and blocking findings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wfc_server.review.model import Finding
from wfc_server.review.scoring import consensus, finding_risk, reviewer_score, risk_of, tier_for
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
    # R = 4.0 and 1.0. Medium group: 3.2 + (7.5 - 3.2) * 0.5 * 0.4^2; low: 0.8 + 3.7 * 0.5 * 0.1^2
    expected = max(3.2 + 4.3 * (0.5 * 0.4**2), 0.8 + 3.7 * (0.5 * 0.1**2))
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
    findings = [finding("critical", 100, reviewers=["security", "correctness"]) for _ in range(20)]
    result = consensus(findings, 2, EngineSettings())
    assert result.risk == 10.0
    assert result.score == 0.0
    assert result.tier == "critical"


def test_a_critical_finding_makes_the_tier_critical_whatever_its_confidence() -> None:
    findings = [finding("critical", 30, reviewer="performance")] + [finding("info", 50)] * 9
    result = consensus(findings, 5, EngineSettings(blocking_severity="none"))
    assert result.risk == pytest.approx(9.0)
    assert result.tier == "critical"
    assert not result.passed


def test_two_confident_critical_injections_are_critical() -> None:
    findings = [finding("critical", 90, reviewer="security"), finding("critical", 85, reviewer="security")]
    result = consensus(findings, 5, EngineSettings())
    assert result.tier == "critical" and not result.passed


def test_no_minority_protection_for_other_roles_or_lower_risk() -> None:
    other = consensus([finding("high", 100, reviewer="performance")], 5, EngineSettings(blocking_severity="none"))
    assert not other.minority_protection_applied
    low = consensus([finding("high", 100, reviewer="reliability")] + [finding("info", 50)] * 9,
                    5, EngineSettings())
    assert not low.minority_protection_applied  # R = 8.0 < 8.5


def test_blocking_rules() -> None:
    crit = consensus([finding("critical", 10)], 5, EngineSettings())
    assert not crit.passed and crit.blocking == 1
    unblocked = consensus([finding("critical", 10)], 5, EngineSettings(blocking_severity="none"))
    assert unblocked.blocking == 0 and not unblocked.passed  # the critical tier still fails it
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


def test_a_pile_of_findings_of_one_severity_climbs_but_not_past_its_ceiling() -> None:
    highs = [finding("high", 100, reviewer="performance")] * 3
    result = consensus(highs, 3, EngineSettings())  # 6.4 + 2.59 * (1 - 0.68^3)
    assert 7.5 < result.risk < 9.0 and result.tier == "important"
    assert not result.passed and result.blocking == 0
    mediums = consensus([finding("medium", 90)] * 200, 5, EngineSettings())
    assert mediums.risk == pytest.approx(7.5, abs=0.01) and not mediums.passed
    lows = consensus([finding("low", 100)] * 1000, 5, EngineSettings())
    assert lows.tier == "moderate" and lows.passed


def test_blocking_rules_block_at_high_whatever_the_confidence() -> None:
    def sql(severity: str, confidence: int, rule_id: str = "WFC-SEC-SQLI") -> Finding:
        f = finding(severity, confidence, reviewer="security")
        f.rule_id = rule_id
        return f

    assert not consensus([sql("high", 40)], 5, EngineSettings()).passed  # parameter into a query
    assert not consensus([sql("high", 50, "WFC-SEC-XSS")], 5, EngineSettings()).passed  # DOM XSS
    assert consensus([sql("medium", 90)], 5, EngineSettings()).passed  # origin unknown
    assert consensus([sql("high", 40, "WFC-SEC-TLS")], 5, EngineSettings()).passed  # not an injection


_SEVERITY = st.sampled_from(["critical", "high", "medium", "low", "info"])
_FINDING = st.builds(
    finding, _SEVERITY, st.integers(0, 100),
    st.sampled_from(["security", "correctness", "performance", "maintainability", "reliability"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDING, max_size=12), _FINDING)
def test_adding_a_finding_never_lowers_risk(findings: list[Finding], extra: Finding) -> None:
    before, _ = risk_of(findings, 5)
    after, _ = risk_of([*findings, extra], 5)
    assert after >= before - 1e-9
    with_it = consensus([*findings, extra], 5, EngineSettings())
    assert with_it.passed <= consensus(findings, 5, EngineSettings()).passed


@pytest.mark.parametrize(("risk", "tier"), [(0, "informational"), (3.99, "informational"),
                                            (4, "moderate"), (6.99, "moderate"), (7, "important"),
                                            (8.99, "important"), (9, "critical"), (10, "critical")])
def test_tiers(risk: float, tier: str) -> None:
    assert tier_for(risk) == tier


def test_reviewer_score_uses_only_its_findings() -> None:
    findings = [finding("high", 100, reviewer="security"), finding("low", 50)]
    assert reviewer_score("performance", findings, 5) == 10.0
    assert reviewer_score("security", findings, 5) < reviewer_score("maintainability", findings, 5)
