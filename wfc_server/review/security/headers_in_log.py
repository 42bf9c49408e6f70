"""Whole header collections handed to a logger (WFC-SEC-LOG-HEADERS, CWE-532).

Logging "everything about the failing request" is a natural debugging reflex; the headers of
that request hold its ``Authorization`` and ``Cookie`` values. This module flags a logging call
whose arguments contain the request's complete header collection, cookie jar or WSGI environ
(directly, or through a variable assigned from it), unless the same line visibly redacts. A
single header read (``headers.get("User-Agent")``, ``r.Header.Get``) is not the collection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wfc_server.review.analysis.line_exprs import MINIFIED, call_arguments, candidate_lines, in_string, last_assignment
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.catalog import make_finding

_S = re.compile


@dataclass(frozen=True, slots=True)
class LogSyntax:
    calls: re.Pattern[str]  # a logging call, ending at its "("; group "level" names the level if any
    collection: re.Pattern[str]  # the whole header / cookie collection of a request


_PY = LogSyntax(
    calls=_S(r"(?<![\w.])(?:[\w.]*\b(?:log|logger|logging|LOG|LOGGER)\w*\.(?P<level>debug|info|warning|warn|error|"
             r"exception|critical|log)|print|\w*log_method|\w*_log)\("),
    collection=_S(r"\b(?:request|req|self\.request|flask\.request)\.(?:headers|cookies|environ|META|COOKIES)\b"
                  r"(?!\s*(?:\.get\b|\.getlist\b|\.keys\b|\[|\.__contains__))|(?<![\w.])environ\b(?!\s*(?:\.get\b|\[))"),
)
_JS = LogSyntax(
    calls=_S(r"(?<![\w.$])(?:console|logger|log|this\.logger|this\.log|req\.log|fastify\.log|app\.log)\."
             r"(?P<level>log|debug|info|warn|error|trace|fatal)\("),
    collection=_S(r"\b(?:req|request|ctx|ctx\.request|event)\.(?:headers|cookies)\b(?!\s*(?:\.|\[|\?\.))"),
)
_GO = LogSyntax(
    calls=_S(r"\b(?:log|logger|l|slog|s\.log|h\.log)\.(?P<level>Print|Printf|Println|Fatal|Fatalf|Debug|Debugf|Info|"
             r"Infof|Warn|Warnf|Error|Errorf|Debugw|Infow|Errorw|Warnw)\(|\bfmt\.(?:Print|Printf|Println)\("),
    collection=_S(r"\b(?:r|req|request)\.(?:Header|Cookies\(\))(?!\s*(?:\.Get|\.Values|\[|\.Clone))"),
)
_JAVA = LogSyntax(
    calls=_S(r"\b(?:log|logger|LOG|LOGGER)\.(?P<level>trace|debug|info|warn|error)\(|\bSystem\.(?:out|err)\.println\("),
    collection=_S(r"\b(?:request|req|exchange\.getRequest\(\))\.(?:getHeaders\(\)|getCookies\(\))"),
)
SYNTAX: dict[str, LogSyntax] = {"python": _PY, "javascript": _JS, "typescript": _JS, "go": _GO, "java": _JAVA}
#: Cheap substring pre-check: every collection pattern contains one of these words.
_COLLECTION_WORDS = ("headers", "cookies", "environ", "META", "COOKIES", "Header", "Cookies", "getHeaders", "getCookies")
_REDACTED = _S(r"(?i)redact|mask|sanitiz|scrub|filter|censor|\bsafe_|without_secrets|SENSITIVE")
_COUNTED_BEFORE = _S(r"\b(len|keys|size|count|length)\(\s*$")
_COUNTED_AFTER = _S(r"\s*\.(size\(\)|length\b|keySet\(\)|keys\(\)|count\b|isEmpty\(\))")
#: ``headers = request.headers`` / ``h := r.Header``: a name that holds the collection.
_HOLDER = _S(r"\s*(?:const\s+|let\s+|var\s+|final\s+)?(?:[\w<>,]+\s+)?([A-Za-z_$][\w$]*)\s*:?=(?!=)")
_NAME = _S(r"(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$(])")


def headers_in_log(source: SourceFile) -> list[RawFinding]:
    """Findings for logging calls that receive a request's whole header collection."""
    syntax = SYNTAX.get(source.language)
    if syntax is None or source.is_test or not any(w in source.text for w in _COLLECTION_WORDS) \
            or not syntax.collection.search(source.text):
        return []
    lines = source.text.split("\n")
    holders = {m.group(1) for i in candidate_lines(source.text, syntax.collection) if (m := _HOLDER.match(lines[i]))}
    held = _S(r"\b(" + "|".join(map(re.escape, sorted(holders))) + r")\b") if holders else None
    out: list[RawFinding] = []
    wanted = syntax.collection if held is None else _S(f"{syntax.collection.pattern}|{held.pattern}",
                                                         syntax.collection.flags)
    for number in candidate_lines(source.text, wanted):
        line = lines[number]
        if len(line) > MINIFIED:
            continue
        for call in syntax.calls.finditer(line):
            args = call_arguments(line, call.end())
            if not args or in_string(line, call.start()):
                continue
            text = ", ".join(args)
            if _REDACTED.search(text):
                continue
            found = _whole(syntax, text)
            if found is None:
                found = next((m for name in dict.fromkeys(_NAME.findall(text))
                              if (m := _whole(syntax, last_assignment(lines, number - 1, name, stop=30)))), None)
            if found is None:
                continue
            level = (call.group("level") or "").lower()
            out.append(make_finding(
                "headers-in-log", file=source.path, line=number + 1, family="guard", confidence=60,
                severity="low" if level.startswith(("debug", "trace")) else "medium",
                description=f"`{found.group(0)}` (every header or cookie of the request, with its "
                            "Authorization and Cookie values) is written to the log."))
            break
    return out


def _whole(syntax: LogSyntax, text: str) -> re.Match[str] | None:
    """The collection used as a value in ``text`` (not only counted or its names listed)."""
    if not text or _REDACTED.search(text):
        return None
    for match in syntax.collection.finditer(text):
        if _COUNTED_BEFORE.search(text[:match.start()]) or _COUNTED_AFTER.match(text[match.end():]):
            continue
        return match
    return None
