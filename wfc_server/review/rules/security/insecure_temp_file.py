"""Insecure temporary file: 1 rule (WFC-SEC-TEMPFILE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


TEMPFILE = Rule(
    id="WFC-SEC-TEMPFILE",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Insecure temporary file",
    concept="insecure-temp-file",
    languages=frozenset({"python"}),
    cwe="CWE-377",
    confidence=80,
    doc=RuleDoc(
        what="A temporary file is created under a predictable name in a shared directory.",
        why=(
            "Another local user can predict the name and pre-create or link the file to read or "
            "overwrite data (CWE-377)."
        ),
        example='open("/tmp/report.csv", "w")',
        fix=(
            "Create temporary files with the platform's secure temp-file API, which picks an "
            "unpredictable name and safe permissions."
        ),
    ),
    suggestions={
        "python": "Use tempfile.mkstemp / NamedTemporaryFile / TemporaryDirectory.",
        "javascript": "Use fs.mkdtemp(path.join(os.tmpdir(), 'app-')) and create files inside it.",
        "go": "Use os.CreateTemp / os.MkdirTemp.",
        "java": "Use Files.createTempFile / Files.createTempDirectory.",
        "*": "Create temporary files through the platform's secure temp-file API.",
    },
)


RULES = (TEMPFILE,)
