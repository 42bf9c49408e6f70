"""Off by one: 3 rules (WFC-COR-DATE-MONTH, WFC-COR-INDEX-LEN, WFC-COR-OFF-BY-ONE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


DATE_MONTH = Rule(
    id="WFC-COR-DATE-MONTH",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="1-based month passed to new Date()",
    concept="off-by-one",
    languages=frozenset({"typescript"}),
    cwe="CWE-193",
    confidence=75,
    doc=RuleDoc(
        what=(
            'The month comes from parsed text ("YYYY-MM-DD"), which counts from 1, but the Date '
            "constructor counts months from 0: every date lands one month late (and December rolls "
            "over)."
        ),
        why=(
            "The bound is off by one, so the code reads past the end (an exception or wrong data) or "
            "silently skips an element (off-by-one error, CWE-193)."
        ),
        example="return new Date(year, month, day);",
        fix="Pass `month - 1`.",
    ),
    suggestions={
        "*": "Pass `month - 1`.",
    },
)


INDEX_LEN = Rule(
    id="WFC-COR-INDEX-LEN",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Indexing at len(seq)",
    concept="off-by-one",
    languages=frozenset({"python", "javascript", "typescript", "java", "go"}),
    cwe="CWE-193",
    confidence=90,
    doc=RuleDoc(
        what="`seq[len(seq)]` / `xs[xs.length]` / `list.get(list.size())` is always out of range (the last "
        "element is at length - 1).",
        why=(
            "The bound is off by one, so the code reads past the end (an exception or wrong data) or "
            "silently skips an element (off-by-one error, CWE-193)."
        ),
        example="return xs[len(xs)]",
        fix="Use `seq[-1]` or `seq[len(seq) - 1]`.",
    ),
    suggestions={
        "*": "Use `seq[-1]` or `seq[len(seq) - 1]`.",
        "javascript": "Use `xs[xs.length - 1]` (or `xs.at(-1)`).",
        "typescript": "Use `xs[xs.length - 1]` (or `xs.at(-1)`).",
        "java": "Use `list.get(list.size() - 1)` / `arr[arr.length - 1]`, after checking it is not empty.",
        "go": "Use `s[len(s)-1]`, after checking `len(s) > 0`.",
    },
)


OFF_BY_ONE = Rule(
    id="WFC-COR-OFF-BY-ONE",
    role=Role.CORRECTNESS,
    severity=Severity.MEDIUM,
    title="Off-by-one index or loop bound",
    concept="off-by-one",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-193",
    confidence=85,
    doc=RuleDoc(
        what=(
            "The loop bound or bounds check admits an index equal to len(seq) (`<= len`, `range(len + 1)`,"
            " `if (i > len) return` before `seq[i]`), so that index reads one past the end."
        ),
        why=(
            "The bound is off by one, so the code reads past the end (an exception or wrong data) or "
            "silently skips an element (off-by-one error, CWE-193)."
        ),
        example="for i in range(len(xs) + 1):",
        fix="Use `range(len(seq))` / `< len(seq)`, or iterate the sequence directly.",
    ),
    suggestions={
        "python": "Use `range(len(seq))` / `< len(seq)`, or iterate the sequence directly.",
        "go": "Use `i < len(s)`.",
        "java": "Use `i < arr.length`.",
        "javascript": "Use `i < arr.length`.",
        "typescript": "Use `i < arr.length`; reject with `i >= arr.length`.",
    },
)


RULES = (
    DATE_MONTH,
    INDEX_LEN,
    OFF_BY_ONE,
)
