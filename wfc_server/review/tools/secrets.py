"""detect-secrets as a library: provider-token regexes, private keys, keyword assignments, entropy.

We call each plugin's ``analyze_string`` directly (never ``analyze_line``: that path may try to
*verify* a secret against the provider's API, and reviews are offline). High-entropy hits are
noisy by nature (hashes, ids, test vectors), so they count only when the line also names a
secret and the value survives detect-secrets' own heuristic filters plus an entropy floor.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.filters import heuristic
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.keyword import (
    QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP,
    REGEX_BY_FILETYPE,
)
from detect_secrets.util.filetype import determine_file_type

from wfc_server.review.model import AnalyzerError
from wfc_server.review.security.secret_values import (
    embedded_credential,
    looks_like_placeholder_token,
    looks_like_real_secret,
    shannon_entropy,
)

_SKIP_TYPES = frozenset({"Public IP (ipv4)"})
_ENTROPY_TYPES = {"Base64 High Entropy String": 4.2, "Hex High Entropy String": 3.2}
_SECRET_WORD = re.compile(
    r"secret|passw|pwd|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential|"
    r"client[_-]?secret|signing|bearer",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SecretHit:
    line: int
    secret_type: str
    value: str


class SecretScanner:
    """The detect-secrets plugin set, built once per review."""

    def __init__(self) -> None:
        try:
            mapping = get_mapping_from_secret_type_to_class()
            self._plugins: list[BasePlugin] = [
                cls() for name, cls in sorted(mapping.items()) if name not in _SKIP_TYPES
            ]
        except Exception as exc:  # noqa: BLE001 - a broken install must fail the review, loudly
            raise AnalyzerError(f"analyzer detect-secrets could not start: {exc}") from None

    def scan(self, path: str, text: str, *, keywords: bool = True) -> list[SecretHit]:
        """Secrets in ``text``; ``keywords=False`` leaves name=value heuristics to a parser."""
        keyword_regexes = REGEX_BY_FILETYPE.get(determine_file_type(path),
                                                QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP)
        hits: list[SecretHit] = []
        lines = text.splitlines()
        starts = _line_starts(text)
        # Visit only candidate lines: where a provider regex matches, or where a secret-ish name
        # appears (keyword / entropy plugins). Most lines of most files are never looked at.
        candidates: dict[int, list[BasePlugin]] = {}
        named = {_line_at(starts, m.start()) for m in _SECRET_WORD.finditer(text)}
        for plugin in self._plugins:
            kind = plugin.secret_type
            if kind == "Secret Keyword" or kind in _ENTROPY_TYPES:
                if kind == "Secret Keyword" and not keywords:
                    continue
                for n in named:
                    candidates.setdefault(n, []).append(plugin)
                continue
            for pattern in getattr(plugin, "denylist", ()):
                for m in pattern.finditer(text):
                    candidates.setdefault(_line_at(starts, m.start()), []).append(plugin)
        for index in sorted(candidates):
            line = lines[index] if index < len(lines) else ""
            if len(line) > 2000 or heuristic.is_indirect_reference(line):
                continue
            unique = {id(p): p for p in candidates[index]}
            for plugin in unique.values():
                kind = plugin.secret_type
                if kind == "Secret Keyword":
                    values = list(plugin.analyze_string(line, denylist_regex_to_group=keyword_regexes))
                else:
                    values = list(plugin.analyze_string(line))
                for value in values:
                    if self._keep(kind, value, line):
                        hits.append(SecretHit(index + 1, kind, value))
        return _dedupe(hits)

    def _keep(self, kind: str, value: str, line: str) -> bool:
        if heuristic.is_templated_secret(value) or heuristic.is_prefixed_with_dollar_sign(value):
            return False
        if kind in _ENTROPY_TYPES:
            if len(value) < 16 or shannon_entropy(value) < _ENTROPY_TYPES[kind]:
                return False
            if heuristic.is_potential_uuid(value) or heuristic.is_sequential_string(value):
                return False
            if heuristic.is_likely_id_string(value, line):
                return False
            before = line.split(value, 1)[0]
            return bool(_SECRET_WORD.search(before))
        if kind == "Secret Keyword":
            name = re.split(r"[=:(]", line, maxsplit=1)[0].strip().strip("\"'").split(".")[-1]
            return looks_like_real_secret(value, name) and not heuristic.is_sequential_string(value)
        if kind == "Basic Auth Credentials":
            # same judgement as the connection-string rule: local dev defaults and placeholders pass
            return embedded_credential(line) is not None
        return not looks_like_placeholder_token(value)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _line_at(starts: list[int], offset: int) -> int:
    """0-based line index of a character offset."""
    return bisect.bisect_right(starts, offset) - 1


def _dedupe(hits: list[SecretHit]) -> list[SecretHit]:
    """One hit per line: provider-specific types beat the generic keyword/entropy ones."""
    generic = {"Secret Keyword", *_ENTROPY_TYPES}
    best: dict[int, SecretHit] = {}
    for hit in hits:
        old = best.get(hit.line)
        if old is None or (old.secret_type in generic and hit.secret_type not in generic):
            best[hit.line] = hit
    return [best[k] for k in sorted(best)]
