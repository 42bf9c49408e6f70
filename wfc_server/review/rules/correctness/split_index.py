"""Piece of a split taken without a check: 1 rule (WFC-COR-SPLIT-INDEX).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

SPLIT_INDEX = Rule(
    id="WFC-COR-SPLIT-INDEX",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Piece of a split used without checking it exists",
    concept="split-index",
    languages=frozenset({"python", "javascript", "typescript", "java", "go"}),
    cwe="CWE-129",
    confidence=60,
    doc=RuleDoc(
        what=(
            "The result of splitting on a separator is indexed at 1 or more (`parts[1]`) with no "
            "length check and no earlier test that the text contains the separator."
        ),
        why=(
            "A split always yields one piece; the second exists only when the separator occurred. "
            "On the first malformed input (a header without a colon, a token without a space) Go "
            "panics, Java and Python raise, JavaScript carries `undefined` on (CWE-129)."
        ),
        example='token := strings.Split(header, " ")[1]',
        fix="Check the number of pieces first, or use a helper that reports whether the separator "
        "was found (`strings.Cut`, `str.partition`).",
    ),
    suggestions={
        "go": 'scheme, token, ok := strings.Cut(header, " "); if !ok { ... }',
        "python": 'name, sep, value = line.partition(":"); if not sep: ...',
        "java": "String[] parts = s.split(\":\"); if (parts.length < 2) { ... }",
        "javascript": "const parts = s.split(':'); if (parts.length < 2) { ... }",
        "typescript": "const parts = s.split(':'); if (parts.length < 2) { ... }",
    },
)

RULES = (SPLIT_INDEX,)
