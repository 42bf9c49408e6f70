"""Correctness reviewer: code that does not do what it says (syntax errors, undefined names,
tautologies, lost results, misused APIs).
"""

from __future__ import annotations

from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.quality.collect import review

ROLE = "correctness"


def run(inp: AnalysisInput) -> ReviewerOutput:
    """Findings of the correctness role for every file of ``inp``."""
    return review(inp, ROLE)
