"""A reviewer runner for process tests: real analysis, except that on a replica whose data
directory holds a ``pause`` file, a file saying ``PAUSE_FOR_TEST`` makes its reviewer leave a
marker (``<data_dir>/markers/<role>.<pid>``) and sleep, so a test can cancel or kill that replica
while the review surely runs there. The file is looked for at run time: a test can add it later."""

from __future__ import annotations

import os
import time
from pathlib import Path

from wfc_server.review.model import AnalysisInput, ReviewerOutput
from wfc_server.review.reviewers import run_reviewer

PAUSE = "PAUSE_FOR_TEST"


def paced(role: str, inp: AnalysisInput) -> ReviewerOutput:
    workdir = Path(inp.workdir)
    data_dir = next(p.parent for p in workdir.parents if p.name == "worktrees")
    if not (data_dir / "pause").exists() or not any(PAUSE in source.text for source in inp.files):
        return run_reviewer(role, inp)
    markers = data_dir / "markers"
    markers.mkdir(exist_ok=True)
    (markers / f"{role}.{os.getpid()}").write_text("started")
    time.sleep(60)
    return ReviewerOutput()
