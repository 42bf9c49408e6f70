"""Java rules (ast-grep): empty/broad catch blocks, resources outside try-with-resources, locks
without finally, HTTP connections without timeouts, queries and regex compiles in loops,
string == comparison, off-by-one index loops, string concatenation in loops."""

from __future__ import annotations

import re

from ast_grep_py import SgNode

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.common import Check, emit
from wfc_server.review.quality.sg_common import (
    INDEX_OF_GT_ZERO,
    block_statements,
    compile_in_loop,
    enclosing_function,
    enclosing_loops,
    line_of,
    misleading_indentation,
    query_per_iteration,
    root_for,
)

EMPTY_CATCH = Check(
    "WFC-REL-JAVA-EMPTY-CATCH",
    "The exception is caught and silently discarded, so failures turn into wrong results with "
    "no trace.",
)
PRINT_ONLY = Check(
    "WFC-REL-JAVA-BROAD-CATCH",
    "Catching Exception/Throwable and carrying on hides unexpected failures (bugs included) "
    "from callers, which continue with bad state.",
)
RESOURCE = Check(
    "WFC-REL-JAVA-RESOURCE-LEAK",
    "The stream/connection/statement is closed only on the happy path (or never), so an "
    "exception leaks it.",
)
LOCK = Check(
    "WFC-REL-LOCK-RELEASE",
    "If the guarded code throws, unlock() is never called and other threads block forever.",
)
URL_TIMEOUT = Check(
    "WFC-REL-JAVA-HTTP-TIMEOUT",
    "URLConnection defaults to infinite connect and read timeouts; a hung server blocks the "
    "thread forever.",
)
QUERY_IN_LOOP = Check(
    "WFC-PERF-N-PLUS-ONE",
    "One database round trip per iteration; latency and load grow with the item count.",
)
PATTERN_IN_LOOP = Check(
    "WFC-PERF-REGEX-IN-LOOP",
    "Pattern.compile/String.matches recompiles the pattern on every iteration.",
    confidence=75,
)
LINEAR_LOOKUP = Check(
    "WFC-PERF-LIST-MEMBERSHIP",
    "contains()/indexOf() on a List scan it on every iteration, so the loop is O(n*m).",
    confidence=60,
)
STR_CONCAT = Check(
    "WFC-PERF-STR-CONCAT",
    "Each += copies the string built so far: O(n^2).",
    confidence=70,
)
STRING_EQ = Check(
    "WFC-COR-JAVA-STRING-EQ",
    "`==` compares references; equal strings built at runtime are different objects, so the "
    "comparison is usually false.",
)
OFF_BY_ONE = Check(
    "WFC-COR-OFF-BY-ONE",
    "`i <= arr.length` makes the last iteration index arr[arr.length]: "
    "ArrayIndexOutOfBoundsException.",
    confidence=90,
)

INTERRUPT = Check(
    "WFC-REL-JAVA-INTERRUPT",
    "Catching InterruptedException without re-interrupting or rethrowing loses the cancellation"
    " request, so the thread keeps running when asked to stop.",
)
SHARED_FORMAT = Check(
    "WFC-REL-JAVA-SHARED-DATEFORMAT",
    "SimpleDateFormat is not thread-safe; a static instance used from several threads produces "
    "corrupted dates or exceptions.",
)
CONCURRENT_MOD = Check(
    "WFC-COR-MUTATE-WHILE-ITERATING",
    "Adding or removing elements while iterating with for-each throws "
    "ConcurrentModificationException.",
)
INDEX_GT_ZERO = INDEX_OF_GT_ZERO
SWALLOWED_RETURN = Check(
    "WFC-REL-JAVA-SWALLOWED",
    "Every failure (including bugs) becomes a silent null/default result that callers cannot "
    "tell from a real answer.",
)
BIGDECIMAL_DOUBLE = Check(
    "WFC-COR-JAVA-BIGDECIMAL-DOUBLE",
    "new BigDecimal(0.1) captures the binary approximation (0.1000000000000000055...), so money"
    " arithmetic is off.",
)
_RESOURCE_NEW = re.compile(
    r"^(File(Input|Output)Stream|FileReader|FileWriter|RandomAccessFile|Socket|ServerSocket|"
    r"BufferedReader|BufferedWriter|PrintWriter|ZipFile|JarFile|ObjectInputStream|"
    r"ObjectOutputStream|Scanner|DataInputStream|DataOutputStream)$"
)
_RESOURCE_CALL = re.compile(
    r"\.(getConnection|prepareStatement|createStatement|prepareCall|"
    r"executeQuery|newInputStream|newOutputStream|newBufferedReader|"
    r"newBufferedWriter)$"
)
_QUERY = re.compile(
    r"\.(executeQuery|executeUpdate|execute|query|queryForObject|queryForList|"
    r"update|findById|findOne|getOne|getReferenceById|find|findBy\w+|"
    r"getForObject|getForEntity|createQuery|selectOne|selectList)$"
)


def check(source: SourceFile) -> list[RawFinding]:
    root = root_for(source)
    if root is None:
        return []
    out: list[RawFinding] = []
    for node in root.find_all(kind="catch_clause"):
        out += _catch(node, source)
    for node in root.find_all(kind="local_variable_declaration"):
        out += _resource(node, source)
    for node in root.find_all(kind="method_invocation"):
        out += _invocation(node, source)
    for node in root.find_all(kind="binary_expression"):
        out += _string_eq(node, source)
    for node in root.find_all(kind="for_statement"):
        out += _off_by_one(node, source)
    for node in root.find_all(kind="if_statement"):
        out += misleading_indentation(node, source)
    for node in root.find_all(kind="assignment_expression"):
        out += _concat(node, source)
    for node in root.find_all(kind="object_creation_expression"):
        typ, args = node.field("type"), node.field("arguments")
        if (
            typ is not None
            and typ.text() == "BigDecimal"
            and args is not None
            and re.fullmatch(r"\(\s*-?\d+\.\d*[dD]?\s*\)", args.text())
        ):
            out.append(emit(BIGDECIMAL_DOUBLE, source, line_of(node), "ast-grep"))
    for node in root.find_all(kind="field_declaration"):
        text = node.text()
        if re.search(r"\bstatic\b", text) and re.search(r"\b(SimpleDateFormat|DateFormat)\b", text):
            out.append(emit(SHARED_FORMAT, source, line_of(node), "ast-grep"))
    out += lost_updates(root, source)
    for node in root.find_all(kind="enhanced_for_statement"):
        value, body = node.field("value"), node.field("body")
        if value is None or body is None or value.kind() not in {"identifier", "field_access"}:
            continue
        match = re.search(rf"\b{re.escape(value.text())}\.(remove|add|clear)\(", body.text())
        if match and not re.search(r"\b(break|return)\b", body.text()[match.end() :]):
            out.append(emit(CONCURRENT_MOD, source, line_of(node), "ast-grep"))
    return out


#: Catch variables that declare the exception is deliberately unused.
_IGNORED_NAME = re.compile(r"(ignored?|expected|ok|unused|_)\w*", re.IGNORECASE)


def _catch(node: SgNode, source: SourceFile) -> list[RawFinding]:
    body = node.field("body")
    if body is None:
        return []
    named = block_statements(body)
    param = next((c for c in node.children() if c.kind() == "catch_formal_parameter"), None)
    caught = param.text() if param is not None else ""
    if "InterruptedException" in caught and "interrupt()" not in body.text() and "throw" not in body.text():
        return [emit(INTERRUPT, source, line_of(node), "ast-grep")]
    name = param.field("name") if param is not None else None
    deliberate = name is not None and _IGNORED_NAME.fullmatch(name.text()) is not None
    comments = [c for c in named if c.kind() in {"line_comment", "block_comment"}]
    explained = [c for c in comments if "wfc-expect" not in c.text()]
    if len(comments) == len(named):
        # Swallowing Throwable hides Errors (OOM, StackOverflow) whatever the name or comment.
        throwable = re.search(r"\bThrowable\b", caught) is not None
        if deliberate or (explained and not throwable):
            if deliberate and not throwable:
                return []
            return [
                emit(
                    EMPTY_CATCH,
                    source,
                    line_of(node),
                    "ast-grep",
                    severity="low",
                    detail="The name or a comment says the silence is deliberate.",
                )
            ]
        return [emit(EMPTY_CATCH, source, line_of(node), "ast-grep")]
    code = [c for c in named if c.kind() not in {"line_comment", "block_comment"}]
    if (
        re.search(r"\b(Exception|Throwable|RuntimeException)\b", caught)
        and len(code) == 1
        and re.fullmatch(r"return( null| false| -1| 0| \"\"|);|continue;", code[0].text())
    ):
        return [emit(SWALLOWED_RETURN, source, line_of(node), "ast-grep")]
    if len(code) == 1 and re.fullmatch(
        r"\w+\.printStackTrace\(\);|System\.(out|err)\.println\(.*\);", code[0].text()
    ):
        return [
            emit(
                PRINT_ONLY,
                source,
                line_of(node),
                "ast-grep",
                detail="The handler only prints the error and carries on.",
            )
        ]
    if re.search(r"\b(Exception|Throwable)\b", caught) and "throw" not in body.text():
        return [emit(PRINT_ONLY, source, line_of(node), "ast-grep")]
    return []


def _resource(node: SgNode, source: SourceFile) -> list[RawFinding]:
    declarator = node.field("declarator")
    if declarator is None:
        return []
    name_node, value = declarator.field("name"), declarator.field("value")
    if name_node is None or value is None:
        return []
    if value.kind() == "object_creation_expression":
        typ = value.field("type")
        if typ is None or not _RESOURCE_NEW.match(typ.text()):
            return []
    elif value.kind() == "method_invocation":
        name = value.field("name")
        files_stream = re.match(r"Files\.(lines|list|walk|find|newDirectoryStream)\(", value.text())
        if name is None or not (_RESOURCE_CALL.search("." + name.text()) or files_stream):
            return []
    else:
        return []
    var = name_node.text()
    func = enclosing_function(node)
    scope = func.text() if func is not None else ""
    if re.search(rf"return\s+{re.escape(var)}\s*;", scope) or re.search(
        rf"this\.\w+\s*=\s*{re.escape(var)}\b", scope
    ):
        return []  # ownership handed to the caller or the object
    closes_in_finally = func is not None and any(
        re.search(rf"\b{re.escape(var)}\.close\(\)", f.text()) for f in func.find_all(kind="finally_clause")
    )
    if closes_in_finally:
        return []
    return [emit(RESOURCE, source, line_of(node), "ast-grep", detail=f"(`{var}`)")]


def _invocation(node: SgNode, source: SourceFile) -> list[RawFinding]:
    name_node = node.field("name")
    obj = node.field("object")
    if name_node is None:
        return []
    name = name_node.text()
    full = f"{obj.text()}.{name}" if obj is not None else name
    out: list[RawFinding] = []
    if name == "lock" and obj is not None and not node.field("arguments").text().strip("()"):
        func = enclosing_function(node)
        released = func is not None and any(
            f"{obj.text()}.unlock()" in f.text() for f in func.find_all(kind="finally_clause")
        )
        if not released:
            out.append(emit(LOCK, source, line_of(node), "ast-grep"))
    if name == "openConnection":
        func = enclosing_function(node)
        text = func.text() if func is not None else ""
        if "setReadTimeout" not in text and "setConnectTimeout" not in text:
            out.append(emit(URL_TIMEOUT, source, line_of(node), "ast-grep"))
    loops = enclosing_loops(node)
    if (
        loops
        and name in {"contains", "indexOf"}
        and obj is not None
        and obj.kind() == "identifier"
        and re.search(
            r"\b(List|ArrayList)<[^>]*>\s+" + re.escape(obj.text()) + r"\b",
            (enclosing_function(node) or node).text(),
        )
    ):
        out.append(
            emit(
                LINEAR_LOOKUP,
                source,
                line_of(node),
                "ast-grep",
                detail=f"(`{obj.text()}` is a List)",
            )
        )
    if loops:
        if full == "Pattern.compile":
            out.append(compile_in_loop(node, source, loops, PATTERN_IN_LOOP))
        elif _QUERY.search("." + name) and obj is not None:
            out += query_per_iteration(node, source, loops, QUERY_IN_LOOP, full)
    return out


def _string_eq(node: SgNode, source: SourceFile) -> list[RawFinding]:
    op = node.field("operator")
    left, right = node.field("left"), node.field("right")
    if op is None or left is None or right is None:
        return []
    name = left.field("name") if left.kind() == "method_invocation" else None
    if op.text() == ">" and right.text() == "0" and name is not None and name.text() == "indexOf":
        return [emit(INDEX_GT_ZERO, source, line_of(node), "ast-grep")]
    if op.text() not in {"==", "!="}:
        return []
    kinds = {left.kind(), right.kind()}
    if "string_literal" in kinds and "null_literal" not in kinds:
        return [emit(STRING_EQ, source, line_of(node), "ast-grep")]
    return []


def _off_by_one(node: SgNode, source: SourceFile) -> list[RawFinding]:
    cond = node.field("condition")
    body = node.field("body")
    if cond is None or body is None:
        return []
    match = re.search(r"(\w+)\s*<=\s*([\w.]+?)\.(length|size\(\))", cond.text())
    if not match:
        return []
    index, seq = re.escape(match.group(1)), re.escape(match.group(2))
    if re.search(rf"\b{seq}\[\s*{index}\s*\]|\b{seq}\.(get|charAt)\(\s*{index}\s*\)", body.text()):
        return [emit(OFF_BY_ONE, source, line_of(node), "ast-grep")]
    return []


def _concat(node: SgNode, source: SourceFile) -> list[RawFinding]:
    op = node.field("operator")
    left = node.field("left")
    if op is None or left is None or op.text() != "+=" or not enclosing_loops(node):
        return []
    func = enclosing_function(node)
    if func is None or not re.search(rf"\bString\s+{re.escape(left.text())}\b", func.text()):
        return []
    return [emit(STR_CONCAT, source, line_of(node), "ast-grep")]


LOST_UPDATE = Check(
    "WFC-COR-LOST-UPDATE",
    "`field++` / `field += n` is a separate read and write; tasks running on several threads "
    "overwrite each other's updates (lost updates).",
)
_NUMERIC_FIELD_TYPES = frozenset({"integral_type", "floating_point_type"})
_BOXED = re.compile(r"^(Integer|Long|Double|Float|Short|BigDecimal|BigInteger)$")
_TASK_SUBMITTERS = re.compile(r"\.(submit|execute|runAsync|supplyAsync|schedule\w*)$")


def _numeric_fields(root: SgNode) -> set[str]:
    """Mutable numeric fields: the state a thread task can lose updates to."""
    names: set[str] = set()
    for node in root.find_all(kind="field_declaration"):
        mods = next((c.text() for c in node.children() if c.kind() == "modifiers"), "")
        typ = node.field("type")
        if typ is None or re.search(r"\bfinal\b", mods):
            continue
        if typ.kind() not in _NUMERIC_FIELD_TYPES and not _BOXED.match(typ.text()):
            continue
        for decl in node.children():
            name = decl.field("name") if decl.kind() == "variable_declarator" else None
            if name is not None:
                names.add(name.text())
    return names


def _thread_task(node: SgNode) -> SgNode | None:
    """Is ``node`` inside a lambda/anonymous class handed to a Thread or an executor, with no
    ``synchronized`` block between it and that task?"""
    for anc in node.ancestors():
        kind = anc.kind()
        if kind == "synchronized_statement":
            return None
        if kind == "method_declaration" and re.search(r"\bsynchronized\b", anc.text().split("(")[0]):
            return None
        if kind in {"lambda_expression", "class_body"}:
            holder = anc.parent()
            if holder is not None and holder.kind() == "argument_list":
                holder = holder.parent()
            if holder is None:
                continue
            if holder.kind() == "object_creation_expression":
                typ = holder.field("type")
                if typ is not None and typ.text() in {"Thread", "Runnable", "Callable"}:
                    return anc
            if holder.kind() == "method_invocation":
                name = holder.field("name")
                if name is not None and _TASK_SUBMITTERS.search("." + name.text()):
                    return anc
        if kind == "class_declaration":
            return None
    return None


def lost_updates(root: SgNode, source: SourceFile) -> list[RawFinding]:
    fields = _numeric_fields(root)
    if not fields:
        return []
    out: list[RawFinding] = []
    for kind in ("update_expression", "assignment_expression"):
        for node in root.find_all(kind=kind):
            text = node.text()
            if kind == "assignment_expression" and not re.search(r"^[\w.]+\s*[-+]=", text):
                continue
            target = re.sub(r"^this\.", "", re.sub(r"\s*(\+\+|--|[-+]=.*)$", "", text, flags=re.S))
            target = target.lstrip("+-").strip()
            task = _thread_task(node) if target in fields else None
            if task is not None and not _declares_local(task, target):
                out.append(emit(LOST_UPDATE, source, line_of(node), "ast-grep", detail=f"(`{target}`)"))
    return out


def _declares_local(task: SgNode, name: str) -> bool:
    """A local/loop variable of the same name inside the task shadows the field."""
    pattern = rf"\b(int|long|short|byte|double|float|Integer|Long|var)\s+{re.escape(name)}\b"
    return re.search(pattern, task.text()) is not None
