"""detect-secrets as a library: provider-token regexes, private keys, keyword assignments, entropy.

We call each plugin's ``analyze_string`` directly (never ``analyze_line``: that path may try to
*verify* a secret against the provider's API, and reviews are offline). High-entropy hits are
noisy by nature (hashes, ids, test vectors), so they count only when the line also names a
secret and the value survives detect-secrets' own heuristic filters plus an entropy floor.
"""

from __future__ import annotations

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
from wfc_server.review.security.secret_values import looks_like_real_secret, shannon_entropy

_SKIP_TYPES = frozenset({"Public IP (ipv4)"})
_ENTROPY_TYPES = {"Base64 High Entropy String": 4.2, "Hex High Entropy String": 3.2}
_SECRET_WORD = re.compile(
    r"secret|passw|pwd|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth|credential|"
    r"client[_-]?secret|signing|bearer",
    re.IGNORECASE,
)
_QUICK = re.compile(r"[\"'`=:]|BEGIN|AKIA|gh[pousr]_|xox|sk_|eyJ")


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
        except Exception as exc:
            raise AnalyzerError(f"analyzer detect-secrets could not start: {exc}") from None

    def scan(self, path: str, text: str, *, keywords: bool = True) -> list[SecretHit]:
        """Secrets in ``text``; ``keywords=False`` leaves name=value heuristics to a parser."""
        keyword_regexes = REGEX_BY_FILETYPE.get(determine_file_type(path),
                                                QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP)
        hits: list[SecretHit] = []
        # A provider regex that matches nowhere in the file needs no per-line pass: this keeps
        # the scan linear in practice (most files contain no candidate at all).
        active = [p for p in self._plugins if _may_match(p, text)]
        if not active:
            return []
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) > 2000 or not _QUICK.search(line):
                continue
            if heuristic.is_indirect_reference(line):
                continue
            named = bool(_SECRET_WORD.search(line))
            for plugin in active:
                kind = plugin.secret_type
                if (kind == "Secret Keyword" or kind in _ENTROPY_TYPES) and not named:
                    continue
                if kind == "Secret Keyword":
                    if not keywords:
                        continue
                    values = list(plugin.analyze_string(line, denylist_regex_to_group=keyword_regexes))
                else:
                    values = list(plugin.analyze_string(line))
                for value in values:
                    if self._keep(kind, value, line):
                        hits.append(SecretHit(number, kind, value))
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
        return True


def _may_match(plugin: BasePlugin, text: str) -> bool:
    patterns = getattr(plugin, "denylist", None)
    if patterns is None or plugin.secret_type == "Secret Keyword":
        return True
    return any(p.search(text) for p in patterns)


def _dedupe(hits: list[SecretHit]) -> list[SecretHit]:
    """One hit per line: provider-specific types beat the generic keyword/entropy ones."""
    generic = {"Secret Keyword", *_ENTROPY_TYPES}
    best: dict[int, SecretHit] = {}
    for hit in hits:
        old = best.get(hit.line)
        if old is None or (old.secret_type in generic and hit.secret_type not in generic):
            best[hit.line] = hit
    return [best[k] for k in sorted(best)]
