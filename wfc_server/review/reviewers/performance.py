"""Performance reviewer: N+1 queries, quadratic scans, blocking calls in async code, unbounded
caches.
"""

from __future__ import annotations

from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.quality.collect import review

ROLE = "performance"


def run(inp: AnalysisInput) -> ReviewerOutput:
    """Findings of the performance role for every file of ``inp``."""
    return review(inp, ROLE)
