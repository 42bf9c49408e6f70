"""Path traversal: 1 rule (WFC-SEC-PATH).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


PATH = Rule(
    id="WFC-SEC-PATH",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Path traversal",
    concept="path-traversal",
    languages=frozenset({"go", "java", "javascript", "python"}),
    cwe="CWE-22",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A file path built from request data is opened, read, written or served without being "
            "confined to a base directory."
        ),
        why=(
            "'../' sequences or absolute names escape the intended directory, so a caller reads or "
            "overwrites any file the process can reach (path traversal, CWE-22)."
        ),
        example='open(os.path.join(UPLOADS, request.args["name"]))',
        fix=(
            "Reduce the name to a basename or resolve the full path and verify it stays under the "
            "intended directory."
        ),
    ),
    suggestions={
        "python": (
            "Reduce the name with os.path.basename / werkzeug's secure_filename, or resolve the path "
            "and check it stays under the base directory."
        ),
        "javascript": (
            "Resolve with path.resolve(base, name) and check the result startsWith(base + path.sep) "
            "before using it."
        ),
        "go": (
            "Clean with filepath.Clean, join under the base, and check the result has the base as "
            "prefix (or use os.Root / filepath.IsLocal)."
        ),
        "java": "Normalize base.resolve(name).normalize() and check it startsWith(base) before using it.",
        "*": "Resolve the path and check it stays under the intended base directory.",
    },
)


RULES = (PATH,)
