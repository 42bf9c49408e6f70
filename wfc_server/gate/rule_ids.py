"""Every rule id the engine can report, so a policy naming an unknown id is an error, not silence.

The rule registry is the source of truth; rule tables not yet moved into it are harvested from
the engine's modules (any module-level rule object, or a table of them, with a ``WFC-`` id).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from wfc_server.review.rules import registry

RULE_ID = re.compile(r"^WFC-[A-Z0-9]+(?:-[A-Z0-9]+)*$")


def _collect(value: Any, into: set[str], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, str):
        if RULE_ID.match(value):
            into.add(value)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            _collect(key, into, depth + 1)
            _collect(item, into, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _collect(item, into, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _collect(getattr(value, field.name), into, depth + 1)


@cache
def known_rule_ids() -> frozenset[str]:
    ids = {rule.id for rule in registry()}
    package = importlib.import_module("wfc_server.review")
    for info in pkgutil.walk_packages(package.__path__, prefix="wfc_server.review."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, (Mapping, list, tuple, set, frozenset)) or (
                dataclasses.is_dataclass(value) and not isinstance(value, type)
            ):
                _collect(value, ids)
    return frozenset(ids)
