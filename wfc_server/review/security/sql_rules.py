"""Security rules for SQL files: dynamic SQL in routines, privileges, stored credentials.

SQL dialects are too varied for one parser, so these are statement-level patterns. Dynamic SQL
is only a finding when a *variable* is concatenated into the executed text; ``EXECUTE ... USING``,
``sp_executesql`` with a parameter list and ``format('%I' / '%L')`` are the safe forms.
"""

from __future__ import annotations

import re

from wfc_server.review.model import RawFinding
from wfc_server.review.security.catalog import make_finding
from wfc_server.review.security.secret_values import looks_like_real_secret

FAMILY = "wfc-sql"

# PL/pgSQL: EXECUTE 'SELECT ... ' || param   /  EXECUTE format('... %s ...', param)
_PG_CONCAT = re.compile(r"\bEXECUTE\s+(?!IMMEDIATE\b)[^;]*?'[^']*'\s*\|\|\s*(?!quote_(literal|ident|nullable)\b)"
                        r"[A-Za-z_]", re.IGNORECASE | re.DOTALL)
_PG_FORMAT = re.compile(r"\bEXECUTE\s+format\s*\(\s*'(?:[^']|'')*%s(?:[^']|'')*'", re.IGNORECASE)
# Oracle: EXECUTE IMMEDIATE 'SELECT ...' || p_name
_ORA = re.compile(r"\bEXECUTE\s+IMMEDIATE\s+[^;]*?(\|\|\s*(?!DBMS_ASSERT)[A-Za-z_]|^\s*\w+\s*;)", re.IGNORECASE | re.DOTALL)
# T-SQL: EXEC('...' + @param)  /  EXEC(@sql) where @sql built with + @param
_TSQL_EXEC = re.compile(r"\bEXEC(UTE)?\s*\(\s*N?'(?:[^']|'')*'\s*\+\s*@\w+", re.IGNORECASE)
_TSQL_BUILD = re.compile(r"\b(?:SET|DECLARE)\s+(@\w+)\s*(?:N?VARCHAR\s*\(\s*(?:MAX|\d+)\s*\)\s*)?=\s*[^;]*N?'(?:[^']|'')*'\s*\+\s*(?!QUOTENAME\b)@\w+", re.IGNORECASE)
# MySQL: PREPARE stmt FROM CONCAT(...)  /  SET @s = CONCAT('...', param); PREPARE s FROM @s
_MY_PREPARE = re.compile(r"\bPREPARE\s+\w+\s+FROM\s+CONCAT\s*\(", re.IGNORECASE)
_MY_SET_CONCAT = re.compile(r"\bSET\s+(@\w+)\s*=\s*CONCAT\s*\(([^;]*)\)", re.IGNORECASE)
_GRANT_PUBLIC = re.compile(r"\bGRANT\s+ALL\b[^;]*\bTO\s+PUBLIC\b", re.IGNORECASE)
_PLAIN_PW_COL = re.compile(r"^\s*(password|passwd|pwd|user_password|pass)\s+(VAR)?CHAR|^\s*(password|passwd|pwd|"
                           r"user_password)\s+(TEXT|NVARCHAR|VARCHAR2)", re.IGNORECASE)
_PW_LITERAL = re.compile(r"\b(PASSWORD|IDENTIFIED\s+BY)\s+'([^']+)'", re.IGNORECASE)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def analyse_sql(path: str, text: str, is_test: bool) -> list[RawFinding]:
    out: list[RawFinding] = []
    seen: set[tuple[str, int]] = set()

    def emit(concept: str, index: int, severity: str, desc: str, confidence: int, heuristic: bool = False) -> None:
        line = _line_of(text, index)
        if (concept, line) in seen:
            return
        seen.add((concept, line))
        if is_test and severity in {"critical", "high", "medium"}:
            severity, confidence = ("info" if heuristic else "low"), min(confidence, 40)
        out.append(make_finding(concept, file=path, line=line, severity=severity, description=desc,
                                family=FAMILY, confidence=confidence, heuristic=heuristic))

    def dyn(m: re.Match[str], how: str) -> None:
        emit("sql-injection", m.start(), "high",
             f"Dynamic SQL is executed after {how}; a routine argument concatenated into the "
             "statement text lets callers inject SQL (use EXECUTE ... USING / sp_executesql "
             "parameters / quote_ident).", 75)

    for m in _PG_CONCAT.finditer(text):
        dyn(m, "concatenating a variable with ||")
    for m in _PG_FORMAT.finditer(text):
        dyn(m, "format() with an unquoted %s placeholder")
    for m in _ORA.finditer(text):
        if "||" in m.group(0):
            dyn(m, "concatenating a variable into EXECUTE IMMEDIATE")
    for m in _TSQL_EXEC.finditer(text):
        dyn(m, "concatenating a parameter into EXEC()")
    for m in _TSQL_BUILD.finditer(text):
        var = re.escape(m.group(1))
        batch = re.split(r"^\s*GO\s*$|\bCREATE\s+(OR\s+ALTER\s+)?PROC", text[m.end():], maxsplit=1,
                         flags=re.IGNORECASE | re.MULTILINE)[0]
        use = re.search(rf"\bEXEC(UTE)?\s*(\(\s*{var}\s*\)|(sys\.)?sp_executesql\s+{var}\b)", batch, re.IGNORECASE)
        if use:
            dyn(m, f"building {m.group(1)} by concatenating a parameter")
    for m in _MY_PREPARE.finditer(text):
        dyn(m, "PREPARE ... FROM CONCAT(...)")
    for m in _MY_SET_CONCAT.finditer(text):
        args = m.group(2)
        has_var = re.search(r"(^|,)\s*(?!')[A-Za-z_@][\w@]*\s*(,|$)", args)
        if has_var and re.search(rf"\bPREPARE\s+\w+\s+FROM\s+{re.escape(m.group(1))}", text, re.IGNORECASE):
            dyn(m, f"building {m.group(1)} with CONCAT of a variable and PREPARE")
    for m in _GRANT_PUBLIC.finditer(text):
        emit("excessive-privilege", m.start(), "medium",
             "GRANT ALL ... TO PUBLIC gives every database role full rights on the object.", 80)
    for number, line in enumerate(text.splitlines(), start=1):
        if _PLAIN_PW_COL.search(line) and not re.search(r"hash|digest|bcrypt|encrypted", line, re.IGNORECASE):
            idx = sum(len(x) + 1 for x in text.splitlines()[: number - 1])
            emit("plaintext-password", idx, "low",
                 "A password column stores the password itself rather than a salted hash.", 50)
    for m in _PW_LITERAL.finditer(text):
        if looks_like_real_secret(m.group(2), "password"):
            emit("hardcoded-secret", m.start(), "info" if is_test else "high",
                 "A database account is created with a hard-coded password in the script.", 65, True)
    return out
