"""Overly permissive file permissions: 1 rule (WFC-SEC-PERMS).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PERMS = Rule(
    id="WFC-SEC-PERMS",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Overly permissive file permissions",
    concept="insecure-permissions",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-732",
    confidence=80,
    doc=RuleDoc(
        what="A file or directory is given permissions that let any local user read or write it.",
        why=("World-readable or writable files let any local user read secrets or replace code (CWE-732)."),
        example="os.chmod(path, 0o777)",
        fix="Grant only the permissions the file needs.",
    ),
    suggestions={
        "python": "Grant only what is needed (0o600 for secrets, 0o755 for executables).",
        "go": "os.Chmod(path, 0o600) for secrets, 0o755 for executables; never a mode others can write.",
        "javascript": "fs.chmodSync(path, 0o600) for secrets, 0o755 for executables.",
        "typescript": "fs.chmodSync(path, 0o600) for secrets, 0o755 for executables.",
        "java": "Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(\"rw-------\"))",
        "*": "Grant only the permissions needed (e.g. 0600 for secrets).",
    },
)


RULES = (PERMS,)
