"""Go-specific facts for the ast-grep taint pass in :mod:`lang_rules`.

Real Go handlers rarely pass ``r.FormValue(...)`` straight to a sink. The request arrives decoded
into a struct (``json.NewDecoder(r.Body).Decode(&req)``, gin's ``c.ShouldBindJSON(&req)``), values
are stored into struct fields and maps (``q.Table = r.FormValue("t")``), and the query runs on a
database handle whose argument has no SQL-looking name (``s.db.Query(q.sql())``). These helpers
answer the three questions the generic pass cannot: what filled a variable through a pointer,
what was stored into its fields, and which receivers are database handles.
"""

from __future__ import annotations

import re

#: ``json.NewDecoder(r.Body).Decode(&req)``, ``json.Unmarshal(body, &req)``,
#: ``c.ShouldBindJSON(&req)`` / ``c.Bind(&req)`` (gin, echo), ``c.BodyParser(&req)`` (fiber).
_DECODE = re.compile(
    r"(?P<recv>[\w.]+(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?)\.(?P<method>Decode|ShouldBind\w*|Bind\w*|BodyParser)"
    r"\(\s*&(?P<target>\w+)\s*\)|"
    r"\b(?P<pkg>json|xml|yaml|toml|proto|protojson)\.Unmarshal\(\s*(?P<data>[^,]+?)\s*,\s*&(?P<target2>\w+)\s*\)")

#: Types whose Query/Exec/Select/Get/Raw methods take SQL text.
_DB_TYPE = re.compile(
    r"\b(\w+)\s+\*?(?:sql\.(?:DB|Tx|Conn|Stmt)|sqlx\.(?:DB|Tx|Conn|Ext|Queryer|Execer)|gorm\.DB|"
    r"pgxpool\.Pool|pgx\.(?:Conn|Tx)|bun\.(?:DB|IDB|Tx)|dbr\.Session)\b")
_DB_OPEN = re.compile(r"\b(\w+)\s*(?:,\s*\w+\s*)?:?=\s*(?:sql|sqlx|gorm|pgxpool|pgx)\.(?:Open|Connect|New|MustConnect)\w*\(")
#: A leading context argument (``ctx``, ``r.Context()``, ``context.Background()``).
_CONTEXT_ARG = re.compile(r"\s*(ctx|\w*[cC]tx|context\.\w+\(\)|[\w.]+\.Context\(\))\s*")


def decode_sources(name: str, lines: list[str]) -> list[str]:
    """Expressions whose data was decoded into ``name`` through a pointer in ``lines``: the
    decoder (``json.NewDecoder(r.Body)``), the raw bytes (``body``) or the bind call
    (``c.ShouldBindJSON``), judged by the caller like any other value."""
    out: list[str] = []
    for text in lines:
        if "&" + name not in text:
            continue
        for m in _DECODE.finditer(text):
            if m.group("target") == name:
                recv, method = m.group("recv"), m.group("method")
                out.append(f"{recv}.{method}" if method != "Decode" else recv)
            elif m.group("target2") == name:
                out.append(m.group("data"))
    return out


def field_stores(name: str, lines: list[str]) -> list[str]:
    """Right-hand sides stored into a field or element of ``name`` (``q.Table = x``,
    ``filters["owner"] = x``, ``opts.Tags = append(opts.Tags, x)``): the struct / map carries them."""
    store = re.compile(rf"^\s*{re.escape(name)}(?:\.\w+|\[[^\]=]+\])+\s*(?:=|\+=)(?!=)\s*(.+?)\s*$")
    out = []
    for text in lines:
        if name in text:
            m = store.match(text)
            if m:
                out.append(m.group(1))
    return out


def db_handles(text: str) -> frozenset[str]:
    """Names declared in the file (fields, parameters, variables) with a database handle type."""
    return frozenset(m.group(1) for m in _DB_TYPE.finditer(text)) | frozenset(
        m.group(1) for m in _DB_OPEN.finditer(text))


def on_db_handle(callee: str, handles: frozenset[str]) -> bool:
    """``s.db.Query`` / ``tx.Exec`` / ``h.store.DB.Select``: the receiver's last name is a handle."""
    parts = callee.split(".")
    return len(parts) >= 2 and parts[-2] in handles


def query_argument(method: str, args: list[str]) -> int | None:
    """Index of the SQL text among ``args``: after a leading context and, for the scanning helpers
    of sqlx (``Select`` / ``Get``), after the destination pointer."""
    index = 0
    if method.endswith("Context") or (args and _CONTEXT_ARG.fullmatch(args[0]) and len(args) > 1):
        index = 1
    if method.removesuffix("Context") in {"Select", "Get"} and len(args) > index + 1 and \
            args[index].lstrip().startswith("&"):
        index += 1
    return index if index < len(args) else None
