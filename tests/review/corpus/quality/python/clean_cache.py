"""Plugin registry and cached lookups."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

_PLUGINS: dict[str, type] = {}


def register(name: str) -> Callable[[type], type]:
    """Class decorator: make a plugin available under ``name``."""

    def decorator(cls: type) -> type:
        if name in _PLUGINS:
            raise ValueError(f"plugin {name!r} registered twice")
        _PLUGINS[name] = cls
        return cls

    return decorator


def plugin(name: str) -> type:
    try:
        return _PLUGINS[name]
    except KeyError:
        raise LookupError(f"no plugin named {name!r}") from None


@functools.lru_cache(maxsize=128)
def slugify(value: str) -> str:
    normalised = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in normalised.lower()).split()
    return "-".join(words)


@functools.lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    table = {"de": "Germany", "fr": "France", "jp": "Japan"}
    return table.get(code.lower(), code.upper())
