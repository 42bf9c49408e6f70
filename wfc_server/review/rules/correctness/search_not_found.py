"""Search position used without a not-found check: 1 rule (WFC-COR-INDEX-NOT-FOUND).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

INDEX_NOT_FOUND = Rule(
    id="WFC-COR-INDEX-NOT-FOUND",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Search position used without a not-found check",
    concept="index-not-found",
    languages=frozenset({"python", "javascript", "typescript", "java", "go"}),
    cwe="CWE-129",
    confidence=70,
    doc=RuleDoc(
        what=(
            "The position returned by a search (`indexOf`, `findIndex`, `strings.Index`, `str.find`) "
            "slices or indexes a sequence before the code rules out -1, the \"not found\" answer."
        ),
        why=(
            "On the first input without the separator, Go panics (slice bounds out of range), Java "
            "throws StringIndexOutOfBoundsException, and JavaScript/Python silently take the wrong part "
            "(`slice(0, -1)` drops the last character; `splice(-1, 1)` removes the last element) "
            "(improper validation of an index, CWE-129)."
        ),
        example='i := strings.Index(line, "=")\nkey := line[:i]',
        fix="Test the position first (`if i < 0 { ... }` / `if (i === -1) ...`), or use a split/cut "
        "helper that reports whether the separator was found.",
    ),
    suggestions={
        "go": 'key, value, ok := strings.Cut(line, "="); if !ok { ... }',
        "java": "int i = s.indexOf('='); if (i < 0) { ... } before substring(0, i).",
        "javascript": "const i = s.indexOf('='); if (i === -1) { ... } before s.slice(0, i).",
        "typescript": "const i = s.indexOf('='); if (i === -1) { ... } before s.slice(0, i).",
        "python": "key, sep, value = line.partition('='); if not sep: ...",
    },
)

RULES = (INDEX_NOT_FOUND,)
