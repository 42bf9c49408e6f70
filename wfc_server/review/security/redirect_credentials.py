"""Credentials carried across a redirect to another host (WFC-SEC-REDIRECT-CREDS, CWE-200).

HTTP client libraries drop Authorization and Cookie headers when a redirect leaves the original
host. Code that follows redirects itself (``allow_redirects=False`` / ``redirect: 'manual'`` /
``setInstanceFollowRedirects(false)`` and then a second request to the ``Location``), or that hooks
the client's redirect step (Go's ``CheckRedirect``, ``beforeRedirect``, a Session overriding
``rebuild_auth``), loses that protection unless it compares hosts itself. This is a missing-guard
check over one function at a time, the same in every language:

* the function reads a redirect target (the ``Location`` header) and makes a request to it, or it
  is a redirect hook that puts credentials on the next request;
* the function handles credentials (Authorization / Cookie / API-key headers, basic auth);
* and nowhere in it is a host/origin comparison, or a deletion of the credential header.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass

from wfc_server.review.analysis.report import finding_at
from wfc_server.review.model import RawFinding
from wfc_server.review.rules.security.redirect_credentials import REDIRECT_CREDS

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class _Spec:
    location: re.Pattern[str]  # reads a redirect target
    request: re.Pattern[str]  # makes an HTTP request (the target's name is looked for on its line)
    hook: re.Pattern[str]  # first line of a redirect hook
    hook_sets_credentials: re.Pattern[str]  # what in a hook puts credentials on the next request


_JS = _Spec(
    location=re.compile(r"""headers\s*(\.location\b|\[\s*['"]location['"]\s*\]|\.get\(\s*['"]location['"]\s*\))""", _I),
    request=re.compile(r"\bfetch\(|\baxios(\.\w+)?\(|\b(https?|client|agent)\.(get|request)\(|\bgot(\.\w+)?\(|"
                       r"\brequest(\.\w+)?\(|\bneedle\(|\bsuperagent\b|\bky(\.\w+)?\("),
    hook=re.compile(r"\bbeforeRedirect\b"),
    hook_sets_credentials=re.compile(r"""headers(\.(authorization|cookie)|\[\s*['"](authorization|cookie)['"]\s*\])\s*=[^=]|"""
                                     r"""\bauth\s*=[^=]""", _I),
)
SPECS: dict[str, _Spec] = {
    "python": _Spec(
        location=re.compile(r"""headers\s*(\[\s*['"]location['"]\s*\]|\.get\(\s*['"]location['"])""", _I),
        request=re.compile(r"\.(get|post|put|patch|delete|head|request|send|urlopen|open|stream)\(|\burlopen\(|"
                           r"\bRequest\("),
        hook=re.compile(r"\bdef\s+(rebuild_auth|should_strip_auth)\b"),
        hook_sets_credentials=re.compile(r"\bdef\s+(rebuild_auth|should_strip_auth)\b"),
    ),
    "javascript": _JS,
    "typescript": _JS,
    "go": _Spec(
        location=re.compile(r"""Header\.Get\(\s*"location"\s*\)|\.Location\(\)""", _I),
        request=re.compile(r"http\.NewRequest(WithContext)?\(|http\.(Get|Post|Head)\(|\.(Get|Post|Head)\("),
        hook=re.compile(r"\bCheckRedirect\b"),
        hook_sets_credentials=re.compile(
            r"""Header\.(Set|Add)\(\s*"(authorization|cookie|proxy-authorization|x-api-key)"|\bSetBasicAuth\(|"""
            r"""\.Header\s*=\s*via\[|range\s+via\[\w*\]\.Header\b|\.Header\s*=\s*\w+\.Header\.Clone\(\)""", _I),
    ),
    "java": _Spec(
        location=re.compile(r"""getHeaderField\(\s*"location"\s*\)|firstValue\(\s*"location"\s*\)|"""
                            r"""getFirstHeader\(\s*"location"\s*\)|getHeaders\(\)\.getLocation\(\)""", _I),
        request=re.compile(r"new\s+URL\(|URI\.create\(|\.openConnection\(|HttpRequest\.newBuilder\(|"
                           r"new\s+Http(Get|Post|Head)\(|\.uri\("),
        hook=re.compile(r"\bgetRedirect\s*\(|\bisRedirected\s*\("),
        hook_sets_credentials=re.compile(r"""(setHeader|addHeader)\(\s*"(authorization|cookie)\"""", _I),
    ),
}
#: The function deals with credentials at all.
_CREDENTIALS = re.compile(
    r"""["'](authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|private-token|"""
    r"""x-access-token)["']|\bauthorization\s*:|\bSetBasicAuth\(|\bsetBasicAuth\(|\bauth\s*=\s*[\w(]|\bbearer\s|"""
    r"""\bdef\s+(rebuild_auth|should_strip_auth)\b""", _I)
#: A host / origin comparison, or the credential header removed: the guard this rule looks for.
_GUARD = re.compile(
    r"""\b(host|hostname|netloc|origin|authority|Host|Hostname\(\))\s*(!==|===|!=|==|\.equals|\.equalsIgnoreCase)|"""
    r"""(!==|===|!=|==)\s*[\w.\[\]()]*\b(host|hostname|netloc|origin|authority|Host)\b|getHost\(\)|"""
    r"""Hostname\(\)|same_?(host|origin|site)|is_?same_?(host|origin)|(?<!def )should_strip_auth\(|"""
    r"""EqualFold\([^)]*Host|"""
    r"""\bdel\s+[\w.]*headers\[\s*['"](authorization|cookie)|\.pop\(\s*['"](authorization|cookie)|"""
    r"""\bdelete\s+[\w.]*headers(\.(authorization|cookie)|\[\s*['"](authorization|cookie))|"""
    r"""Header\.Del\(\s*"(authorization|cookie)"|removeHeader\(\s*['"](authorization|cookie)|"""
    r"""headers\.delete\(\s*['"](authorization|cookie)|super\(\S*\)\.rebuild_auth\(""", _I)
#: The request passes headers or auth that may be built elsewhere (a field, a shared dict).
_PASSES_CREDENTIAL_HOLDER = re.compile(r"\b(headers|auth)\s*[=:]|\.Header\b|setRequestProperty|\bheaders\)", _I)
_DECLARED_NAME = re.compile(r"(?!(?:func|function|if|for|while|switch|catch|return)\b)\b(\w+)\s*\(")
_ASSIGNED = re.compile(r"(?:^|[\s(,;])(?:const|let|var|final\s+\w+|\w+(?:<[^>]*>)?)?\s*(\w+)\s*(?::=|=)(?!=)")


def forwarded_credentials(path: str, language: str, functions: Iterable[tuple[int, str]],
                          file_text: str = "") -> dict[int, RawFinding]:
    """Findings by 1-based line for ``functions`` given as (0-based first line, source text).

    Credentials may be set up outside the function (a client's header field): then the file must
    name them and the request to the redirect target must pass headers or auth along."""
    spec = SPECS.get(language)
    out: dict[int, RawFinding] = {}
    functions = list(functions)
    if spec is None or not _CREDENTIALS.search(file_text or "".join(t for _, t in functions)):
        return out
    file_lines = file_text.splitlines()
    # same-file helpers that put credentials on the request they build (`connect(url)`)
    helpers = {m.group(1) for _, t in functions if _CREDENTIALS.search(t)
               for m in [_DECLARED_NAME.search(t.split("\n", 1)[0])] if m}
    calls_helper = re.compile(rf"\b({'|'.join(map(re.escape, sorted(helpers)))})\s*\(") if helpers else None
    for first, text in functions:
        if _GUARD.search(text):
            continue
        lines = text.splitlines()
        offsets = [o for o in _followed_locations(spec, text)
                   if _CREDENTIALS.search(text) or _PASSES_CREDENTIAL_HOLDER.search(lines[o])
                   or (calls_helper is not None and calls_helper.search(lines[o]))]
        if _CREDENTIALS.search(text):
            head = file_lines[first] if first < len(file_lines) else lines[0]
            offsets += _hook_lines(spec, text, head)
        for offset in offsets:
            line = first + offset + 1
            out[line] = finding_at(REDIRECT_CREDS, path, language, line, "wfc-redirect-credentials")
    return out


def python_functions(tree: ast.Module, text: str) -> list[tuple[int, str]]:
    """(0-based first line, text) of every function in a parsed Python module."""
    lines = text.splitlines()
    return [(node.lineno - 1, "\n".join(lines[node.lineno - 1: node.end_lineno or node.lineno]))
            for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _hook_lines(spec: _Spec, text: str, head: str) -> list[int]:
    """A redirect hook (the line it starts on names it) that puts credentials on the next request."""
    if not spec.hook.search(head):
        return []
    lines = text.splitlines()
    for offset, line in enumerate(lines):
        if spec.hook_sets_credentials.search(line):
            if offset == 0 and "def " in line and not _python_hook_keeps(text):
                return []
            return [offset]
    return []


def _python_hook_keeps(text: str) -> bool:
    """A Session hook that keeps credentials: ``rebuild_auth`` with no host check or header removal
    (the caller checked both are absent), ``should_strip_auth`` that answers False."""
    if "should_strip_auth" not in text.split("\n", 1)[0]:
        return True
    returns = re.findall(r"^\s*return\b(.*)$", text, re.MULTILINE)
    return bool(returns) and all(r.strip() == "False" for r in returns)


def _followed_locations(spec: _Spec, text: str) -> list[int]:
    """Lines where a request goes to the redirect target read in the same function."""
    lines = text.splitlines()
    names: set[str] = set()
    inline: list[int] = []
    for offset, line in enumerate(lines):
        if not spec.location.search(line):
            continue
        assigned = _ASSIGNED.search(line.split("=", 1)[0] + "=") if "=" in line else None
        if assigned and spec.location.search(line.split("=", 1)[1]):
            names.add(assigned.group(1))
        if spec.request.search(line):
            inline.append(offset)
    if not names:
        return inline
    for line in lines:  # one hop of aliasing: next = new URL(loc, base)
        m = re.match(r"\s*(?:const|let|var|final\s+\w+|[\w.<>]+\s+)?(\w+)\s*(?::=|=)(?!=)(.*)", line)
        if m and not spec.request.search(line) and any(re.search(rf"\b{re.escape(n)}\b", m.group(2)) for n in names):
            names.add(m.group(1))
    used = []
    for offset, line in enumerate(lines):
        call = spec.request.search(line)
        if call and not spec.location.search(line) and any(
                re.search(rf"\b{re.escape(n)}\b", line[call.start():]) for n in names):
            used.append(offset)
    return sorted(set(inline + used[:1]))
