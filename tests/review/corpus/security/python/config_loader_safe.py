"""Loads the service configuration from YAML and JSON files."""
import json
from pathlib import Path

import yaml

DEFAULTS = {"workers": 4, "timeout": 30}


def load_config(path: str) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    if path.endswith((".yml", ".yaml")):
        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text)
    merged = dict(DEFAULTS)
    merged.update(data)
    return merged


def load_all(paths):
    return [load_config(p) for p in paths]
