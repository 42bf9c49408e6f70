"""``python -m tests.operators.paced_server [wfc-server flags]``: the real server (CLI, config,
signals), with the engine's reviewers run through :func:`tests.operators.paced.paced`."""

from __future__ import annotations

import sys
from typing import Any

import wfc_server.app as app_module
from tests.operators.paced import paced
from wfc_server.cli import main
from wfc_server.config import Settings
from wfc_server.review import ReviewEngine

_create_app = app_module.create_app


def create_paced_app(settings: Settings, *, engine: Any = None) -> Any:
    engine = ReviewEngine(settings.engine, settings.pool, settings.repos, settings.data_path,
                          reviewer_runner=paced, roles=("security",))
    return _create_app(settings, engine=engine)


if __name__ == "__main__":
    app_module.create_app = create_paced_app  # the CLI imports it when it serves
    sys.exit(main(sys.argv[1:]))
