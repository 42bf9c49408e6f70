"""A private file created with default permissions and restricted afterwards: 1 rule
(WFC-SEC-PERM-WINDOW).

The declaration is the rule's identity and documentation; the detector
(``review/security/permission_window.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

PERMISSION_WINDOW = Rule(
    id="WFC-SEC-PERM-WINDOW",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="File restricted with chmod only after it was created",
    concept="permission-window",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-362",
    confidence=60,
    doc=RuleDoc(
        what="A file is created (or truncated) with the default mode and then narrowed to owner-only "
        "with `chmod` / `Chmod` / `setPosixFilePermissions` a few lines later.",
        why="Between the two calls the file exists with the umask's permissions, usually world- or "
        "group-readable: another local user opens it in that window and keeps the descriptor after the "
        "chmod, reading the private key or token written into it (CWE-362, CWE-732).",
        example='with open(path, "w") as f:\n    os.chmod(path, 0o600)\n    f.write(private_key)',
        fix="Create the file with its final mode in the same call: `os.open(path, os.O_WRONLY | "
        "os.O_CREAT | os.O_TRUNC, 0o600)`, `os.OpenFile(path, flags, 0o600)`, `fs.writeFileSync(path, data, "
        "{ mode: 0o600 })`, `Files.createFile(path, PosixFilePermissions.asFileAttribute(...))`.",
    ),
    suggestions={
        "python": "fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600); with os.fdopen(fd, 'w') as f: ...",
        "javascript": "fs.writeFileSync(path, data, { mode: 0o600 });",
        "typescript": "fs.writeFileSync(path, data, { mode: 0o600 });",
        "go": "f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)",
        "java": "Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(\"rw-------\")))",
        "*": "Create the file with its final, owner-only mode in the same call.",
    },
)

RULES = (PERMISSION_WINDOW,)
