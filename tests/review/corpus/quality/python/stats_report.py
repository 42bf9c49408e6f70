"""Per-team latency statistics for the weekly report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    team: str
    millis: float


def mean_latency(samples: list[Sample]) -> float:
    total = 0.0
    for sample in samples:
        total += sample.millis
    return total / len(samples)  # wfc-expect: correctness medium


def success_rate(results: list[bool]) -> float:
    passed = sum(1 for ok in results if ok)
    count = len(results)
    return 100.0 * passed / count  # wfc-expect: correctness medium


def by_team(samples: list[Sample]) -> dict[str, list[Sample]]:
    teams: dict[str, list[Sample]] = {}
    for sample in samples:
        teams.setdefault(sample.team, []).append(sample)
    return teams
