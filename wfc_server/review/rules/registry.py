"""The rule registry: every :class:`~.spec.Rule` declared under ``review/rules/``, by id.

Rule modules are discovered, not listed by hand: any module below this package that defines a
``RULES`` tuple contributes its rules. Discovery runs once per process (cached), and the result is
read-only, so there is no mutable module state. Two declarations of one id are an error at load.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType

from wfc_server.review.rules.spec import Role, Rule


class Registry:
    """A read-only view of all rules, with the look-ups the engine and the docs need."""

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self._rules = MappingProxyType(dict(rules))

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)

    def by_role(self, role: Role | str) -> list[Rule]:
        return [rule for rule in self if rule.role == role]


def _rule_modules() -> Iterator[object]:
    package = importlib.import_module(__package__ or "wfc_server.review.rules")
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        yield importlib.import_module(info.name)


@cache
def registry() -> Registry:
    """All rules, discovered once; raises ValueError on a duplicate id."""
    found: dict[str, tuple[Rule, str]] = {}
    for module in _rule_modules():
        for rule in getattr(module, "RULES", ()):
            if not isinstance(rule, Rule):
                raise TypeError(f"{module.__name__}.RULES holds {rule!r}, not a Rule")
            if rule.id in found:
                raise ValueError(f"rule {rule.id} declared twice: {found[rule.id][1]} and {module.__name__}")
            found[rule.id] = (rule, module.__name__)
    return Registry({rule_id: rule for rule_id, (rule, _) in found.items()})
