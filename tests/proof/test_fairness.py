"""Fairness between tenants on a real server process: one tenant's backlog or its large submits
do not take the service away from another tenant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.proof.tenants import first_review_wait, poll_latency_under_submits

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


async def test_a_victims_first_review_starts_within_one_review_of_an_attackers_backlog(tmp_path: Path) -> None:
    figures = await first_review_wait(tmp_path / "data")
    assert figures.ratio <= 1.0, figures.as_dict()


async def test_victim_poll_p99_stays_within_3x_while_an_attacker_submits_1mib_diffs(tmp_path: Path) -> None:
    figures = await poll_latency_under_submits(tmp_path / "data")
    assert figures.attack_submits >= 10, figures.as_dict()
    assert figures.ratio <= 3.0, figures.as_dict()
