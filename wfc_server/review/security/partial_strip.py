"""A cross-host redirect that drops Authorization but keeps Cookie (WFC-SEC-REDIRECT-CREDS, CWE-200).

The companion of ``redirect_credentials``: here the code does compare hosts and strips a
credential when a redirect leaves the original host, but only ``Authorization``. The ``Cookie``
header (and ``Proxy-Authorization``) of the first host then travels to the second. Flagged: the
line that removes ``Authorization`` next to a host / domain comparison, when no line near it
removes ``Cookie`` too, in a file that does not keep cookies in a per-domain jar. Every HTTP client
library has had this bug; the check is the same shape in every language.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, candidate_lines
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
#: A line that removes the Authorization header (a regex literal, a key, a header name).
_STRIPS_AUTH = _S(r"""(?i)(remove|delete|del\b|pop\(|\.Del\(|unset|strip|drop|filter)[^\n]*\bauthorization\b|"""
                  r"""\bauthorization\b[^\n]*(=\s*(undefined|null|None)\b|\.remove\(|\.delete\()""")
_COOKIE = _S(r"(?i)\bcookie")
_HOST_CHANGE = _S(r"(?i)host|domain|origin|same_?site|subdomain")
_NEAR = 6
#: Cookies kept in a jar are sent per domain by the jar itself: only headers the caller set can leak.
_COOKIE_JAR = _S(r"(?i)cookie_?jar|\bjar\b|tough-cookie")


def partial_credential_strip(source: SourceFile) -> list[RawFinding]:
    """Findings for redirect handling that strips Authorization but not Cookie."""
    if source.language not in {"python", "javascript", "typescript", "go", "java"} or source.is_test:
        return []
    text = source.text
    if "uthorization" not in text or not re.search(r"(?i)redirect", text) or _COOKIE_JAR.search(text):
        return []
    lines = text.split("\n")
    out: list[RawFinding] = []
    for number in candidate_lines(text, _STRIPS_AUTH):
        line = lines[number]
        if len(line) > MINIFIED or line.lstrip().startswith(("#", "//", "*")) or _COOKIE.search(line):
            continue
        window = lines[max(0, number - _NEAR):number + _NEAR + 1]
        block = "\n".join(window)
        if not _HOST_CHANGE.search(block) or not re.search(r"(?i)redirect", "\n".join(
                lines[max(0, number - 40):number + 10])):
            continue
        if any(_COOKIE.search(w) for w in window):
            continue
        out.append(make_finding(
            "redirect-credentials", file=source.path, line=number + 1, severity="medium", family="guard",
            confidence=55,
            description="On a redirect to another host only the Authorization header is removed; the Cookie "
                        "header (and Proxy-Authorization) of the first host is still sent to the new one."))
    return out
