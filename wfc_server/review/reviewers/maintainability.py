"""Maintainability reviewer: complexity, length, parameters and nesting that are new or worse,
TODOs, duplicated blocks.
"""

from __future__ import annotations

from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.quality.collect import review

ROLE = "maintainability"


def run(inp: AnalysisInput) -> ReviewerOutput:
    """Findings of the maintainability role for every file of ``inp``."""
    return review(inp, ROLE)
