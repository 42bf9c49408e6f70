"""Position test misses index 0: 1 rule (WFC-COR-FIND-GT-ZERO).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


FIND_GT_ZERO = Rule(
    id="WFC-COR-FIND-GT-ZERO",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Position test misses index 0",
    concept="find-index-compare",
    languages=frozenset({"java", "javascript", "python", "typescript"}),
    cwe="CWE-193",
    confidence=90,
    doc=RuleDoc(
        what=(
            "`find()`/`indexOf()` return 0 when the match is at the start and -1 when absent; `> 0` "
            "treats a match at position 0 as not found."
        ),
        why=(
            "The bound is off by one, so the code reads past the end (an exception or wrong data) or "
            "silently skips an element (off-by-one error, CWE-193)."
        ),
        example="return s.find('x') > 0",
        fix="Compare with `>= 0` / `!= -1` (or use `in`).",
    ),
    suggestions={
        "python": "Compare with `>= 0` / `!= -1` (or use `in`).",
        "javascript": "Use `!== -1` or `includes()`.",
        "java": "Use `>= 0` / `!= -1` or contains().",
    },
)


RULES = (FIND_GT_ZERO,)
