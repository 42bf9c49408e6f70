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
from collections.abc import Callable

from wfc_server.review.security.python_rules import _NOT_SECRET_NAME, _SECRET_NAME
from wfc_server.review.security.secret_values import looks_like_real_secret

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


_HTTP_CLIENT = re.compile(r"\b(\w+)\s+\*?http\.Client\b|\b(\w+)\s*:?=\s*&?http\.Client\{|\b(\w+)\s*:?=\s*http\.DefaultClient\b")


def http_clients(text: str) -> frozenset[str]:
    """Names declared in the file as an ``*http.Client`` (fields, parameters, variables)."""
    return frozenset(g for m in _HTTP_CLIENT.finditer(text) for g in m.groups() if g) | {"DefaultClient"}


#: ``name := "literal"``, ``name = []byte("literal")``, ``Name: "literal"`` (a keyed field of a
#: composite literal), ``const name = "literal"``.
_ASSIGNED_LITERAL = re.compile(
    r"(?:^|[\s{,(])(?P<name>[A-Za-z_]\w*)\s*(?::=|=|:)\s*(?:\[\]byte\()?\"(?P<value>(?:[^\"\\]|\\.)*)\"\)?\s*(?:,|;|\}|$|//)")


def _snake(name: str) -> str:
    """``DBPassword`` -> ``db_password``, ``jwtKey`` -> ``jwt_key``: Go names in the words the
    secret-name patterns speak."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def hardcoded_credentials(line: str) -> list[tuple[str, str]]:
    """(name, shown value) for each credential-named identifier or field given a literal that
    looks like a real secret on one line of Go."""
    out = []
    if "\"" not in line or line.lstrip().startswith("//"):
        return out
    for m in _ASSIGNED_LITERAL.finditer(line):
        name, value = m.group("name"), m.group("value")
        snake = _snake(name)
        if not _SECRET_NAME.search(snake) or _NOT_SECRET_NAME.search(snake):
            continue
        if not looks_like_real_secret(value, snake):
            continue
        out.append((name, value[:4] + "..." if len(value) > 6 else "***"))
    return out


#: A containment check of a path: the prefix test after Join/Clean, Rel, IsLocal, SecureJoin,
#: or a rejected "..".
_CONTAINMENT = re.compile(
    r"strings\.HasPrefix\(|filepath\.Rel\(|filepath\.IsLocal\(|securejoin\.SecureJoin|"
    r"strings\.Contains\([^,]+,\s*\"\.\.\"|\bos\.Root\b|\.OpenInRoot\(")
_FUNC_HEADER = re.compile(r"^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(", re.MULTILINE)


def path_checking_helpers(text: str) -> frozenset[str]:
    """Functions of the file whose body checks that a path stays inside a directory (and can
    refuse it: they return an error or a bool): their result is a contained path."""
    out = set()
    for m in _FUNC_HEADER.finditer(text):
        end = text.find("\n}", m.end())
        body = text[m.end(): end if end >= 0 else len(text)]
        header = body.split("{", 1)[0]
        if _CONTAINMENT.search(body) and re.search(r"\berror\b|\bbool\b", header):
            out.add(m.group(1))
    return frozenset(out)


def calls_helper(expr: str, helpers: frozenset[str]) -> bool:
    """``expr`` is a call of one of ``helpers`` (``s.safePath(x)``, ``resolve(root, x)``)."""
    m = re.match(r"\s*(?:[\w.]+\.)?(\w+)\s*\(", expr)
    return m is not None and m.group(1) in helpers


def path_guarded(name: str, lines: list[str]) -> bool:
    """A check of ``name`` itself before the sink: ``strings.Contains(name, "..")``,
    ``filepath.IsLocal(name)``, ``strings.HasPrefix(filepath.Clean(name), root)``."""
    n = re.escape(name)
    pattern = re.compile(
        rf"strings\.Contains\(\s*{n}\s*,\s*\"\.\.\"|filepath\.IsLocal\(\s*{n}\s*\)|"
        rf"strings\.HasPrefix\(\s*(?:filepath\.Clean\()?\s*{n}\b|filepath\.Rel\([^)]*\b{n}\b")
    return any(pattern.search(line) for line in lines)


_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d+)?)?(\[\d+\])?([a-zA-Z%])")
#: Verbs that print only digits, signs, points or true/false: no quote, space or keyword fits.
_NUMERIC_VERBS = frozenset("dboxXeEfFgGt")


def sprintf_operands(expr: str, split: Callable[[str], list[str]]) -> list[str] | None:
    """The arguments of ``fmt.Sprintf("...", a, b)`` that can carry text into the result, dropping
    those printed with a numeric verb (``%d``, ``%x``, ``%t``...); ``None`` when ``expr`` is not a
    Sprintf of a literal format this can read."""
    m = re.match(r"\s*fmt\.Sprintf\(\s*(\"(?:[^\"\\]|\\.)*\"|`[^`]*`)\s*", expr)
    if m is None or not expr.rstrip().endswith(")"):
        return None
    rest = expr[m.end(): expr.rstrip().rfind(")")]
    if rest.strip() and not rest.lstrip().startswith(","):
        return None
    args = [a.strip() for a in split(rest.lstrip()[1:])] if rest.strip() else []
    verbs = [v for v in _VERB.finditer(m.group(1)) if v.group(5) != "%"]
    if len(verbs) != len(args) or any(v.group(4) or "*" in (v.group(2) or "") + (v.group(3) or "") for v in verbs):
        return None  # indexed or star verbs, or a mismatch: judge every argument
    return [a for a, v in zip(args, verbs) if v.group(5) not in _NUMERIC_VERBS]


def declared_empty(name: str, lines: list[str]) -> bool:
    """``var name []string`` / ``var name strings.Builder`` (alone or in a ``var (...)`` block):
    the zero value holds no data, so only later stores and appends can put any in."""
    n = re.escape(name)
    single = re.compile(rf"^\s*var\s+(?:\w+\s*,\s*)*{n}(?:\s*,\s*\w+)*\s+[\w\[\]*.{{}}]+\s*(//.*)?$")
    grouped = re.compile(rf"^\s*(?:\w+\s*,\s*)*{n}(?:\s*,\s*\w+)*\s+[\w\[\]*.{{}}]+\s*(//.*)?$")
    in_block = False
    for text in lines:
        stripped = text.strip()
        if re.match(r"var\s*\($", stripped):
            in_block = True
            continue
        if in_block and stripped == ")":
            in_block = False
            continue
        if single.match(text) or (in_block and grouped.match(text)):
            return True
    return False


def append_operands(expr: str, split: Callable[[str], list[str]]) -> list[str] | None:
    """``append(xs, a, b...)``: the slice and each appended element, judged one by one."""
    m = re.match(r"\s*append\(", expr)
    if m is None or not expr.rstrip().endswith(")"):
        return None
    body = expr[m.end(): expr.rstrip().rfind(")")]
    args = [a.strip() for a in split(body)]
    return [a.removesuffix("...") for a in args] if len(args) >= 2 else None


def operands(expr: str, split: Callable[[str], list[str]]) -> list[str] | None:
    """The parts of a Sprintf / append that carry their text into the result, else ``None``;
    ``split`` cuts an argument list at its top-level commas."""
    found = sprintf_operands(expr, split)
    return found if found is not None else append_operands(expr, split)


_CONVERSION = re.compile(r"\s*(?:\[\]byte|\[\]rune|string)\((.*)\)\s*$", re.DOTALL)


def conversion_inner(expr: str) -> str | None:
    """The operand of a text conversion (``[]byte(x)``, ``string(x)``): it carries exactly what ``x``
    carries, so ``[]byte(strconv.Itoa(n))`` is judged as ``strconv.Itoa(n)``."""
    m = _CONVERSION.match(expr)
    if m is None:
        return None
    inner = m.group(1)
    depth = 0
    for ch in inner:  # the parentheses must close at the end: not `string(a) + string(b)`
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return None
    return inner if depth == 0 else None


def fixed_maps(text: str) -> frozenset[str]:
    """Map literals declared in a function (``cols := map[string]string{...}``) that the file
    never stores into: a look-up returns one of the literal's values."""
    out = set()
    for m in re.finditer(r"^\s*(\w+)\s*:=\s*map\[[^\]]+\][\w.*\[\]]+\s*\{", text, re.MULTILINE):
        name = re.escape(m.group(1))
        if not re.search(rf"^\s*{name}\[[^\]]+\]\s*=(?!=)", text, re.MULTILINE):
            out.add(m.group(1))
    return frozenset(out)


def receiver_name(func_node: object) -> str:
    """The receiver of the method that encloses ``func_node`` (``s`` in ``func (s *Store) ...``),
    or ``""``: like ``self`` in Python, the receiver's state is the program's, not the caller's."""
    cur = func_node
    while cur is not None:
        if cur.kind() == "method_declaration":  # type: ignore[attr-defined]
            recv = cur.field("receiver")  # type: ignore[attr-defined]
            m = re.match(r"\(\s*(\w+)\s", recv.text()) if recv is not None else None
            return m.group(1) if m else ""
        cur = cur.parent()  # type: ignore[attr-defined]
    return ""


def without_handle_calls(arg: str, callee: str) -> str:
    """The SQL argument with argument-less method calls on the sink's own handle blanked
    (``db.now()``, ``db.typeInt()``): a database handle's helpers write dialect SQL, not data."""
    recv = callee.rsplit(".", 1)[0]
    if not re.fullmatch(r"[\w.]+", recv):
        return arg
    return re.sub(rf"(?<![\w.]){re.escape(recv)}\.\w+\(\s*\)", '""', arg)


def only_passed_whole(name: str, code: str) -> bool:
    """``name`` appears in ``code`` only as a whole argument of a call (``f(w, r)``), never read
    (``r.FormValue``) or used as a value on its own."""
    uses = list(re.finditer(rf"(?<![\w.]){re.escape(name)}\b", code))
    return bool(uses) and all(
        re.search(r"[(,]\s*$", code[: u.start()]) and re.match(r"\s*[,)]", code[u.end():]) for u in uses)


def embedded_files(text: str) -> frozenset[str]:
    """Package variables filled by ``//go:embed``: file content compiled into the binary, as
    constant as a string literal."""
    return frozenset(re.findall(r"^//go:embed[^\n]*\n(?:var\s+)?(\w+)\s+(?:string|\[\]byte|embed\.FS)\b",
                                text, re.MULTILINE))
