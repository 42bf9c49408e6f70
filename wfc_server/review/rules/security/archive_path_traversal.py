"""Archive extraction without path checks: 1 rule (WFC-SEC-ZIPSLIP).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


ZIPSLIP = Rule(
    id="WFC-SEC-ZIPSLIP",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Archive extraction without path checks",
    concept="archive-path-traversal",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-22",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Archive members are extracted under names taken from the archive without checking they "
            "stay inside the target directory."
        ),
        why=(
            "'../' sequences or absolute names escape the intended directory, so a caller reads or "
            "overwrites any file the process can reach (path traversal, CWE-22)."
        ),
        example="tarfile.open(upload).extractall(dest)",
        fix=(
            "Resolve each member's target path and refuse members that land outside the destination "
            "directory."
        ),
    ),
    suggestions={
        "python": (
            "Use tarfile's filter=\"data\" (3.12+) or check each member's resolved path stays under "
            "dest before extracting."
        ),
        "javascript": "Resolve each entry path under the destination and skip entries that escape it.",
        "go": (
            "Join each entry name under the destination, Clean it, and reject it unless it has the "
            "destination as prefix."
        ),
        "java": (
            "Normalize destination.resolve(entry.getName()) and reject entries that do not start with"
            " the destination."
        ),
        "*": "Check each member's resolved path stays under the destination before extracting.",
    },
)


RULES = (ZIPSLIP,)
