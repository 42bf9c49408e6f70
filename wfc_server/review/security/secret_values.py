"""Is a string literal a plausible real credential, or a placeholder / label / message?

Shared by the Python AST rule, the detect-secrets adapter and the other-language rules so they
agree on what noise looks like.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_PLACEHOLDER = re.compile(
    r"^(x+|\*+|\.+|-+|_+|#+|0+|1234(5678?)?|changeme|change[_-]?me|replace[_-]?me|"
    r"your[_-].*|<.*>|\$\{.*\}|\{\{.*\}\}|\{.*\}|%\(?\w*\)?s|%s|todo|tbd|fixme|dummy|fake|test|"
    r"testing|example|sample|placeholder|none|null|nil|undefined|empty|redacted|secret|password|"
    r"passwd|token|api[_-]?key|key|string|str|value|bearer|basic|true|false|default)$",
    re.IGNORECASE,
)
_FAKE_MARKER = re.compile(r"invalid|dummy|example|placeholder|changeme|change_me|redacted|xxxx|your[_-]|"
                          r"not[_-]?a[_-]?real|notreal|fake|sample", re.IGNORECASE)
_TYPE_NAMES = frozenset({"bool", "boolean", "str", "string", "int", "integer", "number", "float", "list",
                         "dict", "object", "any", "none", "bytes", "array", "optional", "unknown"})
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")
_IDENTIFIER_LIKE = re.compile(r"^[a-z]+([_.\-][a-z]+)+$")
_ENV_REF = re.compile(r"^\$\w+$|^%\w+%$|^env:|^vault:|^arn:aws:secretsmanager|^projects/.+/secrets/")


def shannon_entropy(value: str) -> float:
    """Bits per character; random keys score high, words and labels low."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


def looks_like_real_secret(value: str, name: str = "") -> bool:
    """Reject empty values, placeholders, messages, field names, URLs and paths."""
    stripped = value.strip()
    if len(stripped) < 4 or len(stripped) > 500:
        return False
    if " " in stripped or "\n" in stripped:
        return False  # messages, prompts, SQL
    if _PLACEHOLDER.match(stripped) or _ENV_REF.match(stripped):
        return False
    lowered = stripped.lower()
    if lowered == name.lower() or lowered.replace("-", "_") == name.lower():
        return False
    if _IDENTIFIER_LIKE.match(stripped) and any(
            w in lowered for w in ("pass", "secret", "token", "key", "pwd", "auth", "cred")):
        return False  # a field / header / setting name such as "new_password"
    if stripped.startswith(("/", "http://", "https://", "./", "../")) and "@" not in stripped:
        return False
    if re.fullmatch(r"[a-z]+", stripped) and not re.search(r"pass|pwd|pin", name, re.IGNORECASE):
        return False  # a plain word (cookie name, label) is not a key or token
    if re.fullmatch(r"[a-z_]+", stripped) and len(stripped) <= 6:
        return shannon_entropy(stripped) > 2.0
    if _FAKE_MARKER.search(stripped):
        return False  # documentation / test values say so
    if stripped.rstrip("?[]").lower() in _TYPE_NAMES or _CONSTANT_NAME.fullmatch(stripped):
        return False  # a type name or another constant's name
    if re.search(r"\(\?|\[\^|\\[dswbDSWB]|\)[*?+]|\{\d+,?\d*\}", stripped):
        return False  # a regular expression
    if re.fullmatch(r"%[-\w.:/ ]*|\{[\w.:]*\}", stripped):
        return False  # a format string
    return len(set(stripped)) > 2
