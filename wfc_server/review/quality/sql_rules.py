"""SQL file rules (statement-level regexes): writes without WHERE, NULL compared with =,
non-sargable leading-wildcard LIKE, ORDER BY RAND(), NOT IN over a subquery, SELECT *."""

from __future__ import annotations

import re

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Rule, emit

NO_WHERE = Rule(
    "WFC-COR-SQL-NO-WHERE",
    "correctness",
    "high",
    "unbounded-write",
    "UPDATE/DELETE without WHERE",
    "The statement changes every row of the table.",
    "Add the intended WHERE clause (or TRUNCATE if that is really meant).",
    "CWE-1284",
    80,
)
NULL_EQ = Rule(
    "WFC-COR-SQL-NULL-EQ",
    "correctness",
    "medium",
    "null-equality",
    "Comparison with NULL using = / <>",
    "`x = NULL` is never true in SQL (it is UNKNOWN), so the condition filters out every row.",
    "Use `IS NULL` / `IS NOT NULL`.",
    "CWE-570",
    90,
)
NOT_IN = Rule(
    "WFC-COR-SQL-NOT-IN-NULL",
    "correctness",
    "low",
    "not-in-null",
    "NOT IN over a subquery",
    "If the subquery returns a NULL, `NOT IN` matches no rows at all.",
    "Use NOT EXISTS, or filter NULLs in the subquery.",
    None,
    60,
)
LEADING_WILDCARD = Rule(
    "WFC-PERF-SQL-LEADING-WILDCARD",
    "performance",
    "low",
    "non-sargable",
    "LIKE with a leading wildcard",
    "A pattern starting with % cannot use a B-tree index, so the query scans the whole table.",
    "Use a full-text or trigram index, or anchor the pattern.",
    None,
    70,
)
ORDER_RANDOM = Rule(
    "WFC-PERF-SQL-ORDER-RANDOM",
    "performance",
    "medium",
    "order-by-random",
    "ORDER BY RAND()/RANDOM()",
    "Sorting the whole table by a random value is O(n log n) per "
    "query and gets slow as the table grows.",
    "Sample with TABLESAMPLE or a random key range.",
    None,
    80,
)
SELECT_STAR = Rule(
    "WFC-MAINT-SQL-SELECT-STAR",
    "maintainability",
    "low",
    "select-star",
    "SELECT *",
    "The result shape changes whenever the table does, breaking consumers silently.",
    "List the columns you need.",
    None,
    60,
)

_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_STRINGS = re.compile(r"'(?:[^']|'')*'")


def check(source: SourceFile) -> list[RawFinding]:
    text = _COMMENTS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source.text)
    out: list[RawFinding] = []
    offset = 0
    for statement in text.split(";"):
        start_line = source.text.count("\n", 0, offset) + 1
        offset += len(statement) + 1
        body = statement.strip()
        if not body:
            continue
        first = start_line + statement[: len(statement) - len(statement.lstrip())].count("\n")
        bare = _STRINGS.sub("''", body)
        upper = bare.upper()

        def line_at(
            pattern: str, statement: str = statement, start: int = start_line, fallback: int = first
        ) -> int:
            match = re.search(pattern, statement, re.IGNORECASE)
            return start + statement.count("\n", 0, match.start()) if match else fallback

        flat = " " + re.sub(r"\s+", " ", upper) + " "
        if re.match(r"(UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b", upper) and " WHERE " not in flat:
            out.append(emit(NO_WHERE, source, first, "wfc-sql"))
        if re.search(r"(=|<>|!=)\s*NULL\b", upper):
            out.append(emit(NULL_EQ, source, line_at(r"(=|<>|!=)\s*NULL\b"), "wfc-sql"))
        if re.search(r"\bNOT\s+IN\s*\(\s*SELECT\b", upper):
            out.append(emit(NOT_IN, source, line_at(r"\bNOT\s+IN\s*\(\s*SELECT\b"), "wfc-sql"))
        if re.search(r"\bLIKE\s+'%", body, re.IGNORECASE):
            out.append(emit(LEADING_WILDCARD, source, line_at(r"\bLIKE\s+'%"), "wfc-sql"))
        if re.search(r"\bORDER\s+BY\s+(RAND|RANDOM|NEWID)\s*\(", upper):
            out.append(emit(ORDER_RANDOM, source, line_at(r"\bORDER\s+BY\s+"), "wfc-sql"))
        if re.match(r"SELECT\s+\*\s+FROM\b", upper):
            out.append(emit(SELECT_STAR, source, first, "wfc-sql"))
    return [f for f in out if f.line is None or f.line in source.added_lines or source.complete]
