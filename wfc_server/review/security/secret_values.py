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


_FILLER_SEGMENT = re.compile(r"[A-Za-z]?0{3,}|x{4,}|\*{3,}|\.{3,}|[A-Za-z]?1234(5678?9?)?", re.IGNORECASE)


def looks_like_placeholder_token(value: str) -> bool:
    """A provider-shaped value (Slack webhook, AWS key) that documentation or a test filled in.

    Why: provider regexes match the *shape* of ``hooks.slack.com/services/T000/B000/...`` or
    ``AKIAXXXXXXXXXXXXXXXX``; a real token never has an all-zero / all-X segment or says "example".
    """
    if _FAKE_MARKER.search(value):
        return True
    segments = [s for s in re.split(r"[/:_\-.=?&@]", value) if s]
    return any(_FILLER_SEGMENT.fullmatch(s) for s in segments) or bool(re.search(r"X{8,}|0{8,}", value))


_KV_PASSWORD = re.compile(r"(?:^|[\s;?&])(?:password|passwd|pwd)\s*=\s*('[^']*'|\"[^\"]*\"|\{[^}]*\}|[^\s;&]*)",
                          re.IGNORECASE)
_URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.\-]*://([^/\s:@]+):([^@\s/]*)@([^/\s:?;]*)", re.IGNORECASE)
_LOCAL_HOST = re.compile(r"localhost|127\.0\.0\.1|0\.0\.0\.0|::1|", re.IGNORECASE)


def embedded_credential(text: str) -> str | None:
    """The literal password inside a connection string (libpq/ODBC ``password=`` or ``user:pass@``).

    Why: DSNs hide the credential inside a larger literal, so name-based secret rules miss them.
    Placeholders (``{password}``, ``%s``, ``${DB_PASS}``), empty values and local development URLs
    are not credentials anyone can abuse.
    """
    candidates: list[str] = []
    for m in _KV_PASSWORD.finditer(text):
        candidates.append(m.group(1).strip("'\""))
    for m in _URL_PASSWORD.finditer(text):
        user, password, host = m.groups()
        if not _LOCAL_HOST.fullmatch(host) and password != user:
            candidates.append(password)
    for value in candidates:
        if len(value) < 3 or re.search(r"[{}$%<>*]|\?", value) or value.startswith(":"):
            continue
        if _PLACEHOLDER.match(value) or _FAKE_MARKER.search(value) or _ENV_REF.match(value):
            continue
        if len(set(value)) <= 2:
            continue
        return value
    return None
