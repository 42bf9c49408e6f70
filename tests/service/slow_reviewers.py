"""Reviewer runners for lifecycle tests: real worker processes that take their time or die."""

from __future__ import annotations

import os
import time

from wfc_server.review.model import AnalysisInput, ReviewerOutput


def sleepy(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Sleep long enough that a test can cancel or time out the review while it runs."""
    marker = os.environ.get("WFC_TEST_MARKER_DIR")
    if marker:
        with open(os.path.join(marker, f"{role}.{os.getpid()}"), "w") as handle:
            handle.write("started")
    time.sleep(60)
    return ReviewerOutput()
