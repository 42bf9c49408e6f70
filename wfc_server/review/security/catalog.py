"""The security rule catalog: one entry per defect kind, so ids, concepts and CWEs stay consistent.

Every tool (bandit, detect-secrets, ast-grep rules, the taint engine) reports through
:func:`make_finding`, which is why the same defect found by two tools carries the same
``concept`` and ``cwe`` and merges in the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wfc_server.review.model import RawFinding


@dataclass(frozen=True, slots=True)
class Rule:
    rule_id: str
    concept: str
    cwe: str
    title: str
    suggestion: str


def _rules(*rules: Rule) -> Mapping[str, Rule]:
    return MappingProxyType({r.concept: r for r in rules})


RULES: Mapping[str, Rule] = _rules(
    Rule("WFC-SEC-SQLI", "sql-injection", "CWE-89", "SQL injection",
         "Use a parameterised query (placeholders plus a parameter tuple) instead of building "
         "SQL text from data."),
    Rule("WFC-SEC-CMDI", "command-injection", "CWE-78", "OS command injection",
         "Pass an argument list without a shell (shell=False), or quote each value with "
         "shlex.quote / validate it against an allow-list."),
    Rule("WFC-SEC-CODEI", "code-injection", "CWE-94", "Code injection via dynamic evaluation",
         "Never evaluate data as code; parse it (json, ast.literal_eval) or dispatch through an "
         "explicit mapping of allowed operations."),
    Rule("WFC-SEC-DESER", "unsafe-deserialization", "CWE-502", "Unsafe deserialization",
         "Deserialize untrusted data only with a data-only format (json, yaml.safe_load) or "
         "verify an HMAC signature before loading."),
    Rule("WFC-SEC-PATH", "path-traversal", "CWE-22", "Path traversal",
         "Reduce the name with os.path.basename / secure_filename, or resolve the path and check "
         "it stays under the base directory before using it."),
    Rule("WFC-SEC-SSRF", "ssrf", "CWE-918", "Server-side request forgery",
         "Fetch only URLs whose scheme and host are on an allow-list; never fetch a URL taken "
         "verbatim from the request."),
    Rule("WFC-SEC-XSS", "xss", "CWE-79", "Cross-site scripting",
         "Render through an auto-escaping template or escape the value (html.escape, "
         "markupsafe.escape, textContent) before writing it into HTML."),
    Rule("WFC-SEC-SSTI", "template-injection", "CWE-1336", "Server-side template injection",
         "Never build template source from data; pass data as template variables to a fixed "
         "template."),
    Rule("WFC-SEC-PWHASH", "weak-password-hash", "CWE-916", "Weak hash used for passwords",
         "Hash passwords with a slow salted KDF (bcrypt, argon2, scrypt or "
         "hashlib.pbkdf2_hmac with a high iteration count)."),
    Rule("WFC-SEC-WEAKHASH", "weak-hash", "CWE-328", "Weak hash used for a security purpose",
         "Use SHA-256 or better (or HMAC-SHA-256 for signatures); mark non-security uses with "
         "usedforsecurity=False."),
    Rule("WFC-SEC-WEAKCRYPTO", "weak-crypto", "CWE-327", "Broken or risky cryptographic algorithm",
         "Use an authenticated modern cipher (AES-GCM, ChaCha20-Poly1305) and a vetted library."),
    Rule("WFC-SEC-SECRET", "hardcoded-secret", "CWE-798", "Hard-coded credential",
         "Load the credential from the environment or a secret store at run time and rotate the "
         "exposed value."),
    Rule("WFC-SEC-TLS", "tls-verification-disabled", "CWE-295", "TLS certificate verification disabled",
         "Keep certificate verification on; point the client at a CA bundle if a private CA is "
         "used."),
    Rule("WFC-SEC-XXE", "xxe", "CWE-611", "XML external entity processing",
         "Parse untrusted XML with defusedxml, or disable DTDs and external entities "
         "(resolve_entities=False, no_network=True)."),
    Rule("WFC-SEC-TEMPFILE", "insecure-temp-file", "CWE-377", "Insecure temporary file",
         "Create temporary files with tempfile.mkstemp / NamedTemporaryFile / TemporaryDirectory "
         "instead of predictable names."),
    Rule("WFC-SEC-DEBUG", "debug-enabled", "CWE-489", "Debug mode enabled",
         "Read the debug flag from configuration that defaults to off; never ship debug=True "
         "(the debugger allows remote code execution)."),
    Rule("WFC-SEC-REDIRECT", "open-redirect", "CWE-601", "Open redirect",
         "Redirect only to relative paths or hosts on an allow-list (e.g. "
         "url_has_allowed_host_and_scheme)."),
    Rule("WFC-SEC-LDAPI", "ldap-injection", "CWE-90", "LDAP injection",
         "Escape values with ldap.filter.escape_filter_chars (or the library's equivalent) "
         "before putting them into a filter."),
    Rule("WFC-SEC-XPATHI", "xpath-injection", "CWE-643", "XPath injection",
         "Pass values as XPath variables (tree.xpath('//u[@n=$name]', name=value)) instead of "
         "formatting them into the expression."),
    Rule("WFC-SEC-RANDOM", "weak-random", "CWE-330", "Predictable random value for a security token",
         "Generate tokens with the secrets module (secrets.token_urlsafe) or crypto.randomBytes / "
         "crypto/rand / SecureRandom."),
    Rule("WFC-SEC-HDRI", "header-injection", "CWE-113", "HTTP response header injection",
         "Strip CR/LF from request data before putting it into a response header, or encode it "
         "(e.g. RFC 5987 filename*=UTF-8'' with URL encoding for Content-Disposition)."),
    Rule("WFC-SEC-LOGI", "log-injection", "CWE-117", "Log injection",
         "Strip CR/LF from request data (or log it with %r) before writing it to a log."),
    Rule("WFC-SEC-ASSERT", "assert-access-control", "CWE-617", "assert used for access control",
         "Check permissions with an explicit if/raise: assert statements are removed under "
         "python -O."),
    Rule("WFC-SEC-JWT", "jwt-verification", "CWE-347", "JWT signature not verified",
         "Verify tokens with an explicit algorithm list and never accept the 'none' algorithm."),
    Rule("WFC-SEC-PROTO", "prototype-pollution", "CWE-1321", "Prototype pollution",
         "Reject __proto__/constructor/prototype keys or merge into Object.create(null)."),
    Rule("WFC-SEC-NOSQLI", "nosql-injection", "CWE-943", "NoSQL injection",
         "Never pass request objects or strings into $where / query operators; cast values to "
         "the expected primitive type."),
    Rule("WFC-SEC-PERMS", "insecure-permissions", "CWE-732", "Overly permissive file permissions",
         "Grant only the permissions needed (e.g. 0o600 for secrets, 0o755 for executables)."),
    Rule("WFC-SEC-GRANT", "excessive-privilege", "CWE-269", "Excessive database privilege",
         "Grant the least privilege needed to a named role, never ALL to PUBLIC."),
    Rule("WFC-SEC-PLAINPW", "plaintext-password", "CWE-256", "Password stored in plain text",
         "Store a salted slow hash of the password (bcrypt/argon2), never the password itself."),
    Rule("WFC-SEC-INSECURE", "insecure-protocol", "CWE-319", "Cleartext or insecure protocol",
         "Use an encrypted protocol (SSH/SFTP/HTTPS/TLS) with verification."),
    Rule("WFC-SEC-BIND", "bind-all-interfaces", "CWE-605", "Service bound to all interfaces",
         "Bind to a specific interface from configuration."),
    Rule("WFC-SEC-REDOS", "regex-injection", "CWE-1333", "Regular expression built from request data",
         "Escape user text before building a pattern (re.escape / lodash.escapeRegExp) or match it "
         "literally; attacker patterns can hang the process (ReDoS)."),
    Rule("WFC-SEC-TIMING", "timing-attack", "CWE-208", "Non-constant-time comparison of a secret",
         "Compare MACs, signatures and tokens with hmac.compare_digest / crypto.timingSafeEqual "
         "so the comparison time does not leak how many leading bytes matched."),
    Rule("WFC-SEC-ARGI", "argument-injection", "CWE-88", "Argument injection into a command-line tool",
         "Put '--' before user-supplied arguments (or validate they do not start with '-') so the "
         "tool cannot read them as options."),
    Rule("WFC-SEC-LOGSECRET", "secret-in-log", "CWE-532", "Secret written to a log",
         "Never log passwords, tokens or keys; log the user id or a redacted form instead."),
    Rule("WFC-SEC-ZIPSLIP", "archive-path-traversal", "CWE-22", "Archive extraction without path checks",
         "Validate each member's resolved path (or use tarfile's filter='data') before "
         "extracting."),
)


def make_finding(
    concept: str,
    *,
    file: str,
    line: int,
    severity: str,
    description: str,
    family: str,
    confidence: int,
    end_line: int | None = None,
    column: int | None = None,
    title: str | None = None,
    heuristic: bool = False,
    cwe: str | None = None,
) -> RawFinding:
    """One statement-scoped security finding with the catalog's id, CWE and suggestion."""
    rule = RULES[concept]
    return RawFinding(
        rule_id=rule.rule_id,
        reviewer="security",
        severity=severity,
        title=title or rule.title,
        description=description,
        suggestion=rule.suggestion,
        file=file,
        line=line,
        end_line=end_line if end_line is not None else line,
        column=column,
        concept=concept,
        family=family,
        confidence=max(0, min(100, confidence)),
        cwe=cwe or rule.cwe,
        scope="statement",
        heuristic=heuristic,
    )
