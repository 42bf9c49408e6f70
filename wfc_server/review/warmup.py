"""Imported once by the process pool's forkserver and by each worker, so reviews start warm.

Importing the reviewers (and through them ruff, bandit, lizard wrappers and their rule tables)
takes far longer than analysing a typical diff; paying it once per worker start keeps the first
review of every worker fast. A reviewer that is missing or broken is left out here: the review
that needs it reports the failure itself.
"""

from __future__ import annotations

import importlib

from wfc_server.review.model import ROLES

#: The engine's own worker-side modules, then every reviewer.
ENGINE_MODULES = ("wfc_server.review.stages", "wfc_server.review.postimage")


def _preload() -> None:
    for name in ENGINE_MODULES:
        importlib.import_module(name)
    for role in ROLES:
        try:
            importlib.import_module(f"wfc_server.review.reviewers.{role}")
        except Exception:  # noqa: BLE001, S112 - reported by the review that needs the role
            continue


_preload()
