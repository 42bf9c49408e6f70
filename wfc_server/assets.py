"""Files read at run time (dashboard, config template), found through the installed package.

They live in the top-level ``static/`` and ``config/`` folders of the source tree and are mapped
into the package as ``wfc_server.static`` and ``wfc_server.config_files`` (pyproject.toml), so a
wheel, an editable install and a checkout all find them the same way: through
``importlib.resources``, never through a path relative to this file.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: File types the dashboard may serve; anything else in the folder (``__init__.py``) is not public.
DASHBOARD_SUFFIXES = frozenset({".html", ".js", ".css", ".svg", ".txt"})


def dashboard_dir() -> Path:
    """The folder holding index.html and the dashboard's modules (a real directory on disk)."""
    return Path(str(files("wfc_server.static"))).resolve()


def config_template() -> str:
    """config/default.toml: every configuration key with its default and its environment name."""
    return files("wfc_server.config_files").joinpath("default.toml").read_text(encoding="utf-8")
