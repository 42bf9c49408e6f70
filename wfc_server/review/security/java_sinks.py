"""Java sinks that need more than the callee's text: what a receiver variable was declared as,
what a query variable was built from, which class a reflective call loads.

``LangAnalysis.java_call`` recognises most Java sinks by the callee alone (``executeQuery``,
``Runtime.getRuntime().exec``). Real code hides the evidence one step away: the JPQL string is
built by ``String.format`` into a variable named ``jpql``; the XPath object is a field named
``xp``; the class name handed to ``Class.forName`` came from a request. These checks follow that
step and then judge the value with the same taint pass.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ast_grep_py import SgNode

if TYPE_CHECKING:  # the analysis imports this module; only the type is needed here
    from wfc_server.review.security.lang_rules import LangAnalysis

from wfc_server.review.security.taint import SOURCE

#: Methods whose first argument is SQL / JPQL / HQL text.
SQL_METHODS = frozenset({"executeQuery", "executeUpdate", "execute", "addBatch", "prepareStatement", "prepareCall",
                         "createQuery", "createNativeQuery", "createSQLQuery", "queryForObject", "queryForList",
                         "queryForMap", "query", "update", "batchUpdate", "queryForRowSet", "executeLargeUpdate"})
#: Query text: SQL keywords or the JPQL/HQL ``FROM Entity e`` / ``SELECT e`` forms.
_QUERY_TEXT = re.compile(r"\b(select|insert\s+into|update\s+\w+\s+set|delete\s+from|where|order\s+by|group\s+by)\b",
                         re.IGNORECASE)
_IDENTIFIER = re.compile(r"\s*([A-Za-z_$][\w$]*)(?:\.toString\(\))?\s*")
#: Declarations of XPath evaluators: ``XPath xp``, ``xp = XPathFactory.newInstance().newXPath()``.
_XPATH_DECL = re.compile(r"\bXPath\s+([A-Za-z_$][\w$]*)\b|\b([A-Za-z_$][\w$]*)\s*=\s*[\w.()]*newXPath\(\)")
#: Reflective look-ups that turn a string into a class (CWE-470).
_REFLECTION = re.compile(r"(?:^|\.)(?:Class\.forName|forName|loadClass)$")


def check_call(analysis: LangAnalysis, node: SgNode, callee: str, method: str, args: list[str]) -> None:
    """The sinks of one Java call that ``java_call`` cannot see from the callee text."""
    if not args:
        return
    a0 = args[0]
    if method in SQL_METHODS and _query_variable(analysis, node, a0):
        analysis.sink(node, "sql", a0, f"`{callee}`")
    if method in {"evaluate", "compile"} and not re.search(r"xpath|xPath|XPath", callee) and \
            _receiver(callee) in _xpath_names(analysis):
        analysis.sink(node, "xpath", a0, f"the XPath expression of `{callee}`")
    if re.search(r"(Runtime\.getRuntime\(\)|runtime|rt)\.exec$", callee):
        _shell_array(analysis, node, callee, a0)
    if _REFLECTION.search(callee) and (callee.startswith("Class.") or "ClassLoader" in callee or
                                       re.search(r"(?i)loader$", _receiver(callee))):
        _reflection(analysis, node, callee, a0)


def _query_variable(analysis: LangAnalysis, node: SgNode, arg: str) -> bool:
    """``em.createQuery(jpql)``: a variable whose assignment builds query text (the callee-side
    checks already cover a literal, a builder and a name that says "sql")."""
    m = _IDENTIFIER.fullmatch(arg)
    if m is None or _QUERY_TEXT.search(arg):
        return False
    func = analysis.func_of(node)
    built = analysis._built_text(m.group(1), func, node.range().start.line)
    return built != m.group(1) and bool(_QUERY_TEXT.search(built)) and not analysis._sql_builder(node, arg)


#: ``{"/bin/sh", "-c", script}``: an argv whose program is a shell running its third element.
_SHELL_ARGV = re.compile(r"""^\s*(?:new\s+String\s*\[\s*\]\s*)?\{\s*"(?:/bin/|/usr/bin/)?(?:sh|bash|zsh|cmd(?:\.exe)?)"\s*,"""
                         r"""\s*"(?:-c|/c)"\s*,\s*(.+?)\s*\}\s*;?\s*$""", re.DOTALL)


def _shell_array(analysis: LangAnalysis, node: SgNode, callee: str, arg: str) -> None:
    """``Runtime.exec(new String[]{"sh", "-c", script})``: no longer an argv, the script is shell text."""
    m = _IDENTIFIER.fullmatch(arg)
    text = analysis._built_text(m.group(1), analysis.func_of(node), node.range().start.line) if m else arg
    shell = _SHELL_ARGV.match(text)
    if shell:
        analysis.sink(node, "cmd", shell.group(1), f"a shell started by `{callee}`")


_ARRAY_LITERAL = re.compile(r"^\s*(?:new\s+String\s*\[\s*\]\s*)?\{(.*)\}\s*;?\s*$", re.DOTALL)


def program_of(analysis: LangAnalysis, node: SgNode, arg: str) -> str:
    """What ``Runtime.exec(arg)`` runs as the program: the first element of an argv array literal
    (the other elements are arguments, not shell text), else the argument itself."""
    m = _IDENTIFIER.fullmatch(arg)
    text = analysis._built_text(m.group(1), analysis.func_of(node), node.range().start.line) if m else arg
    array = _ARRAY_LITERAL.match(text)
    if array is None:
        return arg
    first = array.group(1).split(",", 1)[0].strip()
    return first or arg


def _receiver(callee: str) -> str:
    return callee.rsplit(".", 1)[0].split(".")[-1] if "." in callee else ""


def _xpath_names(analysis: LangAnalysis) -> set[str]:
    cached: set[str] | None = analysis.__dict__.get("_xpath_names")
    if cached is None:
        cached = analysis._xpath_names = {m.group(1) or m.group(2) for m in _XPATH_DECL.finditer(analysis.text)}
    return cached


def _reflection(analysis: LangAnalysis, node: SgNode, callee: str, arg: str) -> None:
    """A class chosen by request data: any class on the class path can be loaded and, with the
    usual ``newInstance`` / ``invoke`` that follows, instantiated (gadget constructors, JNDI)."""
    func = analysis.func_of(node)
    v = analysis.value(arg, func, node.range().start.line, "code")
    if v.level < SOURCE or v.source_kind != "request":
        return  # class names from configuration and plugin registries are the normal use
    origin = v.origin[:1].upper() + v.origin[1:]
    analysis.emit("unsafe-reflection", node, "high",
                  f"{origin} selects the class loaded by `{callee}`; an attacker picks any class on the "
                  "class path to instantiate or invoke (unsafe reflection).", 70)


#: Reads of a binary length field from a stream / buffer: data, not a program constant.
#: 16-bit lengths are not here: at most 65,535 elements is not a memory exhaustion.
_LENGTH_READ = re.compile(r"\.(readInt|readLong|readUnsignedInt|readVarInt|readVarLong|getInt|getLong|"
                          r"readUInt(32|64)|readInt(32|64))\(\s*\)|"
                          # a parser's own decoding helper: readUint64(buf), readVarInt(in), readUInt32LE(b, off)
                          r"(?<![\w$])read(U?[Ii]nt(32|64)|Uint(32|64)|UnsignedInt|VarU?[Ii]nt|VarLong)\w*\(")
_BOUND = "(?:<=?|>=?)"


def allocations(analysis: LangAnalysis, root: SgNode) -> None:
    """``new byte[length]`` / ``ByteBuffer.allocate(length)`` where ``length`` was just read from
    the input and never compared with a bound: a crafted length exhausts memory."""
    sites = [(node, node.text()[node.text().find("["):]) for node in root.find_all(kind="array_creation_expression")
             if "[" in node.text() and "{" not in node.text()]
    sites += [(node, node.text()[node.text().find("("):]) for node in root.find_all(kind="method_invocation")
              if re.match(r"(ByteBuffer|CharBuffer)\.allocate(Direct)?\(", node.text())]
    for node, size in sites:
        size = size.split("]")[0] if size.startswith("[") else size
        if not re.search(r"[A-Za-z_(]", size):
            continue
        if _LENGTH_READ.search(size):
            _report(analysis, node, size.strip("[]() "), "read directly from the input")
            continue
        func = analysis.func_of(node)
        line = node.range().start.line
        for name in dict.fromkeys(re.findall(r"(?<![\w$.])([a-z_$][\w$]*)(?![\w$(])", size)):
            found = analysis._last_assignment(name, func, line)
            if found is None or not found[0] or not _LENGTH_READ.search(found[0]):
                continue
            if _bounded(func, name, found[1] - func.start, line - func.start):
                continue
            _report(analysis, node, name, f"read by `{found[0].strip()[:50]}` at line {found[1] + 1}")
            break


def _bounded(func: object, name: str, start: int, stop: int) -> bool:
    """A comparison of ``name`` with something (or a ``Math.min``) between the read and the use."""
    n = re.escape(name)
    check = re.compile(rf"\b{n}\s*{_BOUND}(?!<)|[^<]{_BOUND}\s*{n}\b|Math\.(min|max|\w+Exact)\([^;]*\b{n}\b|"
                       rf"\b(check|require|validate|ensure|verify)\w*\([^;]*\b{n}\b")
    lines = func.lines  # type: ignore[attr-defined]
    return any(check.search(lines[i]) for i in func.index.lines_of(name, start, stop + 1))  # type: ignore[attr-defined]


def _report(analysis: LangAnalysis, node: SgNode, what: str, how: str) -> None:
    analysis.emit("untrusted-allocation", node, "medium",
                  f"The allocation is sized by `{what}`, {how}, with no upper bound checked first; a crafted "
                  "length makes the parser allocate gigabytes (OutOfMemoryError) or fail on a negative size.", 60)
