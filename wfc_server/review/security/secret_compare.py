"""Secrets compared with ordinary equality in Go and Java (WFC-SEC-TIMING, CWE-208).

JavaScript and Python get this check from their own analyses; Go and Java compare with ``==``,
``bytes.Equal``, ``String.equals`` and ``Arrays.equals``, all of which stop at the first differing
byte, so response times reveal how much of a guessed signature or token is right. Flagged: such a
comparison where one side is named for a MAC, signature or secret token; comparisons with a
literal, ``nil`` or a length are not secrets being checked.
"""

from __future__ import annotations

import re

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments, candidate_lines, in_string, receiver
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile
_SECRET_NAME = _S(r"(?i)(signature|^sig|sig$|hmac|secret|apikey|api_key|csrftoken|csrf_token|"
                  r"(auth|access|reset|session|api|bearer|verification|expected|provided|refresh)_?token)$")
_MAC_NAME = _S(r"(?i)^(expected|computed|provided|given|calculated|actual|want|got|message|msg)?_?mac$")
_NOT_VALUE = _S(r"""^\s*("[^"]*"|'[^']*'|`[^`]*`|nil|null|-?\d+|true|false|len\(.*\)|[\w.]+\.length(\(\))?|"""
                r"""[\w.]+\.(size|isEmpty)\(\)|(?:[\w]+\.)*[A-Z][A-Z0-9_]+)\s*$""")
_GO_EQ = _S(r"([\w.\[\]()]+)\s*(==|!=)\s*([\w.\[\]()\"]+)")
_GO_CALL = _S(r"\b(bytes\.Equal|reflect\.DeepEqual)\(")
_JAVA_CALL = _S(r"\bArrays\.equals\(|\.equals\(")
_SECRETISH = _S(r"sig|hmac|secret|token|api_?key|mac\b")  # searched in the lower-cased text
_DECISION = _S(r"\b(if|return)\b|&&|\|\||\?")


def secret_comparisons(source: SourceFile) -> list[RawFinding]:
    """Findings for secrets compared with non-constant-time equality in Go and Java."""
    if source.language not in {"go", "java"} or source.is_test:
        return []
    text = source.text
    lower = text.lower()
    if not any(word in lower for word in ("sig", "hmac", "secret", "token", "apikey", "api_key")):
        return []
    hmac_file = bool(re.search(r"crypto/hmac|javax\.crypto\.Mac|Mac\.getInstance", text))
    out: list[RawFinding] = []
    lines = text.split("\n")
    for number in candidate_lines(lower, _SECRETISH):
        line = lines[number]
        if len(line) > MINIFIED or not _DECISION.search(line) \
                or line.strip().startswith(("//", "*")):
            continue
        pair = _pair(source.language, line)
        if pair is None:
            continue
        names = [re.sub(r"\(.*\)$|\[.*\]$", "", side.strip()).rsplit(".", 1)[-1] for side in pair]
        if not any(_SECRET_NAME.search(n) or (hmac_file and _MAC_NAME.search(n)) for n in names):
            continue
        fix = "subtle.ConstantTimeCompare / hmac.Equal" if source.language == "go" else "MessageDigest.isEqual"
        out.append(make_finding(
            "timing-attack", file=source.path, line=number + 1, severity="medium", family="guard", confidence=60,
            description=f"`{pair[0].strip()}` is compared with `{pair[1].strip()}` by an equality that stops at the "
                        f"first differing byte; the response time leaks how much of a guess is right (use {fix})."))
    return out


def _pair(language: str, line: str) -> tuple[str, str] | None:
    """The two sides of the first equality test on ``line`` that compares two values."""
    if language == "go":
        call = _GO_CALL.search(line)
        if call and not in_string(line, call.start()):
            args = call_arguments(line, call.end())
            if args and len(args) == 2 and not any(_NOT_VALUE.match(a) for a in args):
                return args[0], args[1]
        for match in _GO_EQ.finditer(line):
            left, right = match.group(1), match.group(3)
            if not in_string(line, match.start()) and not _NOT_VALUE.match(left) and not _NOT_VALUE.match(right):
                return left, right
        return None
    for call in _JAVA_CALL.finditer(line):
        if in_string(line, call.start()):
            continue
        args = call_arguments(line, call.end())
        if not args:
            continue
        if call.group(0).startswith("Arrays") and len(args) == 2:
            sides = (args[0], args[1])
        elif len(args) == 1:
            sides = (receiver(line, call.start()), args[0])
        else:
            continue
        if sides[0] and not any(_NOT_VALUE.match(s) for s in sides):
            return sides
    return None
