"""SQL file rules (statement-level regexes): writes without WHERE, NULL compared with =,
non-sargable leading-wildcard LIKE, ORDER BY RAND(), NOT IN over a subquery, SELECT *, and
migration hazards (statements that cannot run in a transaction block, NOT NULL columns added
without a default)."""

from __future__ import annotations

import re

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit

NO_WHERE = Check(
    "WFC-COR-SQL-NO-WHERE",
    "The statement changes every row of the table.",
)
NULL_EQ = Check(
    "WFC-COR-SQL-NULL-EQ",
    "`x = NULL` is never true in SQL (it is UNKNOWN), so the condition filters out every row.",
)
NOT_IN = Check(
    "WFC-COR-SQL-NOT-IN-NULL",
    "If the subquery returns a NULL, `NOT IN` matches no rows at all.",
)
LEADING_WILDCARD = Check(
    "WFC-PERF-SQL-LEADING-WILDCARD",
    "A pattern starting with % cannot use a B-tree index, so the query scans the whole table.",
)
ORDER_RANDOM = Check(
    "WFC-PERF-SQL-ORDER-RANDOM",
    "Sorting the whole table by a random value is O(n log n) per query and gets slow as the "
    "table grows.",
)
SELECT_STAR = Check(
    "WFC-MAINT-SQL-SELECT-STAR",
    "The result shape changes whenever the table does, breaking consumers silently.",
)

NOT_IN_TRANSACTION = Check(
    "WFC-COR-SQL-NOT-IN-TRANSACTION",
    "CONCURRENTLY index operations, VACUUM and CREATE/DROP DATABASE refuse to run inside BEGIN "
    "... COMMIT, so this migration fails (and rolls back) when it is applied.",
)
NOT_NULL_NO_DEFAULT = Check(
    "WFC-COR-SQL-NOT-NULL-NO-DEFAULT",
    "Adding a NOT NULL column with no default fails on a table that already has rows (existing "
    "rows would hold NULL).",
)
_TX_BEGIN = re.compile(
    r"(BEGIN|START\s+TRANSACTION)(\s+(TRANSACTION|WORK)\b.*|\s+ISOLATION\b.*)?", re.DOTALL
)
_TX_END = re.compile(r"(COMMIT|END|ROLLBACK|ABORT)(\s+(TRANSACTION|WORK))?(\s+AND\s+.*)?")
_NO_TX = re.compile(
    r"(CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\b.*?)\s+CONCURRENTLY\b"
    r"|VACUUM\b|(CREATE|DROP)\s+(DATABASE|TABLESPACE)\b|ALTER\s+SYSTEM\b",
    re.DOTALL,
)
_DOLLAR_QUOTED = re.compile(r"\$(\w*)\$.*?\$\1\$", re.DOTALL)
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
    out += _migration_findings(source, text)
    return [f for f in out if f.line is None or f.line in source.added_lines or source.complete]


def _migration_findings(source: SourceFile, text: str) -> list[RawFinding]:
    """Statements that fail at migration time: transaction-hostile ones inside an explicit
    BEGIN/COMMIT block, and NOT NULL columns without a default added to an existing table."""
    text = _DOLLAR_QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    text = _STRINGS.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    out: list[RawFinding] = []
    created: set[str] = set()
    in_transaction = False
    offset = 0
    for statement in text.split(";"):
        line = source.text.count("\n", 0, offset + len(statement) - len(statement.lstrip())) + 1
        offset += len(statement) + 1
        flat = re.sub(r"\s+", " ", statement.strip()).upper()
        if _TX_BEGIN.fullmatch(flat):
            in_transaction = True
        elif _TX_END.fullmatch(flat):
            in_transaction = False
        elif in_transaction and _NO_TX.match(flat):
            out.append(emit(NOT_IN_TRANSACTION, source, line, "wfc-sql"))
        table = re.match(r"CREATE (TEMP\w* |UNLOGGED )?TABLE (IF NOT EXISTS )?([\w.\"]+)", flat)
        if table:
            created.add(table.group(3))
        altered = re.match(r"ALTER TABLE (IF EXISTS )?(ONLY )?([\w.\"]+) (.*)", flat)
        if altered and altered.group(3) not in created:
            for clause in re.split(r", ?(?=ADD\b)", altered.group(4)):
                if (
                    re.match(r"ADD (COLUMN )?", clause)
                    and not re.match(
                        r"ADD (CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK|INDEX)\b", clause
                    )
                    and re.search(r"\bNOT NULL\b", clause)
                    and not re.search(r"\b(DEFAULT|GENERATED|IDENTITY|SERIAL|BIGSERIAL)\b", clause)
                ):
                    out.append(emit(NOT_NULL_NO_DEFAULT, source, line, "wfc-sql"))
                    break
    return out
