"""Reading a file opened for writing: 1 rule (WFC-COR-WRITE-MODE-READ).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


WRITE_MODE_READ = Rule(
    id="WFC-COR-WRITE-MODE-READ",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Reading a file opened for writing",
    concept="read-write-only-file",
    languages=frozenset({"python"}),
    confidence=90,
    doc=RuleDoc(
        what=(
            "The file was opened in a write-only mode; reading raises io.UnsupportedOperation (and "
            "'w' already truncated it)."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="return fh.read()",
        fix="Open with 'r+'/'w+' or reopen for reading.",
    ),
    suggestions={
        "*": "Open with 'r+'/'w+' or reopen for reading.",
    },
)


RULES = (WRITE_MODE_READ,)
