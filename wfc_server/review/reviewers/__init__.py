"""The five reviewers. Each module ``<role>.py`` exposes ``run(inp: AnalysisInput) -> ReviewerOutput``.

The engine calls :func:`run_reviewer` inside a warm worker process, one call per role, so a
reviewer may do CPU-heavy work and call analyzers synchronously.
"""

from __future__ import annotations

import importlib

from wfc_server.review.model import ROLES, AnalysisInput, ReviewerOutput


def run_reviewer(role: str, inp: AnalysisInput) -> ReviewerOutput:
    """Run one reviewer by role name (module-level so it pickles into a process pool)."""
    if role not in ROLES:
        raise ValueError(f"unknown reviewer {role!r}")
    module = importlib.import_module(f"wfc_server.review.reviewers.{role}")
    return module.run(inp)
