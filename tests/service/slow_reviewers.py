"""Reviewer runners for lifecycle tests: real worker processes that take their time.

Workers fork from a forkserver that may have started before the test did, so nothing is passed
through the environment: markers go to ``<data_dir>/markers``, found from the workspace path.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from wfc_server.review.model import AnalysisInput, ReviewerOutput


def marker_dir(data_dir: Path) -> Path:
    return data_dir / "markers"


def sleepy(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Leave a marker naming this worker's pid, then sleep long enough to be cancelled."""
    workdir = Path(inp.workdir)
    data_dir = next(p.parent for p in workdir.parents if p.name == "worktrees")
    markers = marker_dir(data_dir)
    markers.mkdir(exist_ok=True)
    (markers / f"{role}.{os.getpid()}").write_text("started")
    time.sleep(60)
    return ReviewerOutput()
