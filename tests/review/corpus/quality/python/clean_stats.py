"""Summary statistics that stay defined on empty input."""

from __future__ import annotations

import sys

if sys.version_info >= (3,):
    text_type = str
else:
    text_type = unicode


def mean(values: list[float]) -> float:
    if not values:
        return 0.0
    return sum(values) / len(values)


def share(part: int, items: list[object]) -> float:
    return part / max(len(items), 1)


def spread(values: list[float]) -> float:
    n = len(values)
    if n == 0:
        return 0.0
    centre = sum(values) / n
    return sum((v - centre) ** 2 for v in values) / n


def label(value: object) -> str:
    return text_type(value)
