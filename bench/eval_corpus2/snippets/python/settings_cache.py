import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def read_settings(path: Path) -> dict | None:
    """Missing or corrupt settings are reported and treated as 'no settings'."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        log.exception("cannot read settings from %s", path)
        return None
