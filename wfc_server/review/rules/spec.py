"""What a rule *is*: the one declaration every finding's ``rule_id`` resolves to.

A rule module (``rules/<role>/<concept>.py``) declares one or more :class:`Rule` objects in a
module-level ``RULES`` tuple, next to the language-specific knowledge that finds the defect
(sources, sinks, sanitizers, node patterns). The registry (:mod:`.registry`) discovers them, so
ids, titles, severities, CWEs and documentation live in exactly one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Severity(StrEnum):
    """Finding severity, most severe first; ``rank`` and ``weight`` are the only orderings."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """4 for critical down to 0 for info: compare severities with this, nowhere else."""
        return _RANK[self]

    @property
    def weight(self) -> float:
        """S in the consensus formula (0-10)."""
        return _WEIGHT[self]

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        return value if isinstance(value, Severity) else cls(value)


_RANK = MappingProxyType({"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0})
_WEIGHT = MappingProxyType({"critical": 10.0, "high": 8.0, "medium": 5.0, "low": 2.0, "info": 0.0})


class Role(StrEnum):
    """The five reviewers; every rule belongs to exactly one."""

    SECURITY = "security"
    CORRECTNESS = "correctness"
    PERFORMANCE = "performance"
    MAINTAINABILITY = "maintainability"
    RELIABILITY = "reliability"


#: Languages a rule may claim; "any" marks text-level rules (secrets, TODOs) that read every file.
LANGUAGES = frozenset({"python", "javascript", "typescript", "go", "java", "sql", "any"})


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The rule reference entry, in ruff's what / why / example / fix form."""

    what: str  # what it finds, one or two sentences
    why: str  # why it matters (the harm, with the CWE's meaning in plain words)
    example: str  # a short flagged example (any claimed language)
    fix: str  # how to fix it, language-neutral


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: identity, defaults and documentation. Locations come from the match.

    ``concept`` is the stable defect kind (``sql-injection``) that merges findings of different
    tools on one line; several rule ids may share a concept only if they are truly the same defect
    found by different means. ``suggestions`` maps a language to advice in that language's terms
    (``"*"`` is the fallback), so a JavaScript finding never gets Python advice.
    """

    id: str
    role: Role
    severity: Severity
    title: str
    concept: str
    languages: frozenset[str]
    doc: RuleDoc
    suggestions: Mapping[str, str]
    cwe: str | None = None
    confidence: int = 80
    heuristic: bool = False  # a pattern guess: drops to info in test paths
    # A `high` or worse finding of this rule fails the review on its own, whatever its
    # confidence: injections whose data flow was followed from a source to the sink.
    blocking: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.id.startswith("WFC-"):
            raise ValueError(f"rule id {self.id!r} must start with WFC-")
        unknown = self.languages - LANGUAGES
        if unknown or not self.languages:
            raise ValueError(f"rule {self.id}: unknown or no languages {sorted(unknown)}")
        advised = set(self.suggestions) | ({"typescript"} if "javascript" in self.suggestions else set())
        if "*" not in self.suggestions and not self.languages <= advised:
            raise ValueError(f"rule {self.id}: a suggestion for every language, or a '*' fallback")
        if not 0 <= self.confidence <= 100:
            raise ValueError(f"rule {self.id}: confidence {self.confidence} outside 0-100")

    def suggestion_for(self, language: str) -> str:
        """Advice in the terms of ``language`` (TypeScript falls back to JavaScript's)."""
        for key in (language, "javascript" if language == "typescript" else "", "*"):
            if key and key in self.suggestions:
                return self.suggestions[key]
        return next(iter(self.suggestions.values()))
