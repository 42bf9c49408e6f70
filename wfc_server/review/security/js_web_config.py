"""Web-framework configuration flaws in JavaScript/TypeScript that need no data flow: a CORS
policy that accepts every origin with credentials, and credential cookies set without HttpOnly.

Each check takes one call (its callee after alias resolution, its argument texts) and returns a
verdict or None; the caller reports it. Why separate: these are option-object facts, not taint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Verdict:
    concept: str
    severity: str
    confidence: int
    description: str
    anchor: str = ""  # the option's text: the finding goes on its line inside the call

    def line_in(self, text: str) -> int:
        """0-based line of :attr:`anchor` inside the call ``text`` (0: the call's first line)."""
        at = text.find(self.anchor) if self.anchor else -1
        return text.count("\n", 0, at) if at > 0 else 0


_CREDENTIALS = re.compile(r"\bcredentials\s*:\s*true\b")
#: ``origin: true``, or an origin callback that answers yes for every origin (``cb(null, true)`` /
#: ``cb(null, origin)`` with no condition before it).
_ORIGIN_ANY = re.compile(r"\borigin\s*:\s*true\b")
_ORIGIN_CALLBACK = re.compile(
    r"\borigin\s*:\s*(?:async\s*)?(?:function\s*\w*)?\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)\s*(?:=>)?\s*\{?\s*"
    r"(?:return\s+)?\2\(\s*null\s*,\s*(true|\1)\s*\)")
_ORIGIN_ECHO_KOA = re.compile(r"\borigin\s*:\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\.(get|header)\(\s*['\"]origin['\"]",
                              re.IGNORECASE)
#: Cookie names that carry a credential or a session.
_CREDENTIAL_COOKIE = re.compile(r"(?i)^(s?id|sess\w*|\w*session\w*|\w*token\w*|jwt|auth\w*|\w*_auth|remember\w*|"
                                r"connect\.sid|access\w*|refresh\w*|login\w*|user_?id|uid)$")


def cors_middleware(callee: str, args: list[str]) -> Verdict | None:
    """``cors({ origin: true, credentials: true })`` and its callback forms (express / koa)."""
    if not re.fullmatch(r"cors|@koa/cors|kcors|@fastify/cors|\w*\.register", callee) or not args:
        return None
    options = args[-1]
    if callee.endswith(".register") and not re.search(r"\b(cors|fastifyCors)\b|/cors['\"]", args[0]):
        return None
    if not _CREDENTIALS.search(options):
        return None
    hit = _ORIGIN_ANY.search(options) or _ORIGIN_CALLBACK.search(options) or _ORIGIN_ECHO_KOA.search(options)
    if hit is None:
        return None
    return Verdict("cors-misconfiguration", "medium", 75,
                   "The CORS middleware answers every requesting origin and allows credentials: any web "
                   "site can read this API's responses with the visitor's cookies.", hit.group(0))


def reflected_origin(origin_from_request: bool, credentials_in_file: bool) -> Verdict | None:
    """``res.setHeader('Access-Control-Allow-Origin', req.headers.origin)`` with no allow-list."""
    if not origin_from_request:
        return None
    severity = "medium" if credentials_in_file else "low"
    return Verdict("cors-misconfiguration", severity, 70,
                   "The request's Origin header is copied into Access-Control-Allow-Origin without an allow-list "
                   "check, so every site is trusted" + (" with credentials." if credentials_in_file else "."))


def credential_cookie(callee: str, args: list[str]) -> Verdict | None:
    """``res.cookie('sid', value[, options])`` where the options do not make it HttpOnly."""
    if not re.fullmatch(r"(res|response|reply|ctx\.cookies|ctx\.response|this\.res)\.(cookie|set|setCookie)",
                        callee) or len(args) < 2:
        return None
    if callee.endswith(".set") and not callee.startswith("ctx.cookies"):
        return None
    name = re.fullmatch(r"""\s*(['"`])([\w.-]+)\1\s*""", args[0])
    if name is None or not _CREDENTIAL_COOKIE.match(name.group(2)):
        return None
    if re.fullmatch(r"""\s*(-?\d+|true|false|null|(['"`])[\w-]{0,12}\2)\s*""", args[1]):
        return None  # a flag or preference value (`remember`, 1): nothing to steal
    options = args[2] if len(args) > 2 else ""
    if options and not options.lstrip().startswith("{"):
        return None  # options built elsewhere (a shared cookieOptions object): judged there
    if re.search(r"\bhttpOnly\s*:\s*false\b", options, re.IGNORECASE):
        why = "with `httpOnly: false`"
    elif callee.startswith("ctx.cookies"):
        return None  # koa's cookies.set is HttpOnly unless told otherwise
    elif re.search(r"\bhttpOnly\s*:", options, re.IGNORECASE):
        return None
    else:
        why = "without `httpOnly: true`"
    return Verdict("insecure-cookie", "medium", 60,
                   f"The credential cookie `{name.group(2)}` is set by `{callee}` {why}: a script injected into "
                   "the page can read it and take over the session.")


def session_cookie_options(callee: str, text: str) -> Verdict | None:
    """``session({ cookie: { httpOnly: false } })`` (express-session / cookie-session)."""
    if not re.fullmatch(r"(express-session|cookie-session|session|cookieSession)", callee):
        return None
    hit = re.search(r"\bhttpOnly\s*:\s*false\b", text, re.IGNORECASE)
    if hit is not None:
        return Verdict("insecure-cookie", "medium", 65,
                       f"`{callee}` is configured with `httpOnly: false`: the session cookie is readable by any "
                       "script on the page.", hit.group(0))
    return None
