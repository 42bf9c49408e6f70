"""Imported once by the process pool's forkserver and by each worker, so reviews start warm.

Importing the reviewers (and through them ruff, bandit, lizard wrappers and their rule tables)
takes far longer than analysing a typical diff; paying it once per worker start keeps the first
review of every worker fast. A reviewer that is missing or broken is left out here: the review
that needs it reports the failure itself.
"""

from __future__ import annotations

import importlib

import wfc_server.review.diff  # noqa: F401 - parsed in workers
import wfc_server.review.merge  # noqa: F401
import wfc_server.review.postimage  # noqa: F401
import wfc_server.review.scoring  # noqa: F401
import wfc_server.review.stages  # noqa: F401
from wfc_server.review.model import ROLES


def _import_reviewers() -> None:
    for role in ROLES:
        try:
            importlib.import_module(f"wfc_server.review.reviewers.{role}")
        except Exception:  # noqa: BLE001, S112 - reported by the review that needs the role
            continue


_import_reviewers()
