"""Reliability reviewer: swallowed exceptions, missing timeouts, leaked resources and locks,
unbounded retries.
"""

from __future__ import annotations

from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.quality.collect import review

ROLE = "reliability"


def run(inp: AnalysisInput) -> ReviewerOutput:
    """Findings of the reliability role for every file of ``inp``."""
    return review(inp, ROLE)
