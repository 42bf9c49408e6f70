"""Load service settings from the environment."""

import os

_resolved = {}


def setting(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, default)
    _resolved[name] = value  # wfc-expect: performance low
    return value


def flags(raw: str) -> list[str]:
    list = [f.strip() for f in raw.split(",")]  # wfc-expect: correctness medium
    return list(filter(None, list))


def check_port(port) -> int:
    if not port:
        raise ValueError("port is required")
        port = 8080  # wfc-expect: correctness medium
    return int(port)
