"""The result of a call that returns null / nil on "not found" is dereferenced without a check.

``re.match(p, s).group(1)`` (Python), ``text.match(re)[1]`` (JavaScript), ``System.getenv("KEY").trim()`` or
``request.getParameter("id").length()`` (Java) and ``re.FindStringSubmatch(s)[1]`` (Go) work on
the input the author tried and crash (TypeError, NullPointerException, index-out-of-range panic)
on the first input without a match or without the setting.
"""

from __future__ import annotations

import re

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

NULL_RESULT_DEREFERENCE = Rule(
    id="WFC-COR-NULL-RESULT",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Possibly-null result dereferenced",
    concept="null-result-dereference",
    languages=frozenset({"python", "javascript", "typescript", "java", "go"}),
    cwe="CWE-476",
    confidence=70,
    doc=RuleDoc(
        what="A call documented to return null / nil / an empty slice when nothing matches (a regex "
        "match, an environment variable, a request parameter) is indexed or dereferenced directly.",
        why="The first input without a match, or a deployment without the setting, crashes the "
        "request or the process (CWE-476) instead of being handled.",
        example="const id = path.match(/\\/users\\/(\\d+)/)[1];",
        fix="Keep the result in a variable and check it (null, length) before use, or supply a default.",
    ),
    suggestions={
        "javascript": "const m = s.match(re); if (!m) { ... } use m[1]; or s.match(re)?.[1] ?? fallback.",
        "typescript": "const m = s.match(re); if (!m) { ... } use m[1]; or s.match(re)?.[1] ?? fallback.",
        "java": "Check for null first (Optional.ofNullable(System.getenv(\"K\")).orElse(...)).",
        "go": "m := re.FindStringSubmatch(s); if len(m) < 2 { ... } before m[1].",
        "python": "m = re.match(pattern, s); if m is None: ...; then m.group(1) (or os.environ.get(\"K\", default)).",
    },
)
RULES = (NULL_RESULT_DEREFERENCE,)

#: Per language: calls whose result may be null / nil, immediately indexed or dereferenced.
DIRECT_USE = {
    "javascript": re.compile(r"\.(match|exec)\([^()]*(\([^()]*\)[^()]*)*\)(\[\d+\]|\.(\w+))"),
    "java": re.compile(r"\b(System\.getenv|System\.getProperty|\w*[rR]equest\.(getParameter|getHeader))"
                       r"\(\s*\"[^\"]*\"\s*\)\.\w+\("),
    "go": re.compile(r"\.(FindStringSubmatch|FindSubmatch|FindStringSubmatchIndex)\([^()]*\)\[\d+\]"),
}
DIRECT_USE["typescript"] = DIRECT_USE["javascript"]
DIRECT_USE["python"] = re.compile(
    r"\b(re|\w*(?:_re|_RE|RE_\w*|PATTERN|pattern|regex|REGEX))\.(match|search|fullmatch)\([^()]*(\([^()]*\)[^()]*)*\)"
    r"\.(group|groups|groupdict|start|end|span)\(|\bos\.(environ\.get|getenv)\(\s*[\"'][^\"']*[\"']\s*\)\.\w+\(")
#: Members that exist on null-free wrappers (``.match(...).length`` on a possibly-null is still a bug,
#: but ``exec`` chains like ``.exec(x).then`` are promises of other libraries).
_NOT_MATCH_RESULT = frozenset({"then", "catch", "finally", "pipe", "on"})


def regex_names(text: str) -> frozenset[str]:
    """JavaScript variables bound to a regular expression (``const TAG = /v(\\d+)/``)."""
    return frozenset(re.findall(r"\b(?:const|let|var)\s+(\w+)\s*=\s*(?:/[^/\n]|new RegExp\b)", text))


def direct_uses(language: str, line: str, regexes: frozenset[str] = frozenset()) -> bool:
    """Whether ``line`` dereferences a possibly-null result directly (``regexes``: names known to
    hold a RegExp, whose ``exec`` returns null on no match)."""
    pattern = DIRECT_USE.get(language)
    if pattern is None:
        return False
    for m in pattern.finditer(line):
        if language in {"javascript", "typescript"}:
            if m.group(4) in _NOT_MATCH_RESULT:
                continue
            receiver = re.search(r"(\w+)$", line[: m.start()])
            if m.group(1) == "exec" and not _REGEX_RECEIVER.search(line[: m.start()]) and not (
                    receiver and receiver.group(1) in regexes):
                continue  # child_process / database exec, not RegExp.prototype.exec
        return True
    return False


_REGEX_RECEIVER = re.compile(r"(/[gimsuy]*|\b\w*(re|Re|RE|regex|Regex|REGEX|pattern|Pattern|PATTERN))$")
