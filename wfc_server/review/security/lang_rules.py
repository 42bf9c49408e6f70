"""Security rules for JavaScript, TypeScript, Go and Java on ast-grep syntax trees.

Sinks are found structurally (every call / ``new`` / assignment node, matched by callee text), and
what reaches them is judged by a small function-local taint pass over the tree: an argument is
request data when it reads a known source (``req.query``, ``r.FormValue``,
``request.getParameter``, ``@RequestParam`` parameters...), or names a local variable whose last
assignment before the sink does, transitively. Literals, casts/escapers and allow-list guards
make it clean; other function parameters are "parameter" taint (reported lower). Configuration
defects (TLS off, XXE factories, weak hashes for passwords...) are line/tree patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ast_grep_py import SgNode, SgRoot

from wfc_server.review.model import RawFinding
from wfc_server.review.rules import Severity
from wfc_server.review.security.archive_entries import NO_ARCHIVE, archive_names
from wfc_server.review.analysis.line_index import LineIndex, any_between
from wfc_server.review.analysis.regex_backtracking import catastrophic_backtracking
from wfc_server.review.analysis.report import finding_at
from wfc_server.review.rules.security.unbounded_body import READS, UNBOUNDED_BODY, unbounded_reads
from wfc_server.review.security import java_sinks
from wfc_server.review.security import go_taint
from wfc_server.review.security.catalog import make_finding
from wfc_server.review.security.js_prototype import unguarded_key_writes
from wfc_server.review.security.js_value_facts import carries_no_text
from wfc_server.review.security.js_web_config import (
    cors_middleware,
    credential_cookie,
    reflected_origin,
    session_cookie_options,
)
from wfc_server.review.security.redirect_credentials import forwarded_credentials
from wfc_server.review.security.python_rules import CONCEPT, PARAM_INJECTION, QUOTED_HOLE, severity_for
from wfc_server.review.security.secret_values import embedded_credential
from wfc_server.review.security.taint import CLEAN, KINDS, PARAM, SOURCE, UNKNOWN, Taint

FAMILY = "ast-grep"

GREP_LANG = {"javascript": "javascript", "typescript": "typescript", "go": "go", "java": "java",
             "python": "python"}


@dataclass(frozen=True, slots=True)
class Spec:
    call_kinds: tuple[str, ...]
    new_kinds: tuple[str, ...]
    func_kinds: tuple[str, ...]
    source: re.Pattern[str]
    external: re.Pattern[str]
    handler_param: re.Pattern[str]  # a parameter declaration that is itself request data
    request_object: re.Pattern[str]  # parameter names that hold the request object
    sanitizers: tuple[tuple[re.Pattern[str], frozenset[str]], ...]


_ALL = frozenset(CONCEPT)
_S = re.compile

_JS = Spec(
    call_kinds=("call_expression",),
    new_kinds=("new_expression",),
    func_kinds=("function_declaration", "arrow_function", "function_expression", "method_definition",
                "function", "generator_function_declaration"),
    source=_S(r"\b(c|ctx|this)\.req\.(query|queries|param|params|header|headers|path|url|json|parseBody|formData|"
              r"text|body)\b|"
              r"\b(req|request|ctx\.request|ctx)\.(query|body|params|cookies|signedCookies|headers|"
              r"files?|hostname|originalUrl|url|path|get\(|header\(|param\()|\bevent\.(body|"
              r"queryStringParameters|pathParameters|headers)|\blocation\.(hash|search|href)|"
              r"\bdocument\.(URL|documentURI|cookie|referrer)|\bwindow\.location\.(hash|search|href)|"
              r"\bwindow\.name\b|new URLSearchParams\(|\bsearchParams\.get\(|"
              r"\b(req|request)\.(json|formData|text)\(\)"),
    external=_S(r"\bprocess\.argv\b|\bprocess\.env\b|\breadline\b"),
    handler_param=_S(r"@(Param|Query|Body|Headers|Cookies|UploadedFile)\("),  # NestJS
    request_object=_S(r"^(req|request)$"),
    sanitizers=(
        (_S(r"\b(parseInt|parseFloat|Number|Boolean|Math\.\w+)\(|\.length\b|\buuidValidate\(|"
            r"\bisUUID\(|\bvalidator\.is\w+\(|\bcrypto\.createHash\("), _ALL),
        (_S(r"\b(encodeURIComponent|encodeURI|escape|escapeHtml|escapeHTML|htmlEscape|he\.encode|"
            r"DOMPurify\.sanitize|sanitizeHtml|xss|validator\.escape|_\.escape|textContent)\b"),
         frozenset({"xss", "log"})),
        (_S(r"\b(path\.basename|basename|sanitizeFilename|sanitize\(.*filename)"), frozenset({"path"})),
        # a fixed template rendered by an auto-escaping engine (no raw `<%-`, `{{{`, `!{` output)
        (_S(r"""\b(ejs|pug|nunjucks|mustache|Mustache|eta|Eta)\.(render|renderString)\(\s*(['"`])"""
            r"""(?:(?!<%-|\{\{\{|!\{|\$\{)[^'"`\\])*\3\s*,"""), frozenset({"xss"})),
        (_S(r"\b(mysql\.escape|connection\.escape|pool\.escape|db\.escape|escapeLiteral|escapeId|"
            r"SqlString\.escape|pgFormat|format\.literal)\b"), frozenset({"sql"})),
        (_S(r"\b(shellescape|shellEscape|shellQuote|quote)\(|shell-quote"), frozenset({"cmd"})),
        (_S(r"\bString\(|\bmongoSanitize\b|\bsanitize\("), frozenset({"nosql"})),
        (_S(r"\bJSON\.stringify\("), frozenset({"log"})),  # CR/LF come out escaped as \n
        # a helper named for what it guarantees (`safeReturnPath(x)`, `escapeRegExp(x)`, `sanitizeName(x)`)
        (_S(r"(?:this\.)?(safe|sanitize|sanitise|clean|validated?|escape|allowed|allowList|whitelist|assertSafe|"
            r"checked|normali[sz]eSafe)[A-Z]\w*\("), _ALL),
    ),
)
_GO = Spec(
    call_kinds=("call_expression",),
    new_kinds=(),
    func_kinds=("function_declaration", "method_declaration", "func_literal"),
    source=_S(r"\b(r|req|request)\.(URL\.Query\(\)|FormValue|PostFormValue|Form\b|PostForm\b|URL\.Path|"
              r"URL\.RawQuery|Header\.Get|Cookie\(|Body\b|MultipartForm|PathValue|URL\.String\(\))|"
              r"\bmux\.Vars\(|\b(c|ctx)\.(Query|Param|PostForm|DefaultQuery|GetHeader|FormValue|QueryParam|"
              r"Params\(|Cookie\(|Body\(|BodyParser|ShouldBind\w*|Bind\w*|GetQuery\w*|GetPostForm\w*|QueryArray|QueryMap|"
              r"PostFormArray|PostFormMap|GetRawData|QueryParams\(|FormParams\(|FormFile\(|MultipartForm\(|"
              r"Request(?:\(\))?\.(URL|Form|PostForm|Header|Body|FormValue|PostFormValue|Cookie|MultipartForm))"),
    external=_S(r"\bos\.Args\b|\bos\.Getenv\(|\bflag\.(String|Arg)\b|\bbufio\.NewReader\(os\.Stdin"),
    handler_param=_S(r"(?!)"),
    request_object=_S(r"^(r|req|request)$"),
    sanitizers=(
        (_S(r"\bstrconv\.(Atoi|ParseInt|ParseUint|ParseFloat|ParseBool|Itoa|FormatInt|FormatUint|FormatFloat|"
            r"FormatBool)\(|\buuid\.Parse\(|\blen\(|\bmake\("), _ALL),  # numbers; `make` is an empty container
        (_S(r"\b(html\.EscapeString|template\.HTMLEscapeString|template\.JSEscapeString|"
            r"url\.QueryEscape|url\.PathEscape|bluemonday)\b"), frozenset({"xss", "log", "redirect"})),
        (_S(r"\bfilepath\.Base\(|\bpath\.Base\(|\bsecurejoin\.SecureJoin\w*\(|"
            r"(filepath\.FromSlash\(\s*)?(path|filepath)\.Clean\(\s*(\"/\"|string\(\s*(os|filepath)\."
            r"(PathSeparator|Separator)\s*\))\s*\+"), frozenset({"path"})),  # a rooted Clean drops every ".."
        (_S(r"\bpq\.QuoteIdentifier\(|\bpq\.QuoteLiteral\("), frozenset({"sql"})),
    ),
)
_JAVA = Spec(
    call_kinds=("method_invocation",),
    new_kinds=("object_creation_expression",),
    func_kinds=("method_declaration", "constructor_declaration", "lambda_expression"),
    source=_S(r"\b(request|req|httpRequest|servletRequest)\.(getParameter|getParameterValues|"
              r"getParameterMap|getHeader|getHeaders|getQueryString|getCookies|getInputStream|getReader|"
              r"getRequestURI|getRequestURL|getPathInfo|getPart)\b"),
    external=_S(r"\bSystem\.getenv\(|\bargs\[\d+\]|\bnew Scanner\(System\.in\)"),
    handler_param=_S(r"@(RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|QueryParam|"
                     r"PathParam|FormParam|HeaderParam|ModelAttribute)\b"),
    request_object=_S(r"^(request|req)$"),
    sanitizers=(
        (_S(r"\b(Integer|Long|Double|Short|Float|Boolean)\.(parseInt|parseLong|valueOf|parseDouble|"
            r"parseBoolean)\(|\bUUID\.fromString\(|\.length\(\)"), _ALL),
        (_S(r"\b(Encode\.forHtml\w*|ESAPI\.encoder\(\)|StringEscapeUtils\.escape\w+|HtmlUtils\.htmlEscape|"
            r"Jsoup\.clean|escapeHtml\w*)\("), frozenset({"xss", "log"})),
        # a directory listing holds names of entries inside that directory, not caller-chosen paths
        (_S(r"\bFilenameUtils\.getName\(|\.getFileName\(\)|[\w.]*\.list(Files)?\(\s*\)$"), frozenset({"path"})),
        (_S(r"\bESAPI\.encoder\(\)\.encodeForSQL|\bescapeSql\("), frozenset({"sql"})),
        (_S(r"\bencodeForLDAP|\bLdapEncoder\.filterEncode|\bescapeLDAP"), frozenset({"ldap"})),
    ),
)
#: Values that cannot carry CR/LF into a response header.
_HEADER_SAFE = re.compile(r"\.(length|size)\(\)|\.length\b|\b(Integer|Long|Double)\.|\bparse(Int|Float)\(|"
                          r"\bURLEncoder\.encode\(|\bencodeURI(Component)?\(|\bcontentDisposition\(|"
                          r"\bquote\(|\burlencode\(|\bUriUtils\.encode")
#: Python through tree-sitter: only for files Python's own parser rejects (newer syntax, fragments).
_PY = Spec(
    call_kinds=("call",),
    new_kinds=(),
    func_kinds=("function_definition",),
    source=_S(r"\brequest\.(args|form|values|json|data|cookies|headers|files|GET|POST|body|"
              r"get_json\(|get_data\(|query_params|path_params|META)|\bself\.(path|headers|rfile)\b|"
              r"\bself\.get_(argument|query_argument|body_argument|cookie)\("),
    external=_S(r"\bsys\.argv\b|\binput\(|\bos\.environ\b|\bos\.getenv\("),
    handler_param=_S(r"(?!)"),
    request_object=_S(r"^(request|req)$"),
    sanitizers=(
        (_S(r"\b(int|float|len|bool|secure_filename|uuid\.UUID)\("), _ALL),
        (_S(r"\b(shlex\.quote|pipes\.quote)\("), frozenset({"cmd"})),
        (_S(r"\b(escape|html\.escape|markupsafe\.escape|bleach\.clean)\("), frozenset({"xss", "log"})),
        (_S(r"\bos\.path\.basename\("), frozenset({"path"})),
    ),
)
SPECS = {"javascript": _JS, "typescript": _JS, "go": _GO, "java": _JAVA, "python": _PY}

_LITERAL = re.compile(r'''^\s*("([^"\\]|\\.)*"|'([^'\\]|\\.)*'|`[^`$]*`|-?\d+(\.\d+)?|true|false|null|nil)\s*$''')
_STRING = re.compile(r'''"([^"\\]|\\.)*"|'([^'\\]|\\.)*'|`([^`\\]|\\.)*`''')
#: Cheap pre-check: a line that could hold an allow-list / validation guard.
_GUARD_HINT = re.compile(r"includes|\.has\(|contains|indexOf|allow|whitelist|valid|\.test\(|matches|MatchString|"
                         r"isSafe|==|!=|switch|startsWith|startswith|HasPrefix|filepath\.Rel|isAbsolute|new URL")
#: How far back (lines) a sink looks for assignments and guards of a variable.
_LOOKBACK = 300
#: Per-variable patterns (``NAME`` stands for the escaped variable name), compiled on first use.
_NAME_PATTERNS = {
    "assign": r"(?:^|[\s;(,])(?:(?:const|let|var|final)\s+)?(?:[\w<>\[\].,?]+\s+)?NAME\s*"
              r"(?::[\w<>\[\]|. ]+)?(?::=|=(?!=)|\+=)\s*(.+?)\s*;?\s*$",
    "destructure": r"(?:const|let|var)\s*\{[^}]*\bNAME\b[^}]*\}\s*=\s*(.+?);?\s*$",
    "go_multi": r"^\s*(?:[\w.\[\]]+\s*,\s*)*NAME\s*(?:,\s*[\w.\[\]]+\s*)*:?=(?!=)\s*(.+?)\s*$|"
                r"^\s*(?:[\w.\[\]]+\s*,\s*)+NAME\s*:?=(?!=)\s*(.+?)\s*$",
    "wrapped": r"(?:^|[\s(])NAME\s*=\s*$",  # the right-hand side starts on the next line
    # Java's enhanced for: each element of the collection is bound to the loop variable
    "for_each": r"\bfor\s*\(\s*(?:final\s+)?[\w<>\[\],.? ]+?\s+NAME\s*:\s*(.+?)\)\s*\{?\s*$",
    "allow": r"\.(includes|has|contains|containsKey|indexOf)\(\s*NAME(\.\w+|\(\))?\s*\)|\b(allowed|whitelist|"
             r"allowlist|valid)\w*\[\s*NAME\s*\]|/\^[^/]*\$/[gimsuy]*\.test\(\s*NAME\b|\bNAME\.matches\(\s*\"|"
             r"MatchString\(\s*NAME\s*\)|\bisValid\w*\(\s*NAME\b|\bis(Safe|Allowed)\w*\(\s*NAME\b|"
             r"\bNAME\s*(===|==|!==|!=)\s*[\"']|switch\s*\(?\s*NAME\b",
    "prefix": r"\bNAME\.(startsWith|startswith)\(|HasPrefix\(\s*NAME\b|\bNAME\.normalize\(\)\.startsWith|"
              r"filepath\.Rel\(|\.isAbsolute\(\)|\bnew URL\(\s*NAME\b[^)]*\)\.(host|hostname|origin)",
    # a raw path tested against a literal prefix (`p.startsWith('/static/')`) still climbs out with
    # `/static/../..`: for paths only a prefix test of a resolved value is a guard
    "path-prefix": r"\bNAME\.(startsWith|startswith)\((?!\s*['\"`])|HasPrefix\(\s*NAME\b|"
                   r"\bNAME\.normalize\(\)\.startsWith|filepath\.Rel\(|\.isAbsolute\(\)|"
                   r"\bnew URL\(\s*NAME\b[^)]*\)\.(host|hostname|origin)",
}
#: Declarations of writers that buffer text (not the servlet response): ``StringWriter sw`` / ``sw = new ...``.
_LOCAL_WRITER = re.compile(
    r"\b(?:StringWriter|StringBuilder|StringBuffer|CharArrayWriter|FileWriter|BufferedWriter|OutputStreamWriter|"
    r"Formatter|ByteArrayOutputStream)\s+([A-Za-z_$][\w$]*)\b|\b([A-Za-z_$][\w$]*)\s*=\s*new\s+(?:StringWriter|"
    r"StringBuilder|StringBuffer|CharArrayWriter|FileWriter|BufferedWriter|OutputStreamWriter|"
    r"PrintWriter\(\s*new\s+(?:File|String))")
#: Cheap pre-checks: a line without one of these cannot match the per-name allow-list pattern.
_ALLOW_HINT = re.compile(r"\.(includes|has|contains|containsKey|indexOf)\(|(allowed|whitelist|allowlist|valid)\w*\[|"
                         r"\.test\(|\.matches\(|MatchString\(|\bis(Valid|Safe|Allowed)|[=!]=\s*[\"']|\bswitch\b")
_PREFIX_HINT = re.compile(r"startsWith|startswith|HasPrefix|filepath\.Rel\(|isAbsolute|new URL")
def _xxe_hardened(factory: str, scope: str) -> bool:
    """Whether the parser set-up in ``scope`` shuts out external entities for this factory kind.

    Disabling only ``external-general-entities`` still lets parameter entities (out-of-band XXE)
    through: that needs ``disallow-doctype-decl`` or parameter entities plus external DTDs off.
    """
    if re.search(r"disallow-doctype-decl|ACCESS_EXTERNAL_DTD|ACCESS_EXTERNAL_SCHEMA|ACCESS_EXTERNAL_STYLESHEET|"
                 r"FEATURE_SECURE_PROCESSING", scope):
        return True
    if "XMLInputFactory" in factory:
        return bool(re.search(r"SUPPORT_DTD|IS_SUPPORTING_EXTERNAL_ENTITIES|supportDTD", scope))
    params_off = "external-parameter-entities" in scope
    return params_off and bool(re.search(r"load-external-dtd|external-general-entities", scope)) or bool(
        re.search(r"setExpandEntityReferences\(false\)", scope) and "DocumentBuilder" in factory)


_XML_FACTORY = re.compile(r"DocumentBuilderFactory\.newInstance|SAXParserFactory\.newInstance|new SAXBuilder|"
                          r"new SAXReader|XMLInputFactory\.new|XMLReaderFactory\.createXMLReader|"
                          r"TransformerFactory\.newInstance")
_PY_FSTRING = re.compile(r"""\b[fF][rR]?(["'])((?:(?!\1).)*)\1""")
#: Calls whose *result* is program output, a response body, rows or file content, not request data.
_EFFECT = re.compile(
    r"^\s*(await\s+)?(exec\.Command(Context)?\(.*\)\.(CombinedOutput|Output)\(\)|"
    r"(os|ioutil)\.(ReadFile|Open)\(|(fs|fsp|fs\.promises)\.(readFile|readFileSync)\(|http\.(Get|Post)\(|"
    r"(axios|got|fetch)\b|[\w.]+\.(query|Query|QueryRow|execute|executeQuery|exec|Exec|findOne|find)\(|"
    r"Files\.readAllBytes\(|[\w.]+\.(getInputStream|waitFor)\(\))")
#: An identifier followed by an argument list: a function / method name, not data.
_CALLED = re.compile(r"\b([A-Za-z_$][\w$]*)\s*\(")
_IDENT = re.compile(r"(?<![.\w$])([A-Za-z_$][\w$]*)")
_KEYWORDS = frozenset({
    "new", "this", "true", "false", "null", "undefined", "nil", "return", "await", "typeof", "const",
    "let", "var", "func", "string", "int", "String", "byte", "fmt", "strings", "async", "function",
    "instanceof", "in", "of", "if", "else", "super", "void", "JSON", "Object", "Array", "Math",
    "Integer", "Long", "os", "http", "append", "make", "len", "err", "document", "window",
    "navigator", "console", "Date", "self", "cls",
})
#: Go keywords that read like names in a right-hand side (`for _, v := range xs`).
_GO_KEYWORDS = frozenset({"range", "chan", "map", "struct", "interface", "select", "go", "defer", "iota"})
#: Go package / builtin names in :data:`_KEYWORDS` that are ordinary variable names elsewhere (`fmt`, `err`).
_GO_WORDS = frozenset({"fmt", "strings", "os", "http", "append", "make", "len", "err", "func", "string", "int"})
#: JavaScript operators in :data:`_KEYWORDS` that are plain variable names in Java / Go (`InputStream in`).
_JS_WORDS = frozenset({"in", "of", "function", "let", "var", "const", "typeof", "undefined", "async", "void"})
_SQL_TEXT = re.compile(r"\b(select|insert|update|delete|where|from|into|values|order by|drop)\b|"
                       # session and schema statements: SET search_path TO ..., ALTER TABLE ..., PRAGMA ...
                       r"\bset\s+(session\s+|local\s+)?[\w.]+\s+(to|=)\s|\b(create|alter|truncate)\s+(table|index|schema|"
                       r"database|view|role|user)\b|\bpragma\s+\w+|\bgrant\s+\w+\s+on\b", re.IGNORECASE)
_HTMLISH = re.compile(r"<\s*[a-zA-Z/!]")
_FIXED_HOST = re.compile(r'''^\s*["'`][a-z][a-z0-9+.-]*://[^/"'`$%]+/''', re.IGNORECASE)  # `%s` host: a hole
_SPRINTF = re.compile(r"^\s*fmt\.Sprintf\(")
_LOCAL_PATH = re.compile(r'''^\s*["'`]/(?!/)''')
_PASSWORDISH = re.compile(r"passw|pwd|passphrase|credential", re.IGNORECASE)
_TOKENISH = re.compile(r"token|secret|passw|nonce|salt|otp|csrf|session|apikey|api_key|reset|"
                       r"verif|activation|invite|auth", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    level: int
    origin: str
    built: bool
    source_kind: str = "request"
    cleared: frozenset[str] = frozenset()


CLEAN_VALUE = Value(CLEAN, "", False)


@dataclass
class Func:
    node: SgNode | None
    text: str
    start: int  # 0-based line of the function start
    params: dict[str, Value]
    lines: list[str] = field(default_factory=list)
    blanked: list[str] = field(default_factory=list)  # string contents blanked, same offsets
    order: list[str] = field(default_factory=list)  # every parameter name, in declaration order
    #: Per-name facts computed once per function (guard lines, appended values, SQL builder use).
    facts: dict[tuple[str, str], object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines()
        self.blanked = [_blank_strings(x) for x in self.lines]
        self.index = LineIndex(self.lines)


@dataclass
class LangAnalysis:
    path: str
    language: str
    text: str
    is_test: bool
    findings: dict[tuple[str, int], RawFinding] = field(default_factory=dict)
    #: The other files of the same review in this language family: their calls bind our parameters.
    peers: list[LangAnalysis] = field(default_factory=list)
    _root: SgNode | None = None
    _prepared: bool = False

    def prepare(self) -> None:
        """Parse and index the calls (once), so peer files can ask who calls what before ``run``."""
        if self._prepared:
            return
        spec = SPECS[self.language]
        grep_lang = GREP_LANG[self.language]
        if self.language == "typescript" and self.path.endswith(".tsx"):
            grep_lang = "tsx"
        self.grep_lang = grep_lang
        self.spec = spec
        self.lines = self.text.splitlines()
        self.archive = NO_ARCHIVE
        self._calls_by_name: dict[str, list[SgNode]] = {}
        self._calls: list[SgNode] = []
        if any(len(line) > 3000 for line in self.lines):
            self._prepared = True
            return  # minified / generated bundle: line-based taint is meaningless and slow there
        root = self._root = SgRoot(self.text, grep_lang).root()
        self.file_consts = _file_constants(self.text)
        self.file_maps = _file_maps(self.text)
        self.archive = archive_names(self.language, self.text)
        self.db_handles = go_taint.db_handles(self.text) if self.language == "go" else frozenset()
        if self.language == "go":
            self.file_maps |= go_taint.fixed_maps(self.text)
            self.file_consts |= go_taint.embedded_files(self.text)
        self.http_clients = go_taint.http_clients(self.text) if self.language == "go" else frozenset()
        self.path_checkers = go_taint.path_checking_helpers(self.text) if self.language == "go" else frozenset()
        self._archive_sinks: dict[int, RawFinding] = {}  # one zip-slip finding per function
        self._guards: dict[int, RawFinding] = {}  # missing-guard findings by line
        self._funcs: dict[int, Func] = {}
        self._pattern_cache: dict[tuple[str, str], re.Pattern[str]] = {}
        self._calls = [node for kind in spec.call_kinds for node in root.find_all(kind=kind)]
        for node in self._calls:
            self._calls_by_name.setdefault(_callee(node, self.language).rsplit(".", 1)[-1], []).append(node)
        self._prepared = True

    def run(self) -> list[RawFinding]:
        self.prepare()
        root, spec, grep_lang = self._root, self.spec, self.grep_lang
        if root is None:
            self.line_rules()
            return list(self.findings.values())
        for node in self._calls:
            self.call(node, _callee(node, self.language), _args(node))
        for kind in spec.new_kinds:
            for node in root.find_all(kind=kind):
                ctor = node.field("constructor") or node.field("type")
                self.call(node, "new " + (ctor.text() if ctor else ""), _args(node))
        if self.language == "java":
            self.java_returns(root)
            java_sinks.allocations(self, root)
        if self.language in {"javascript", "typescript"}:
            self.js_pairs(root)
            for node in root.find_all(kind="assignment_expression"):
                left, right = node.field("left"), node.field("right")
                if left is not None and right is not None:
                    self.assignment(node, left.text(), right)
            for node in root.find_all(kind="binary_expression"):
                self.js_timing(node)
            self.js_key_writes(root)
            self.js_regex_patterns(root)
            jsx = root.find_all(kind="jsx_attribute") if grep_lang in {"javascript", "tsx"} else []
            for node in jsx:
                if node.text().startswith("dangerouslySetInnerHTML"):
                    m = re.search(r"__html\s*:\s*(.+?)\s*\}\s*\}\s*$", node.text(), re.DOTALL)
                    if m:
                        self.sink(node, "xss", m.group(1), "`dangerouslySetInnerHTML`", dom=True)
        self.line_rules()
        self.missing_guards(root)
        out = list(self.findings.values()) + list(self._archive_sinks.values()) + list(self._guards.values())
        if self.is_test:
            for f in out:
                if f.severity in {"critical", "high", "medium"}:
                    f.severity, f.confidence = "low", min(f.confidence, 40)
        return out

    # ---- taint ------------------------------------------------------------------------------

    def func_of(self, node: SgNode) -> Func:
        cur: SgNode | None = node.parent()
        while cur is not None and cur.kind() not in self.spec.func_kinds:
            cur = cur.parent()
        if cur is None:
            if -1 not in self._funcs:  # code at file / class level: one pseudo-function, built once
                self._funcs[-1] = Func(None, self.text, 0, {})
            return self._funcs[-1]
        key = cur.range().start.index
        if key not in self._funcs:
            order: list[str] = []
            self._funcs[key] = Func(cur, cur.text(), cur.range().start.line, self._params(cur, order), order=order)
        return self._funcs[key]

    def _params(self, func: SgNode, order: list[str]) -> dict[str, Value]:
        params_node = func.field("parameters") or func.field("parameter")
        if params_node is None:
            return {}
        out: dict[str, Value] = {}
        header = func.text()[:400]
        spring_handler = bool(re.search(r"@(Get|Post|Put|Delete|Patch|Request)Mapping", self._annotations(func)))
        is_handler = bool(re.search(
            r"\b(req|request)\b\s*[:,)]|HttpServletRequest|\*http\.Request|gin\.Context|echo\.Context|"
            r"fiber\.Ctx|@(Get|Post|Put|Delete|Request|Patch)Mapping", header))
        for piece in _split_params(params_node):
            names = re.findall(r"[A-Za-z_$][\w$]*", re.sub(r"@\w+(\([^)]*\))?", "", piece))
            if not names:
                continue
            if self.language == "java":
                name = names[-1]
            elif self.language == "go":
                name = names[0]
            else:
                name = names[0]
            order.append(name)
            spring_plain = self.language == "java" and spring_handler and not re.search(
                r"HttpServlet|Model\b|ModelMap|BindingResult|Principal|Authentication|HttpSession|"
                r"RedirectAttributes|Locale|Pageable|MultipartFile|Errors|@(AuthenticationPrincipal|Valid)", piece)
            if _SCALAR_PARAM[self.language].search(piece):
                out[name] = CLEAN_VALUE  # a number, boolean or time cannot carry injected text
            elif self.spec.handler_param.search(piece) or spring_plain:
                out[name] = Value(SOURCE, f"request parameter `{name}`", False)
            elif self.spec.request_object.match(name) and is_handler:
                out[name] = Value(SOURCE, "the request", False)
            elif self.language in {"javascript", "typescript"} and not out and _message_listener(func):
                # any window can post a message; without an origin check its data is attacker input
                if not re.search(r"\.origin\b", func.text()):
                    out[name] = Value(SOURCE, f"the postMessage event `{name}`", False)
                else:
                    out[name] = CLEAN_VALUE
            elif self.language in {"javascript", "typescript"} and re.match(
                    r"\s*(export\s+)?(async\s+)?function\s+getServerSideProps\b", header):
                for field_name in re.findall(r"\b(query|params|req)\b", piece) or [name]:
                    out[field_name] = Value(SOURCE, f"the page request `{field_name}` (getServerSideProps)", False)
            elif self.language in {"javascript", "typescript"} and piece.lstrip().startswith("{") and re.search(
                    r"\bparams\b", piece.split(":", 1)[0]) and _NEXT_ROUTE.match(header):
                out["params"] = Value(SOURCE, "the route parameters `params`", False)
            elif self.language in {"javascript", "typescript"} and piece.lstrip().startswith("{") and re.search(
                    r"\b(body|query|params|headers|cookies)\b", piece) and re.search(r",\s*(res|response)\b", header):
                for field_name in re.findall(r"\b(body|query|params|headers|cookies)\b", piece):
                    out[field_name] = Value(SOURCE, f"request data `req.{field_name}`", False)
            elif name not in {"res", "response", "w", "next", "ctx", "c", "this", "self", "cls"} or (
                    name == "next" and re.search(r"\bnext\s+string\b|\bnext\??\s*:\s*string\b|\bString\s+next\b", piece)):
                out[name] = Value(PARAM, f"parameter `{name}`", False, "param")
        return out

    def _annotations(self, func: SgNode) -> str:
        """Annotation text of a Java method (modifiers node), '' elsewhere."""
        if self.language != "java":
            return ""
        mods = next((c for c in func.children() if c.kind() == "modifiers"), None)
        return mods.text() if mods is not None else ""

    def value(self, expr: str, func: Func, line: int, kind: str, depth: int = 0) -> Value:
        """How tainted ``expr`` (source text) is at ``line`` for a sink of ``kind``.

        Memoised per function: sinks deep in one long method ask about the same assignments again
        and again, and without the memo the work grows with the square of the method's length."""
        key = (expr, id(func), line, kind, depth)
        memo: dict[tuple[str, int, int, str, int], Value] = self.__dict__.setdefault("_value_memo", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._value(expr, func, line, kind, depth)
        return found

    def _value(self, expr: str, func: Func, line: int, kind: str, depth: int) -> Value:
        expr = expr.strip()
        if self.language == "python":
            expr = _PY_FSTRING.sub(lambda m: "`" + re.sub(r"\{([^{}]*)\}", r"${\1}", m.group(2)) + "`", expr)
        expr = _strip_wrappers(expr)
        if not expr or _LITERAL.match(expr):
            return CLEAN_VALUE
        if self.language in {"javascript", "typescript"} and carries_no_text(expr):
            return CLEAN_VALUE  # a boolean / position, or text filtered to an allow-list
        parts, building = _split_top(expr)
        if (len(parts) > 1 or parts[0] != expr) and depth < 12:
            # judge each operand / template hole / alternative on its own: one escaped hole does
            # not clean the others, and an escaped value stays clean inside a concatenation
            vals = [self.value(part, func, line, kind, depth + 1) for part in parts]
            worst = max(vals, key=lambda v: v.level)
            if worst.level == CLEAN:
                return CLEAN_VALUE
            return Value(worst.level, worst.origin, building or worst.built, worst.source_kind)
        if self.language == "go" and depth < 12:
            inner = go_taint.conversion_inner(expr)
            if inner is not None:
                return self.value(inner, func, line, kind, depth + 1)
            operands = go_taint.operands(expr, _split_commas)
            if operands is not None:  # only the operands printed as text can carry it
                vals = [self.value(part, func, line, kind, depth + 1) for part in operands]
                worst = max(vals, key=lambda v: v.level, default=CLEAN_VALUE)
                return CLEAN_VALUE if worst.level == CLEAN else Value(worst.level, worst.origin, True, worst.source_kind)
        for pattern, kinds in self.spec.sanitizers:
            if (kind in kinds or kinds is _ALL) and pattern.match(expr):
                return CLEAN_VALUE
        if re.search(r"\.(length|size\(\)|len\(\))\s*$", expr):
            return CLEAN_VALUE
        if kind == "path" and self.language == "go" and go_taint.calls_helper(expr, self.path_checkers):
            return CLEAN_VALUE  # a helper of this file that refuses paths outside its directory
        built = _is_built(expr)
        code = _strip_strings_keep_templates(expr)
        m = self.spec.source.match(code.lstrip())
        if m:  # the expression *is* a request read (r.URL.Query().Get(...), req.query.x)
            return Value(SOURCE, f"request data `{_short(m.group(0))}`", built)
        if _EFFECT.search(expr):  # the result of I/O that merely used request data
            return Value(UNKNOWN, "the result of an I/O call", False, "unknown")
        m = self.spec.source.search(code)
        if m:
            return Value(SOURCE, f"request data `{_short(m.group(0))}`", built)
        entry = self.archive.read_in(code)
        if entry:
            return Value(SOURCE, f"the archive entry name `{_short(entry)}`", built, "archive")
        m = self.spec.external.search(expr)
        if m:
            return Value(SOURCE, f"`{_short(m.group(0))}`", built, "external")
        lookup = _LOOKUP.fullmatch(code.strip())
        if lookup and lookup.group(1) in self.file_maps:
            return CLEAN_VALUE  # a value taken out of a fixed map: only its entries can come out
        best = CLEAN_VALUE
        called = set(_CALLED.findall(code))
        receiver = self._go_receiver(func) if self.language == "go" else None
        for ident in dict.fromkeys(_IDENT.findall(code)):
            if ident == receiver or (receiver is not None and ident in _GO_KEYWORDS):
                continue  # the method's receiver, like `self`: program state, not caller data
            if (ident in _KEYWORDS and (self.language == "go" or ident not in _GO_WORDS)
                    and (self.language in {"javascript", "typescript", "python"} or ident not in _JS_WORDS)) or \
                    (ident in self.file_consts and not self._assigned_locally(ident, func)) or ident.isupper():
                continue
            if ident in called:
                helper = self._helper_source(ident, code)
                if helper is not None and helper.level > best.level:
                    best = helper
                continue  # a function name, not data
            v = self.ident(ident, func, line, kind, depth)
            if v.level == SOURCE and v.origin == "the request" and self.language == "go" and \
                    go_taint.only_passed_whole(ident, code):
                # `flashes := getSessionFlashes(app, w, r, s)`: a helper handed the whole request
                # returns what it chooses (session data, a user); its own reads are judged where it is defined
                v = self._go_helper_returns(code, kind, depth) or Value(
                    UNKNOWN, f"the result of a call given `{ident}`", False, "unknown")
            if v.level > best.level:
                best = v
        if best.level == CLEAN:
            return best
        return Value(best.level, best.origin, built or best.built, best.source_kind)

    def _go_helper_returns(self, code: str, kind: str, depth: int) -> Value | None:
        """Request data returned by a function of this file that ``code`` calls (judged on its own
        return statements, where its request parameter is the request)."""
        if depth > 8 or self._root is None:
            return None
        cache: dict[tuple[str, str], Value | None] = self.__dict__.setdefault("_returns_cache", {})
        for name in dict.fromkeys(re.findall(r"(\w+)\s*\(", code)):
            key = (name, kind)
            if key not in cache:
                cache[key] = None  # recursion guard
                found = None
                for decl in self._root.find_all(kind="function_declaration") + self._root.find_all(
                        kind="method_declaration"):
                    name_node = decl.field("name")
                    if name_node is None or name_node.text() != name:
                        continue
                    for ret in decl.find_all(kind="return_statement"):
                        exprs = [c for c in ret.children() if c.is_named()]
                        if not exprs:
                            continue
                        first = exprs[0]
                        if first.kind() == "expression_list":
                            first = next((c for c in first.children() if c.is_named()), first)
                        v = self.value(first.text(), self.func_of(first), first.range().start.line, kind, depth + 1)
                        if v.level == SOURCE:
                            found = Value(SOURCE, f"request data returned by `{name}()`", v.built, v.source_kind)
                            break
                    break
                cache[key] = found
            if cache[key] is not None:
                return cache[key]
        return None

    def _go_receiver(self, func: Func) -> str:
        cache: dict[int, str] = self.__dict__.setdefault("_receiver_cache", {})
        key = func.node.range().start.index if func.node is not None else -1
        if key not in cache:
            cache[key] = go_taint.receiver_name(func.node) if func.node is not None else ""
        return cache[key]

    def _assigned_locally(self, name: str, func: Func) -> bool:
        """A local variable that shadows an import / file constant (`url := "http://" + host`)."""
        if func.node is None:
            return False
        if name in func.params:
            return True
        cached = func.facts.get(("local", name))
        if cached is None:
            cached = func.facts["local", name] = any(
                _may_assign(func.lines[i], name) and re.search(
                    rf"(?:^|[\s;(,]){re.escape(name)}\s*(?::=|\+=|=(?!=))", func.lines[i]) is not None
                for i in func.index.lines_of(name))
        return bool(cached)

    def _helper_source(self, name: str, code: str) -> Value | None:
        """``payload := extractInput(c)``: a same-file helper that returns a request read is a source."""
        if not re.search(rf"(?<![.\w$]){re.escape(name)}\s*\(", code):
            return None
        cache: dict[str, Value | None] = self.__dict__.setdefault("_helper_cache", {})
        if name in cache:
            return cache[name]
        cache[name] = None  # recursion guard
        result: Value | None = None
        m = re.search(rf"(?:func\s+(?:\([^)]*\)\s*)?|function\s+|\b(?:public|private|protected|static)[\w<>\[\], ]*\s)"
                      rf"{re.escape(name)}\s*\(", self.text)
        if m:
            body = self.text[m.start(): m.start() + 3000]
            end = re.search(r"\n[}]", body)
            body = body[: end.start()] if end else body
            returned: list[str] = re.findall(r"\breturn\s+(.+?);?\s*$", body, re.MULTILINE)
            for expr in returned:
                first = _strip_strings_keep_templates(expr.split(",")[0])
                hit = self.spec.source.search(first)
                if hit is None and re.fullmatch(r"\s*[A-Za-z_$][\w$]*\s*", first):
                    var = re.escape(first.strip())
                    assign = re.search(rf"\b{var}\s*(?::=|=(?!=))\s*(.+)$", body, re.MULTILINE)
                    hit = self.spec.source.search(_strip_strings_keep_templates(assign.group(1))) if assign else None
                if hit is not None:
                    result = Value(SOURCE, f"request data returned by `{name}()` (`{_short(hit.group(0))}`)", False)
                    break
        cache[name] = result
        if m is None and re.search(r"(?i)extract|input|param|query|form(?!at)|payload|(^|[a-z_])args?$", name) and re.search(
                rf"(?<![.\w$]){re.escape(name)}\s*\(\s*(c|ctx|r|req|request)\s*[,)]", code):
            # defined in another file, handed the request / gin context, named as an input reader
            return Value(SOURCE, f"request data read by `{name}()`", False)
        return result

    def ident(self, name: str, func: Func, line: int, kind: str, depth: int) -> Value:
        if self._guarded(name, func, line, kind):
            return CLEAN_VALUE
        rhs = self._last_assignment(name, func, line) if depth < 5 else None
        if rhs is not None:
            rhs_text, rhs_line = rhs
            if rhs_text is None:  # destructured from a source
                return Value(SOURCE, f"request data `{name}`", False)
            v = self.value(rhs_text, func, rhs_line, kind, depth + 1)
            if v.level >= SOURCE and v.origin.startswith("request data") and "(" not in name and "`" in v.origin:
                passed = v.origin[v.origin.index(" (passed to "):] if " (passed to " in v.origin else ""
                v = Value(v.level, f"request data `{name}` (from {v.origin.split('`')[1]}){passed}", v.built,
                          v.source_kind)
            return self._with_mutations(name, func, line, kind, depth, v)
        if self.language == "go" and name not in func.params and go_taint.declared_empty(
                name, func.lines[: max(0, line - func.start)]):
            return self._with_mutations(name, func, line, kind, depth, CLEAN_VALUE)
        if name in func.params:
            param = func.params[name]
            if param.level == PARAM:
                param = self._from_callers(name, func, kind, depth) or param
            if param.level == PARAM and self.language == "go" and self._go_callers_all_clean(name, func, kind, depth):
                param = CLEAN_VALUE
            return self._with_mutations(name, func, line, kind, depth, param)
        outer = self._enclosing(func) if depth < 8 else None
        if outer is not None:  # a closure reads the variable of the function it is nested in
            return self._with_mutations(name, func, line, kind, depth, self.ident(name, outer, line, kind, depth + 1))
        return self._with_mutations(name, func, line, kind, depth, Value(UNKNOWN, f"`{name}`", False, "unknown"))

    def _enclosing(self, func: Func) -> Func | None:
        """The function a callback / arrow function is nested in (None at file level)."""
        if func.node is None or self.language not in {"javascript", "typescript"}:
            return None
        parent = func.node.parent()
        if parent is None:
            return None
        outer = self.func_of(func.node)
        return outer if outer.node is not None else None

    def _with_mutations(self, name: str, func: Func, line: int, kind: str, depth: int, v: Value) -> Value:
        """What builder / container calls added to ``name`` before ``line`` (``sb.append(x)``,
        ``parts.push(x)``, ``b.WriteString(x)``, ``fmt.Fprintf(&b, ..., x)``) joins its value."""
        if depth >= 5 or v.level == SOURCE:
            return v
        appended = func.facts.get(("append", name))
        if appended is None:
            appended = func.facts["append", name] = [
                (i, arg) for i in func.index.lines_of(name) for arg in _mutation_args(name, [func.lines[i]])]
        upto = line - func.start
        pending: list[tuple[int, str]] = [(func.start + at, arg) for at, arg in appended  # type: ignore[attr-defined]
                                          if at < upto]  # each at its value when appended
        if self.language == "go":  # values decoded into it (`Decode(&x)`) or stored in its fields
            before = func.lines[: max(0, upto)]
            pending += [(line, arg) for arg in go_taint.decode_sources(name, before) + go_taint.field_stores(name, before)]
        for at_line, arg in pending:
            added = self.value(arg, func, at_line, kind, depth + 1)
            if added.level > v.level:
                v = Value(added.level, added.origin, True, added.source_kind)
                if v.level == SOURCE:
                    break
        return v

    def _from_callers(self, name: str, func: Func, kind: str, depth: int) -> Value | None:
        """A helper's parameter is request data when an in-file caller passes request data."""
        if func.node is None or depth > 6 or name not in func.order:
            return None
        name_node = func.node.field("name")
        if name_node is None:
            return None
        fname = name_node.text()
        index = func.order.index(name)
        own = func.node.range()
        for call in self._calls_by_name.get(fname, [])[:8]:
            where = call.range().start.index
            if own.start.index <= where <= own.end.index:
                continue  # recursion
            args = _args(call)
            if index < len(args):
                caller = self.func_of(call)
                v = self.value(args[index], caller, call.range().start.line, kind, depth + 1)
                if v.level == SOURCE:
                    return Value(SOURCE, f"{v.origin} (passed to `{fname}()` at line {call.range().start.line + 1})",
                                 v.built, v.source_kind)
        if len(fname) < 4 or fname in _GENERIC_NAMES:
            return None  # `get`, `run`, `find`: a call elsewhere by that name is likely another function
        for peer in self.peers:
            for call in peer._calls_by_name.get(fname, [])[:4]:
                args = _args(call)
                if index < len(args):
                    line = call.range().start.line
                    v = peer.value(args[index], peer.func_of(call), line, kind, depth + 1)
                    if v.level == SOURCE:
                        return Value(SOURCE, f"{v.origin} (passed to `{fname}()` at {peer.path}:{line + 1})",
                                     v.built, v.source_kind)
        return None

    def _go_callers_all_clean(self, name: str, func: Func, kind: str, depth: int) -> bool:
        """An unexported Go function is called only from its package: when every call in the
        review passes a proven-safe value for ``name`` (constants, numbers), the parameter is safe."""
        if func.node is None or depth > 6 or name not in func.order or func.node.kind() == "func_literal":
            return False
        name_node = func.node.field("name")
        fname = name_node.text() if name_node is not None else ""
        if not fname or not fname[0].islower():
            return False
        index = func.order.index(name)
        variadic = bool(re.search(rf"\b{re.escape(name)}\s+\.\.\.", func.text[:400]))
        own = func.node.range()
        calls = [(self, c) for c in self._calls_by_name.get(fname, [])] + [
            (peer, c) for peer in self.peers for c in peer._calls_by_name.get(fname, [])]
        seen = 0
        for owner, call in calls[:12]:
            if owner is self and own.start.index <= call.range().start.index <= own.end.index:
                continue  # recursion
            args = _args(call)
            passed = args[index:] if variadic else args[index:index + 1]
            if not variadic and not passed:
                return False
            line = call.range().start.line
            caller = owner.func_of(call)
            if any(a.strip().endswith("...") or owner.value(a, caller, line, kind, depth + 1).level != CLEAN
                   for a in passed):
                return False
            seen += 1
        return seen > 0 and len(calls) <= 12

    def _last_assignment(self, name: str, func: Func, line: int) -> tuple[str | None, int] | None:
        lines = func.lines
        upto = line - func.start
        first = max(0, upto - 1 - _LOOKBACK)
        candidates = func.index.lines_of(name, first, min(upto - 1, len(lines) - 1) + 1)
        if not candidates:
            return None
        found: list[tuple[str | None, int]] = []
        for i in reversed(candidates):
            original = lines[i]
            text = func.blanked[i]
            if name not in text or ("=" not in text and ":" not in text) or not (_may_assign(text, name) or (
                    "{" in text and re.search(r"\b(const|let|var)\b", text))):
                continue
            m = self._name_pattern("destructure", name).search(text) if "{" in text else None
            if m:
                rhs = original[m.start(1):m.end(1)]
                v = self.value(rhs, func, func.start + i, "sql", 5)
                return (None, func.start + i) if v.level >= SOURCE else (rhs, func.start + i)
            m = self._name_pattern("assign", name).search(text) or (
                self._name_pattern("go_multi", name).search(text) if "," in text or ":=" in text else None) or (
                self._name_pattern("for_each", name).search(text) if "for" in text and ":" in text else None)
            if m is None and i + 1 < len(lines) and text.rstrip().endswith("=") and self._name_pattern(
                    "wrapped", name).search(text):
                # the right-hand side starts on the next line (Java formatters wrap long `new File(...)`)
                return _continued(lines[i + 1].strip(), lines, i + 1), func.start + i
            if m:
                group = next(i for i, g in enumerate(m.groups(), start=1) if g)
                rhs = _continued(original[m.start(group):m.end(group)], lines, i)
                if self.language == "go" and rhs.startswith("range "):
                    rhs = re.sub(r"\s*\{.*$", "", rhs[6:], flags=re.DOTALL)  # `for _, v := range xs {`: from xs
                sink_line = lines[upto] if 0 <= upto < len(lines) else ""
                nested = _indent(original) > _indent(sink_line) and sink_line.strip() != ""
                if "+=" in text[:m.start(group)][-4:] or nested:
                    # appended to, or reassigned only in a branch that closed before the sink:
                    # the earlier value still reaches it on the other paths
                    found.append((rhs, func.start + i))
                    continue
                found.append((rhs, func.start + i))
                if len(found) > 3:
                    break
                return (" + ".join(r for r, _ in found if r), func.start + i) if len(found) > 1 else found[0]
        if found:
            return (" + ".join(r for r, _ in found if r), found[-1][1])
        return None

    def _weak_validator(self, guard: str) -> bool:
        """``isValidX(v)`` defined here with an unanchored regex search (``matcher.find()``)."""
        m = re.match(r"\W*(is(?:Valid|Safe|Allowed)\w*)\(", guard.lstrip("."))
        if not m:
            return False
        cache: dict[str, bool] = self.__dict__.setdefault("_weak_validators", {})
        if m.group(1) not in cache:
            cache[m.group(1)] = self._weak_validator_body(m.group(1))
        return cache[m.group(1)]

    def _weak_validator_body(self, name: str) -> bool:
        body = re.search(rf"\b{re.escape(name)}\s*\([^)]*\)\s*(?:throws[^{{]*)?\{{(.{{0,800}}?)\n\s*\}}",
                         self.text, re.DOTALL)
        return bool(body and re.search(r"\.find\(\)|re\.search\(", body.group(1)))

    def _name_pattern(self, template: str, name: str) -> re.Pattern[str]:
        """One of :data:`_NAME_PATTERNS` for one variable name, compiled once per file and only
        when a line could use it (compiling is the dominant cost on files with many names)."""
        key = (template, name)
        cached = self._pattern_cache.get(key)
        if cached is None:
            cached = self._pattern_cache[key] = re.compile(_NAME_PATTERNS[template].replace("NAME", re.escape(name)))
        return cached

    def _guarded(self, name: str, func: Func, line: int, kind: str) -> bool:
        upto = max(0, line - func.start)
        current = func.lines[upto] if upto < len(func.lines) else ""
        # a guard in the condition of a ternary on this very line (`ok(x) ? x : "/"`) also counts
        until = upto + 1 if re.search(r"\s\?\s[^?]*\s:\s", _blank_strings(current)) else upto
        if self.language == "go" and kind == "path":
            window = [x for x in func.lines[max(0, upto - _LOOKBACK): until] if name in x]
            if go_taint.path_guarded(name, window):
                return True
        allow, prefix, path_prefix = self._guard_lines(name, func)
        start = max(0, upto - _LOOKBACK)
        if any_between(allow, start, until):
            return True
        if kind == "path":
            return any_between(path_prefix, start, until)
        return kind in {"redirect", "ssrf"} and any_between(prefix, start, until)

    def _guard_lines(self, name: str, func: Func) -> tuple[list[int], list[int], list[int]]:
        """Lines of ``func`` that guard ``name``: an allow-list / validation check, and (for paths
        and URLs) a prefix / containment check. Found once per name, each line read once."""
        cached = func.facts.get(("guard", name))
        if cached is not None:
            return cached  # type: ignore[return-value]
        allow_lines: list[int] = []
        prefix_lines: list[int] = []
        path_prefix_lines: list[int] = []
        candidates = [i for i in func.index.lines_of(name) if _GUARD_HINT.search(func.lines[i]) or
                      re.search(r"\bis(Valid|Safe|Allowed)", func.lines[i])]
        for i in candidates:
            text = func.lines[i]
            m = self._name_pattern("allow", name).search(text) if _ALLOW_HINT.search(text) else None
            if m and not self._weak_validator(m.group(0)):
                allow_lines.append(i)
            if _PREFIX_HINT.search(text) and self._name_pattern("prefix", name).search(text):
                prefix_lines.append(i)
                if self._name_pattern("path-prefix", name).search(text):
                    path_prefix_lines.append(i)
        func.facts["guard", name] = (allow_lines, prefix_lines, path_prefix_lines)
        return allow_lines, prefix_lines, path_prefix_lines

    # ---- sinks ------------------------------------------------------------------------------

    def sink(self, node: SgNode, kind: str, expr: str, label: str, *, need_built: bool = False,
             dom: bool = False, severity: tuple[str, int] | None = None, shell: bool = True) -> None:
        """Judge what reaches one sink; ``shell=False`` marks a program run without a shell, where
        a parameter naming the whole program is a lesser risk than text spliced into a shell."""
        func = self.func_of(node)
        line = node.range().start.line
        expr = _url_target(expr) if kind in {"redirect", "ssrf"} else expr
        v = self.value(expr, func, line, kind)
        if v.source_kind == "archive":
            if kind == "path":
                self._archive_sink(node, func, v, label)
                return
            v = Value(v.level, v.origin, v.built, "external")  # a name from a file, not a request
        if kind == "path" and v.level == PARAM and self._fixed_name_under_param_dir(expr, func, line):
            return
        if kind == "xss" and not dom and "response" in label and _NON_HTML_RESPONSE.search(func.text) and not \
                _HTML_RESPONSE.search(func.text):
            return  # the handler declares a non-HTML body (JSON, PEM, an image...): no markup is produced
        level = v.level
        if kind == "ssrf" and (_FIXED_HOST.match(expr) or self._fixed_host_constant(expr)
                               or _FIXED_HOST.match(_SPRINTF.sub("", self._built_text(expr, func, line)))):
            level = CLEAN  # the scheme and host are written here: only the path / query can vary
        if kind == "redirect" and _LOCAL_PATH.match(expr):
            level = CLEAN
        if need_built and not (v.built or _is_built(expr)) and level < SOURCE:
            return
        if kind == "ssrf" and level == PARAM and self.language in {"javascript", "typescript"} and not v.built:
            return  # fetch(url) helpers are everywhere in browser code, where SSRF does not exist
        if kind == "nosql":
            verdict = ("medium", 65) if level == SOURCE else None  # operator injection: filter bypass, not RCE
        elif kind == "ssrf" and level == PARAM and self._service_entry(func):
            verdict = ("medium", 40)
        elif severity is not None and level >= PARAM:
            verdict = severity if level == SOURCE else ("medium", 45)
        elif dom and level == SOURCE and v.source_kind == "request" and _BROWSER_SOURCE.search(v.origin):
            verdict = ("high", 80)  # DOM XSS: the URL the victim opens is the payload, nothing else is needed
        elif dom and level in {UNKNOWN, PARAM}:
            # raw-HTML sinks fed computed data: a parameter or string building is the pattern;
            # an opaque value from elsewhere only deserves a note
            react = "dangerouslySetInnerHTML" in label
            verdict = ("medium", 45) if (v.built or _is_built(expr) or level == PARAM or react) else ("low", 35)
        else:
            verdict = severity_for(kind, level, Taint(levels=(level,) * len(KINDS), origin=v.origin,
                                                      source_kind=v.source_kind,
                                                      built=v.built or _is_built(expr)))
        if kind == "sql" and level == UNKNOWN and (v.built or _is_built(expr)) and QUOTED_HOLE.search(
                self._built_text(expr, func, line)):
            verdict = PARAM_INJECTION  # spliced into a quoted SQL string: a value that must be a bound parameter
        if kind == "redirect" and level == PARAM and verdict is None and _NAVIGATION_PARAM.search(v.origin):
            verdict = ("medium", 60)  # a helper handed the `next` / `returnUrl` the user asked to go back to
        if verdict is not None and kind == "cmd" and not shell and level == PARAM and not (v.built or _is_built(expr)):
            verdict = ("medium", 40)
        if verdict is None:
            return
        sev, conf = verdict
        desc = f"{_cap(v.origin)} reaches {label}"
        if v.built or _is_built(expr):
            desc += " through string building"
        if level == PARAM:
            desc += "; any caller passing untrusted data makes this exploitable"
        elif level == UNKNOWN:
            desc += "; the value is not a constant and is not sanitised"
        concept = "nosql-injection" if kind == "nosql" else CONCEPT[kind]
        self.emit(concept, node, sev, desc + ".", conf)

    def _fixed_host_constant(self, expr: str) -> bool:
        """`${API_BASE}/path?q=${x}` / ``API_BASE + '/x'`` where the file defines ``API_BASE`` as a literal
        URL with a host: the request can only pick the path or query on that host."""
        m = re.match(r"\s*(?:`\$\{\s*([A-Za-z_$][\w$.]*)\s*\}[/?]|([A-Za-z_$][\w$.]*)\s*\+\s*['\"`][/?])", expr)
        if m is None:
            return False
        name = re.escape((m.group(1) or m.group(2)).split(".")[-1])
        return re.search(rf"\b{name}\s*(?::\s*\w+\s*)?=\s*['\"`][a-z][a-z0-9+.-]*://[^/'\"`$\s]+/?[^'\"`$]*['\"`]",
                         self.text, re.IGNORECASE) is not None

    def _fixed_name_under_param_dir(self, expr: str, func: Func, line: int) -> bool:
        """``filepath.Join(dir, "cache.db")`` / ``path.join(dir, basename(x))``: the caller picks the
        directory (configuration), every later part is proven safe, so nothing climbs out of it."""
        m = _JOIN_CALL.match(expr.strip())
        if m is None:
            return False
        parts = _split_commas(_balanced(expr.strip(), m.end() - 1))
        if len(parts) < 2:
            return False
        return all(self.value(part, func, line, "path", 1).level == CLEAN for part in parts[1:])

    def _built_text(self, expr: str, func: Func, line: int) -> str:
        """The text that builds ``expr``: itself, or a variable's assignment before ``line``."""
        name = expr.strip()
        if re.fullmatch(r"[A-Za-z_$][\w$]*(\.(toString|String)\(\))?", name):
            found = self._last_assignment(name.split(".")[0], func, line)
            if found is not None and found[0]:
                return found[0]
        return expr

    def _holds_sql_text(self, node: SgNode, arg: str) -> bool:
        """``client.query(text)`` where ``text`` was last assigned a string holding SQL keywords."""
        if not re.fullmatch(r"\s*[A-Za-z_$][\w$]*\s*", arg):
            return False
        func: Func | None = self.func_of(node)
        line = node.range().start.line
        while func is not None:
            found = self._last_assignment(arg.strip(), func, line)
            if found is not None:
                return bool(found[0] and _STRING.search(found[0]) and _SQL_TEXT.search(
                    " ".join(m.group(0) for m in _STRING.finditer(found[0]))))
            func = self._enclosing(func)
        return False

    def _sql_builder(self, node: SgNode, arg: str) -> bool:
        """``b.String()`` / ``sb.toString()`` / ``parts.join(' ')`` of a builder this function fills with SQL."""
        m = re.fullmatch(r"\s*([A-Za-z_$][\w$]*)\.(String\(\)|toString\(\)|join\([^()]*\))\s*", arg)
        if m is None:
            return False
        func = self.func_of(node)
        cached = func.facts.get(("sql-builder", m.group(1)))
        if cached is None:
            cached = func.facts["sql-builder", m.group(1)] = any(
                _SQL_TEXT.search(func.lines[i]) for i in func.index.lines_of(m.group(1)))
        return bool(cached)

    def _response_writer_arg(self, node: SgNode, arg: str) -> bool:
        """``w`` is the handler's ``http.ResponseWriter`` (or gin's ``c.Writer``)."""
        arg = arg.strip()
        if re.fullmatch(r"(c|ctx)\.Writer", arg):
            return True
        header = self.func_of(node).text[:300]
        return re.search(rf"\b{re.escape(arg)}\s+http\.ResponseWriter\b", header) is not None

    def _java_template(self, node: SgNode, callee: str, method: str, args: list[str]) -> None:
        """Template source (Velocity, FreeMarker) and expression languages (SpEL, OGNL, MVEL,
        JSR-223 script engines) evaluated from a value: the template / expression is code."""
        if method == "evaluate" and len(args) >= 4 and re.search(r"\b(Velocity|velocity\w*|ve|engine)$",
                                                                 callee.rsplit(".", 1)[0]):
            self.sink(node, "template", args[3], f"the template source of `{callee}`")
        if callee == "new Template" and len(args) >= 2 and "freemarker" in self.text:
            m = re.fullmatch(r"\s*new\s+StringReader\((.*)\)\s*", args[1], re.DOTALL)
            self.sink(node, "template", m.group(1) if m else args[1], "the source of a FreeMarker `Template`")
        if method == "parseExpression" and args and re.search(r"SpelExpressionParser|ExpressionParser", self.text):
            self.sink(node, "code", args[0], f"a SpEL expression parsed by `{callee}`")
        if re.fullmatch(r"(MVEL\.(eval|compileExpression)|Ognl\.(getValue|parseExpression))", callee) and args:
            self.sink(node, "code", args[0], f"the expression evaluated by `{callee}`")
        if method == "eval" and args and "ScriptEngine" in self.text and not callee.startswith(("MVEL.", "Ognl.")):
            self.sink(node, "code", args[0], f"the script evaluated by `{callee}`")

    def missing_guards(self, root: SgNode) -> None:
        """Operations whose guard is absent from the handler around them (body size caps, host checks
        before credentials follow a redirect)."""
        functions = _functions(root, self.spec.func_kinds)
        self._guards.update(forwarded_credentials(self.path, self.language,
                                                  [(f.range().start.line, f.text()) for f in functions], self.text))
        if self.language not in READS:
            return
        for func in functions:
            text = func.text()
            if not READS[self.language].search(text) or self._nested_reader(func):
                continue
            for offset in unbounded_reads(self.language, text):
                line = func.range().start.line + offset + 1
                self._guards[line] = finding_at(UNBOUNDED_BODY, self.path, self.language, line, FAMILY)

    def _nested_reader(self, func: SgNode) -> bool:
        """The read sits in a nested function of ``func``: judge it there, with its own guards."""
        inner = [n for n in _functions(func, self.spec.func_kinds) if n != func]
        return any(READS[self.language].search(n.text()) for n in inner)

    def _archive_sink(self, node: SgNode, func: Func, v: Value, label: str) -> None:
        """Zip slip: an entry name reaches a file path with no containment check in the function."""
        if self.archive.guarded(func.text):
            return
        key = func.node.range().start.index if func.node is not None else -1
        rng = node.range()
        old = self._archive_sinks.get(key)
        if old is not None and old.line <= rng.start.line + 1:
            return  # the first write of the extraction loop is the one to fix
        self._archive_sinks[key] = make_finding(
            "archive-path-traversal", file=self.path, line=rng.start.line + 1, end_line=rng.end.line + 1,
            severity="high", family=FAMILY, confidence=80,
            description=f"{_cap(v.origin)} reaches {label} without a check that the resolved path stays "
                        "inside the destination; an entry named `../../x` or `/x` writes anywhere (zip slip).")

    def _service_entry(self, func: Func) -> bool:
        """A public method of a Spring service / controller: its callers are request handlers, so a
        URL parameter fetched as-is is request data one layer up (unlike a generic fetch helper)."""
        return self.language == "java" and func.node is not None and bool(
            re.search(r"@(Service|RestController|Controller)\b", self.text)) and bool(
            re.match(r"\s*public\b", func.text))

    def emit(self, concept: str, node: SgNode | int, severity: str, description: str, confidence: int,
             heuristic: bool = False, cwe: str | None = None) -> None:
        if isinstance(node, int):
            line = end = node + 1
        else:
            rng = node.range()
            line, end = rng.start.line + 1, rng.end.line + 1
        key = (concept, line)
        old = self.findings.get(key)
        if old is not None and Severity(old.severity).rank >= Severity(severity).rank:
            return
        self.findings[key] = make_finding(concept, file=self.path, line=line, end_line=end,
                                          severity=severity, description=description, family=FAMILY,
                                          confidence=confidence, heuristic=heuristic, cwe=cwe)

    def call(self, node: SgNode, callee: str, args: list[str]) -> None:
        dispatch: dict[str, Callable[[SgNode, str, list[str]], None]] = {
            "javascript": self.js_call, "typescript": self.js_call, "go": self.go_call, "java": self.java_call,
            "python": self.py_call}
        dispatch[self.language](node, callee, args)

    def js_call(self, node: SgNode, callee: str, args: list[str]) -> None:
        canonical = _js_canonical(callee, self._js_imports())
        if canonical != callee:
            self.js_module_call(node, canonical, args)
            self.js_call_named(node, canonical, args)
        self.js_module_call(node, callee, args)
        self.js_call_named(node, callee, args)

    def _js_imports(self) -> dict[str, str]:
        cached = getattr(self, "_imports", None)
        if cached is None:
            cached = self._imports = _js_import_map(self.text)
        return cached

    def js_module_call(self, node: SgNode, callee: str, args: list[str]) -> None:
        """Sinks known by their module (after resolving aliases): expression evaluators and
        object deserializers that run code embedded in the data."""
        a0 = args[0] if args else ""
        if not args:
            return
        if re.fullmatch(r"mathjs\.(eval|evaluate|compile)|expr-eval\.Parser\.evaluate|safe-eval|"
                        r"(safe-eval|static-eval|notevil)\.\w*", callee):
            self.sink(node, "code", a0, f"`{callee}` (evaluates an expression language that reaches code)")
        if re.fullmatch(r"node-serialize\.unserialize|funcster\.deepDeserialize|serialize-to-js\.deserialize|"
                        r"js-yaml\.(load|loadAll)|cryo\.parse", callee):
            if callee.startswith("js-yaml") and re.search(r"(SAFE|CORE|JSON|FAILSAFE)_SCHEMA", node.text()):
                return
            self.sink(node, "deser", a0, f"`{callee}` (restores functions / objects from the data)")

    def js_call_named(self, node: SgNode, callee: str, args: list[str]) -> None:
        a0 = args[0] if args else ""
        if re.fullmatch(r"(window\.)?eval|vm\.(runInNewContext|runInThisContext|runInContext)|"
                        r"new Function|Function", callee) and args:
            self.sink(node, "code", args[-1] if "Function" in callee else a0, f"`{callee}`")
        elif re.fullmatch(r"set(Timeout|Interval)", callee) and args and not re.match(
                r"\s*(\(|function|async|[\w$]+\s*=>|[\w$.]+\s*$)", a0):
            self.sink(node, "code", a0, f"`{callee}` with a string argument")
        if re.fullmatch(r"(.*child_process.*|cp|childProcess|proc|shell|shelljs)\.(exec|execSync)|exec|execSync",
                        callee) and args and ("child_process" in self.text or "shell" in callee):
            self.sink(node, "cmd", a0, f"`{callee}` (runs a shell)")
        if re.search(r"\b(spawn|spawnSync|execFile|execFileSync)$", callee) and re.search(
                r"\bshell\s*:\s*(true|['\"`/])", node.text()) and args:
            # with a shell the program and every argument are joined into one command line
            words = [a0] + (_split_commas(args[1].strip()[1:-1]) if len(args) > 1 and
                            args[1].strip().startswith("[") else [])
            self.sink(node, "cmd", " + ".join(w.strip() for w in words if w.strip()), f"`{callee}` with shell: true")
        if re.search(r"\.(query|execute|raw|\$queryRawUnsafe|\$executeRawUnsafe|unsafe|whereRaw|run|all|get|"
                     r"exec|prepare)$", callee) and args and not a0.lstrip().startswith(("{", "[")) \
                and not callee.startswith("Promise."):
            method = callee.rsplit(".", 1)[-1]
            sqlish = bool(_SQL_TEXT.search(a0)) or self._sql_builder(node, a0) or (
                method in {"query", "execute", "raw", "$queryRawUnsafe", "$executeRawUnsafe", "whereRaw"}
                and (_SQL_NAME.fullmatch(a0) or self._holds_sql_text(node, a0)))
            if sqlish and not re.match(r"(req|res|app|router|axios|http|this\.http)\.", callee):
                self.sink(node, "sql", a0, f"`{callee}`", need_built=False)
        if re.search(r"\.(orderByRaw|havingRaw|joinRaw|selectRaw|groupByRaw|orWhereRaw|andWhereRaw)$|"
                     r"^(Sequelize|sequelize)\.literal$", callee) and args:
            self.sink(_method_name(node), "sql", a0, f"the raw SQL fragment of `{callee}`")
        if re.search(r"\.(where|andWhere|orWhere|having|andHaving|orHaving|orderBy|addOrderBy|groupBy|"
                     r"innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)$", callee) and args and \
                "createQueryBuilder" in self.text and _is_built(a0) and _SQL_FRAGMENT.search(a0):
            # TypeORM's query builder takes SQL text; values belong in `:name` parameters
            self.sink(_method_name(node), "sql", a0, f"the SQL condition of TypeORM `{callee.rsplit('.', 1)[-1]}`")
        if re.search(r"\.(find|findOne|findOneAndUpdate|updateOne|updateMany|deleteOne|deleteMany|"
                     r"countDocuments|count|findOneAndDelete|where)$", callee) and args:
            if "$where" in a0:
                m = re.search(r"\$where['\"]?\s*:\s*(.+?)\s*[,}]\s*$", a0, re.DOTALL)
                self.sink(node, "code" if m else "nosql", m.group(1) if m else a0,
                          f"the MongoDB `$where` clause of `{callee}`")
            elif re.search(r"^\s*\{\s*(where|attributes|include|order)\s*:", a0) or "sequelize" in self.text.lower():
                pass  # Sequelize / ORM options object: values are bound parameters, not query operators
            elif re.fullmatch(r"\s*(req|request)\.(body|query|params)(\.\w+)?\s*", a0) or re.search(
                    r":\s*(req|request)\.(body|query|params)\.\w+\s*[,}]", a0):
                self.sink(node, "nosql", a0, f"the query object of `{callee}` (operator injection)")
        if re.fullmatch(r"document\.(write|writeln)", callee) and args:
            self.sink(node, "xss", a0, f"`{callee}`", dom=True)
        if callee.endswith(".insertAdjacentHTML") and len(args) > 1:
            self.sink(node, "xss", args[1], "`insertAdjacentHTML`", dom=True)
        if re.fullmatch(r"(\$|jQuery)\(.*\)\.(html|append|prepend|after|before)", callee, re.DOTALL) and args:
            self.sink(node, "xss", a0, f"jQuery `.{callee.rsplit('.', 1)[-1]}()`", need_built=True)
        if re.fullmatch(r"(res|response|reply|ctx)\.(send|write|end|type\(.*\)\.send)", callee) and args \
                and not re.match(r"\s*(JSON\.stringify|\{|\[)", a0):
            self.sink(node, "xss", a0, f"the response written by `{callee}`", need_built=True)
        if re.fullmatch(r"(res|response|reply|ctx|c)\.redirect|(NextResponse|Response)\.redirect|"
                        r"next/navigation\.(redirect|permanentRedirect)", callee) and args:
            self.sink(node, "redirect", args[-1], f"`{callee}`")
        if re.fullmatch(r"(res|response|reply)\.location", callee) and args:
            self.sink(node, "redirect", args[0], f"`{callee}`")
        self._location_header(node, callee, args)
        self._dsn_literal(node, callee, args)
        self._js_web_config(node, callee, args)
        if re.fullmatch(r"(res|response)\.writeHead", callee) and len(args) >= 2:
            m = re.search(r"""['"]?[Ll]ocation['"]?\s*:\s*(.+?)\s*[,}]\s*$""", args[-1], re.DOTALL)
            if m:
                self.sink(node, "redirect", m.group(1), f"the `Location` header of `{callee}`")
        if re.fullmatch(r"(fs|fsp|fs\.promises|fs/promises|fs-extra|fse|promises)\.(readFile|readFileSync|createReadStream|writeFile|"
                        r"writeFileSync|unlink|unlinkSync|readdir|readdirSync|appendFile|createWriteStream|"
                        r"rm|rmSync|open|openSync|access|stat|mkdir|mkdirSync|outputFile|outputFileSync|"
                        r"ensureDir|ensureDirSync)|readFile|readFileSync|createReadStream",
                        callee) and args:
            self.sink(node, "path", a0, f"`{callee}`")
        if re.fullmatch(r"(res|response|ctx)\.render", callee) and len(args) >= 2:
            self._render_options(node, callee, args[1])
        if re.fullmatch(r"(res|response|ctx)\.render", callee) and args and not _LITERAL.match(args[0]):
            self.sink(node, "path", args[0], f"the view name of `{callee}`")
        if re.fullmatch(r"(res|response)\.(sendFile|download)", callee) and args and not any(
                "root" in a for a in args[1:]):
            self.sink(node, "path", a0, f"`{callee}`")
        if re.fullmatch(r"fetch|axios|got|request|needle|superagent|(axios|got|request|superagent|needle|"
                        r"http|https|client|httpClient|this\.http)\.(get|post|put|delete|patch|head|request)",
                        callee) and args:
            self.sink(node, "ssrf", a0, f"`{callee}`")
        if re.fullmatch(r"(_|lodash|\$|jQuery)\.(merge|mergeWith|defaultsDeep|extend|set|setWith)|"
                        r"(deepMerge|mergeDeep|deepExtend|merge|extend)", callee) and args:
            for arg in args:
                v = self.value(arg, self.func_of(node), node.range().start.line, "code")
                if v.level == SOURCE:
                    self.emit("prototype-pollution", node, "high",
                              f"{_cap(v.origin)} is deep-merged by `{callee}`, so a `__proto__` key "
                              "pollutes Object.prototype.", 70)
                    break
        if callee in {"new RegExp", "RegExp"} and args:
            v = self.value(a0, self.func_of(node), node.range().start.line, "regex")
            if v.level == SOURCE and v.source_kind == "request":
                self.emit("regex-injection", node, "medium",
                          f"{_cap(v.origin)} is compiled as a regular expression; a crafted pattern can "
                          "backtrack catastrophically (ReDoS) or match more than intended.", 60)
        if re.fullmatch(r"(jwt|jsonwebtoken)\.(sign|verify)", callee) and len(args) >= 2 and _literal_key(args[1]):
            self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                      f"`{callee}` uses a hard-coded signing key; anyone with the source can forge tokens.",
                      75, heuristic=True)
        if re.fullmatch(r"(crypto\.)?createHmac", callee) and len(args) >= 2 and _literal_key(args[1]):
            self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                      f"`{callee}` is keyed with a literal; anyone with the source can forge the MACs.",
                      75, heuristic=True)
        if re.fullmatch(r"(pug|jade|ejs|handlebars|Handlebars|nunjucks|mustache|Mustache|_|lodash|dot|doT|"
                        r"Vue|hogan|Hogan|swig|twig|liquid|engine)\.(compile|render|renderString|template|"
                        r"compileTemplate|parseAndRender)", callee) and args:
            self.sink(node, "template", a0, f"the template source of `{callee}`")
        if re.search(r"(nunjucks\.configure|Environment|swig\.setDefaults|\.compile)$", callee) and re.search(
                r"\b(autoescape|autoEscape)\s*:\s*false\b|\bnoEscape\s*:\s*true\b", node.text()):
            self.emit("xss", node, "info" if self.is_test else "medium",
                      f"`{callee}` turns HTML auto-escaping off, so every value rendered into a template is written "
                      "as markup.", 70)
        if re.fullmatch(r"(console|logger|log|winston)\.(log|info|warn|error|debug)", callee):
            for arg in args:
                self.sink(node, "log", arg, f"the log call `{callee}`", need_built=True)
            self._js_secret_logged(node, callee, args)
        if re.fullmatch(r"((mysql2?|pg|mssql)\.)?(createConnection|createPool)|new (pg\.)?(Client|Pool)|"
                        r"new Sequelize", callee) and _JS_DB_PASSWORD.search(node.text()):
            self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                      f"`{callee}` is given a literal database password; anyone with the code has the "
                      "credential.", 80)
        if re.fullmatch(r"(child_process\.|cp\.|childProcess\.)?(spawn|spawnSync|execFile|execFileSync)",
                        callee) and len(args) >= 2:
            self._js_argument_injection(node, callee, args)
        if re.fullmatch(r"jwt\.verify", callee):
            if re.search(r"algorithms\s*:\s*\[[^\]]*['\"]none['\"]", node.text(), re.IGNORECASE):
                self.emit("jwt-verification", node, "high",
                          "`jwt.verify` accepts the 'none' algorithm, so unsigned tokens pass.", 85)
            elif len(args) < 3 and not self.is_test:
                self.emit("jwt-verification", node, "medium",
                          "`jwt.verify` is called without an `algorithms` allow-list; an attacker can "
                          "switch the algorithm (e.g. HS256 with the public key).", 50)
        if re.fullmatch(r"(jwt|jsonwebtoken)\.decode", callee) and (re.search(
                r"verify|auth|user|admin|guard|require|session|role|permission|login|current|protect",
                self._func_name(node), re.IGNORECASE) or re.search(r"\bnext\b", self.func_of(node).text[:200])):
            self.emit("jwt-verification", node, "medium",
                      "`jwt.decode` does not verify the signature but its result is used for "
                      "authentication.", 45)
        if re.fullmatch(r"(crypto\.)?createHash", callee) and args and re.fullmatch(
                r"""\s*['"](md5|sha1|md4)['"]\s*""", a0, re.IGNORECASE):
            self.weak_hash(node, a0.strip("'\" "))
        if re.fullmatch(r"(crypto\.)?createCipher(iv)?", callee) and args and re.search(
                r"des|rc4|rc2|bf-|blowfish|ecb", a0, re.IGNORECASE):
            self.emit("weak-crypto", node, "medium", f"`{callee}({a0})` uses a broken cipher or ECB mode.", 80)
        if callee == "Math.random":
            self.weak_random(node, callee)

    def _render_options(self, node: SgNode, callee: str, locals_arg: str) -> None:
        """``res.render(view, req.body)`` / ``{ ...req.query }``: the request picks the view engine's
        options too (``layout``, ``settings``, ``filename``), so it can render any file on disk. An
        object that only places request values under its own keys is ordinary view data."""
        whole = re.compile(r"\s*(?:\{\s*\.\.\.\s*|Object\.assign\(\s*\{\s*\}\s*,\s*)?"
                           r"((?:req|request|ctx\.request)\.(?:body|query|params))\s*[})]?\s*")
        text = locals_arg.strip()
        if re.fullmatch(r"[A-Za-z_$][\w$]*", text):
            found = self._last_assignment(text, self.func_of(node), node.range().start.line)
            text = found[0] if found is not None and found[0] else text
        m = whole.fullmatch(text)
        if m is None:
            return
        self.emit("path-traversal", node, "high",
                  f"Request data `{m.group(1)}` is passed whole as the locals of `{callee}`; view engines read "
                  "options such as `layout` from the locals, so the request chooses which file is rendered "
                  "(local file read).", 70)

    def _js_web_config(self, node: SgNode, callee: str, args: list[str]) -> None:
        """CORS that trusts every origin, credential cookies without HttpOnly (option objects)."""
        for verdict in (cors_middleware(callee, args), credential_cookie(callee, args),
                        session_cookie_options(callee, node.text())):
            if verdict is not None:
                line = node.range().start.line + verdict.line_in(node.text())
                self.emit(verdict.concept, line, "info" if self.is_test else verdict.severity, verdict.description,
                          verdict.confidence)

    def _cors_header(self, node: SgNode, value: str) -> None:
        """``Access-Control-Allow-Origin`` answered with the request's own Origin, unchecked."""
        func = self.func_of(node)
        line = node.range().start.line
        v = self.value(value, func, line, "redirect")
        direct = re.search(r"(headers\.origin|headers\[['\"]origin['\"]\]|\.(get|header)\(\s*['\"]origin['\"]\s*\))",
                           value, re.IGNORECASE)
        if direct is not None and re.search(
                rf"(includes|has|indexOf|test|some)\(\s*{re.escape(value.strip())}", func.text):
            return
        if v.level < SOURCE or not re.search(r"(?i)origin", v.origin + value):
            return
        verdict = reflected_origin(True, bool(re.search(r"Access-Control-Allow-Credentials['\"]\s*,\s*['\"]?true|"
                                                        r"credentials\s*:\s*true", self.text)))
        if verdict is not None:
            self.emit(verdict.concept, node, "info" if self.is_test else verdict.severity, verdict.description,
                      verdict.confidence)

    def _js_secret_logged(self, node: SgNode, callee: str, args: list[str]) -> None:
        """A password/token identifier passed to a logger: the secret lands in log files."""
        for arg in args:
            exprs = re.findall(r"\$\{([^}]*)\}", arg) if arg.strip().startswith("`") else [
                p for p in re.split(r"\s*\+\s*", _STRING.sub("", arg)) if p]
            for expr in exprs:
                name = re.sub(r".*[.\s]", "", expr.strip())
                if re.fullmatch(r"[A-Za-z_$][\w$]*", name) and _JS_SECRET_NAME.search(name) \
                        and not _JS_NOT_SECRET.search(name) and not name.isupper():
                    self.emit("secret-in-log", node, "info" if self.is_test else "medium",
                              f"`{expr.strip()}` looks like a password, secret or token and is written "
                              f"in clear by `{callee}`.", 60)
                    return

    def _js_argument_injection(self, node: SgNode, callee: str, args: list[str]) -> None:
        """Request data as an argument of an option-parsing tool lets ``--upload-pack=...``-style
        values turn into options unless a ``'--'`` ends option parsing first."""
        tool = args[0].strip().strip("'\"`").rsplit("/", 1)[-1]
        array = args[1].strip()
        if tool not in _OPTION_TOOLS or not (array.startswith("[") and array.endswith("]")):
            return
        func = self.func_of(node)
        line = node.range().start.line
        for elem in _split_commas(array[1:-1]):
            if re.fullmatch(r"\s*['\"`]--['\"`]\s*", elem):
                return
            if _LITERAL.match(elem):
                continue
            v = self.value(elem.strip(), func, line, "cmd")
            if v.level == SOURCE and v.source_kind == "request":
                self.emit("argument-injection", node, "medium",
                          f"{_cap(v.origin)} is passed as an argument of `{tool}` without a preceding "
                          "'--', so a value starting with '-' is parsed as an option.", 65)
                return

    def _go_argument_injection(self, node: SgNode, argv: list[str]) -> None:
        """``exec.Command("dig", host)``: request data as an argument of an option-parsing tool,
        with no ``"--"`` before it, is read as an option when it starts with '-'."""
        tool = argv[0].strip().strip('"`').rsplit("/", 1)[-1]
        if tool not in _OPTION_TOOLS:
            return
        func = self.func_of(node)
        line = node.range().start.line
        for prev, elem in zip(argv, argv[1:]):
            if elem.strip() in {'"--"', "`--`"}:
                return
            if _LITERAL.match(elem) or re.fullmatch(r'\s*"-[^"=]*"\s*', prev):
                continue  # a literal, or the value of the option written before it (`"--branch", b`)
            v = self.value(elem.strip().removesuffix("..."), func, line, "cmd")
            if v.level == SOURCE and v.source_kind == "request":
                self.emit("argument-injection", node, "medium",
                          f"{_cap(v.origin)} is passed as an argument of `{tool}` without a preceding "
                          '"--", so a value starting with \'-\' is parsed as an option.', 65)
                return

    def go_call(self, node: SgNode, callee: str, args: list[str]) -> None:
        method = callee.rsplit(".", 1)[-1]
        if callee in {"sql.Open", "sqlx.Open", "sqlx.Connect", "gorm.Open"} and len(args) >= 2 and \
                _GO_DSN_PASSWORD.match(args[1].strip()):
            self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                      f"The data source name passed to `{callee}` embeds a literal password.", 80)
        if method in _GO_SQL_METHODS and "." in callee and not callee.startswith(
                ("http.", "r.", "req.", "c.", "url.", "os.")):
            idx = go_taint.query_argument(method, args)
            if idx is not None and (_SQL_TEXT.search(args[idx]) or self._sql_builder(node, args[idx]) or
                                    _SQL_NAME.fullmatch(args[idx]) or go_taint.on_db_handle(callee, self.db_handles)):
                self.sink(node, "sql", go_taint.without_handle_calls(args[idx], callee), f"`{callee}`")
        if method in _GORM_SQL_METHODS and args and _GORM.search(self.text) and "." in callee and \
                not _SQL_TEXT.search(args[0]) and (_is_built(args[0]) or method in {"Raw", "Exec"}):
            # gorm: Where/Order/Having/Joins/Group/Select take SQL fragments; `?` binds values
            self.sink(node, "sql", args[0], f"the SQL fragment of gorm `{method}`")
        if re.fullmatch(r"exec\.Command(Context)?", callee) and args:
            offset = 1 if callee.endswith("Context") else 0
            rest = args[offset:]
            if len(rest) >= 3 and rest[0].strip('"') in {"sh", "bash", "/bin/sh", "/bin/bash", "cmd", "cmd.exe"} \
                    and rest[1].strip('"') in {"-c", "/c", "/C"}:
                self.sink(node, "cmd", rest[2], "a shell started by `exec.Command`")
            elif rest:
                self.sink(node, "cmd", rest[0], "the program name of `exec.Command`", shell=False)
                self._go_argument_injection(node, rest)
        if re.fullmatch(r"http\.(Get|Post|Head|PostForm)", callee) and args:
            self.sink(node, "ssrf", args[0], f"`{callee}`")
        elif re.fullmatch(r"http\.NewRequest(WithContext)?", callee) and len(args) >= 2:
            self.sink(node, "ssrf", args[2 if callee.endswith("Context") and len(args) > 2 else 1], f"`{callee}`")
        elif (re.fullmatch(r"\w*(client|Client)\w*\.(Get|Post|Head)", callee) or (
                method in {"Get", "Post", "Head", "PostForm"} and go_taint.on_db_handle(callee, self.http_clients))) \
                and args and _URLISH.search(args[0]):
            # an HTTP client's verb takes a URL; a cache / RPC / FastCGI client's Get takes a key
            self.sink(node, "ssrf", args[0], f"`{callee}`")
        if re.fullmatch(r"os\.(Open|OpenFile|ReadFile|Create|Remove|RemoveAll|WriteFile|Mkdir|MkdirAll|ReadDir)|"
                        r"ioutil\.(ReadFile|WriteFile|ReadDir)", callee) and args:
            self.sink(node, "path", args[0], f"`{callee}`")
        if callee == "http.ServeFile" and len(args) >= 3:
            self.sink(node, "path", args[2], "`http.ServeFile`")
        if method == "Parse" and args and re.search(r'"(text|html)/template"', self.text) and re.fullmatch(
                r"(template\.New\(.*\)|\w*([tT]mpl|[tT]emplate|[tT]pl)\w*|t|tt)\.Parse", callee, re.DOTALL):
            self.sink(node, "template", args[0], f"the template source of `{callee.split('(')[0]}...Parse`")
        if method in {"Execute", "ExecuteTemplate"} and args and re.search(r'"text/template"', self.text) and \
                not re.search(r'"html/template"', self.text) and self._response_writer_arg(node, args[0]):
            self.emit("xss", node, "info" if self.is_test else "medium",
                      f"`{callee}` renders a `text/template` into the HTTP response: text/template does not "
                      "escape HTML, so every value in the data is written as markup (autoescape off).", 70)
        if re.fullmatch(r"template\.(HTML|JS|HTMLAttr|URL)", callee) and args:
            self.sink(node, "xss", args[0], f"`{callee}` (bypasses html/template escaping)")
        writes_html = len(args) >= 2 and (_HTMLISH.search(args[1]) is not None or callee != "fmt.Fprintf")
        if re.fullmatch(r"fmt\.Fprint(f|ln)?", callee) and writes_html and re.fullmatch(
                r"\s*(w|rw|writer|resp|res)\s*", args[0]):
            for arg in args[1 if callee != "fmt.Fprintf" else 2:]:
                self.sink(node, "xss", arg, "the HTTP response written by `fmt.Fprintf`", severity=("high", 70))
        if re.fullmatch(r"(w|rw|writer|resp)\.Write", callee) and args:
            self.sink(node, "xss", args[0], f"the HTTP response written by `{callee}`", need_built=True,
                      severity=("high", 65))
        if callee == "io.WriteString" and len(args) >= 2 and args[0].strip() in {"w", "rw"}:
            self.sink(node, "xss", args[1], "the HTTP response", need_built=True, severity=("high", 65))
        if re.fullmatch(r"(c|ctx)\.Redirect", callee) and len(args) >= 2:
            self.sink(node, "redirect", args[1], f"`{callee}` (gin)")
        if re.fullmatch(r"(c|ctx)\.(File|FileAttachment|Attachment)", callee) and args:
            self.sink(node, "path", args[0], f"`{callee}` (serves a file)")
        if re.fullmatch(r"(c|ctx)\.SaveUploadedFile", callee) and len(args) >= 2:
            self.sink(node, "path", args[1], f"the destination of `{callee}`")
        if re.fullmatch(r"(c|ctx)\.Writer\.(Write|WriteString)", callee) and args:
            self.sink(node, "xss", args[0], f"the HTTP response written by `{callee}`", need_built=True,
                      severity=("high", 65))
        if re.fullmatch(r"(c|ctx)\.Data", callee) and len(args) >= 3 and "html" in args[1].lower():
            self.sink(node, "xss", args[2], f"the HTML response written by `{callee}`", severity=("high", 65))
        if re.fullmatch(r"(c|ctx)\.String", callee) and len(args) >= 2 and _HTMLISH.search(args[1]):
            for arg in args[2:]:
                self.sink(node, "xss", arg, f"HTML written by `{callee}`", severity=("medium", 55))
        if callee == "http.Redirect" and len(args) >= 3:
            self.sink(node, "redirect", args[2], "`http.Redirect`")
        if re.fullmatch(r"(md5|sha1)\.(New|Sum)", callee):
            self.weak_hash(node, callee.split(".")[0])
        if re.fullmatch(r"(des\.New(TripleDES)?Cipher|rc4\.NewCipher|blowfish\.NewCipher)", callee):
            self.emit("weak-crypto", node, "medium", f"`{callee}` is a broken or obsolete cipher.", 80)
        if re.fullmatch(r"rand\.(Intn|Int|Int63|Int31|Int31n|Int63n|Read|Float64|Perm|Uint32|Uint64)", callee) \
                and '"math/rand' in self.text:
            self.weak_random(node, callee)
        if re.fullmatch(r"(log|logger)\.(Printf|Println|Print|Infof|Info|Warnf|Errorf)", callee):
            for arg in args:
                self.sink(node, "log", arg, f"the log call `{callee}`", need_built=True)

    def java_call(self, node: SgNode, callee: str, args: list[str]) -> None:
        a0 = args[0] if args else ""
        method = callee.rsplit(".", 1)[-1]
        if method in {"executeQuery", "executeUpdate", "execute", "addBatch", "prepareStatement", "prepareCall",
                      "createQuery", "createNativeQuery", "createSQLQuery", "queryForObject", "queryForList",
                      "queryForMap", "query", "update", "batchUpdate", "queryForRowSet"} and (
                _SQL_TEXT.search(a0) or self._sql_builder(node, a0) or _SQL_NAME.fullmatch(a0)):
            self.sink(node, "sql", a0, f"`{callee}`")
        self._java_template(node, callee, method, args)
        java_sinks.check_call(self, node, callee, method, args)
        if re.search(r"(Runtime\.getRuntime\(\)|runtime|rt)\.exec$", callee) and args:
            self.sink(node, "cmd", java_sinks.program_of(self, node, a0), f"`{callee}`", shell=False)
        if callee == "new ProcessBuilder" and args:
            if len(args) >= 3 and args[0].strip('"') in {"sh", "bash", "/bin/sh", "/bin/bash", "cmd", "cmd.exe"}:
                self.sink(node, "cmd", args[2], "a shell started by `ProcessBuilder`")
            else:
                # no shell: each value is one argv entry; only the program itself can be hijacked
                self.sink(node, "cmd", args[0], "the program run by `ProcessBuilder`", shell=False)
        if method == "readObject" and re.search(r"ObjectInputStream|XMLDecoder", self.text) and not re.search(
                r"ValidatingObjectInputStream|setObjectInputFilter|ObjectInputFilter|resolveClass", self.text) \
                and not re.search(r"\bvoid\s+readObject\s*\(", self.func_of(node).text[:200]):
            src = "HTTP request body" if re.search(r"getInputStream\(\)|getReader\(\)|getPart\(", self.text) \
                else "a stream"
            sev = ("critical", 85) if src.startswith("HTTP") else ("high", 60)
            self.emit("unsafe-deserialization", node, sev[0],
                      f"`{callee}()` deserializes Java objects from {src} without a class filter; "
                      "gadget chains give remote code execution.", sev[1])
        if callee in {"new Yaml().load", "yaml.load"} and "SafeConstructor" not in self.text and args:
            self.sink(node, "deser", a0, "SnakeYAML `load` without SafeConstructor")
        if callee in {"new File", "new FileInputStream", "new FileOutputStream", "new FileReader",
                      "new FileWriter", "new RandomAccessFile", "Paths.get", "Path.of"} and args:
            if callee == "new File" and len(args) > 1:
                parts = args[1:]  # new File(parent, child): the child names the file under the parent
            elif callee in {"Paths.get", "Path.of"}:
                parts = args  # every part is a path segment
            else:
                parts = args[:1]  # the stream / writer constructors: (file, append / charset / mode)
            self.sink(node, "path", " + ".join(parts), f"`{callee}`")
        if re.search(r"Files\.(readAllBytes|readString|newInputStream|newOutputStream|delete|write|lines|copy|"
                     r"createDirectories|createFile)$", callee) and args:
            target = args[1] if callee.endswith("copy") and len(args) > 1 else a0  # copy(source, target, ...)
            self.sink(node, "path", target, f"`{callee}`")
        if callee in {"new URL", "URI.create", "new URI"} and args:
            self.sink(node, "ssrf", a0, f"`{callee}`")
        if method in {"openConnection", "openStream"} and "." in callee and not args:
            # the request leaves here: report the connection line, not only `new URL(...)`
            self.sink(node, "ssrf", callee.rsplit(".", 1)[0], f"`{callee}()`")
        if method == "unmarshal" and args and re.search(r"JAXBContext|createUnmarshaller", self.text) and not \
                re.search(r"SAXSource|XMLStreamReader|createXMLStreamReader", " ".join(args)) and not re.search(
                    rf"\b{re.escape(a0.strip())}\s*=\s*(new\s+SAXSource|[\w.]*createXMLStreamReader)", self.text):
            v = self.value(a0, self.func_of(node), node.range().start.line, "xxe")
            if v.level == SOURCE and v.source_kind == "request":
                self.emit("xxe", node, "high",
                          f"{_cap(v.origin)} is unmarshalled by JAXB `{callee}()` straight from the stream, "
                          "without a SAXSource / XMLStreamReader from a parser with DTDs disabled (XXE).", 70)
        if method in {"getForObject", "getForEntity", "postForObject", "postForEntity", "exchange"} and args:
            self.sink(node, "ssrf", a0, f"`{callee}`")
        if re.search(r"(getWriter\(\)|\bout|\bwriter|\bpw|\bprintWriter)\.(print|println|write|printf|format|append)$",
                     callee) and args and not callee.startswith(("System.", "log", "LOG")) and self._response_writer(callee):
            self.sink(node, "xss", " + ".join(args), "the servlet response writer", severity=("high", 75))
        if method == "sendRedirect" and args:
            self.sink(node, "redirect", a0, f"`{callee}`")
        self._location_header(node, callee, args)
        self._dsn_literal(node, callee, args)
        if re.search(r"\.next(Int|Long|Bytes|Double|Float|Gaussian)$", callee) and self._weak_random_var(callee):
            self.weak_random(node, callee)
            if ("weak-random", node.range().start.line + 1) in self.findings:
                self._weak_random_declaration(callee)
        if method == "search" and len(args) >= 2 and re.search(r"ctx|context|ldap|dir", callee, re.IGNORECASE):
            self.sink(node, "ldap", args[1], f"the LDAP filter of `{callee}`")
        if method in {"evaluate", "compile"} and re.search(r"xpath|xPath|XPath", callee) and args:
            self.sink(node, "xpath", a0, f"the XPath expression of `{callee}`")
        if callee == "MessageDigest.getInstance" and args:
            algo = a0.strip('" ')
            if re.fullmatch(r"MD5|MD2|MD4|SHA-?1|SHA", algo, re.IGNORECASE):
                self.weak_hash(node, algo)
        if callee == "Cipher.getInstance" and args and re.search(r'"(DES|DESede|RC4|RC2|Blowfish|AES"|[^"]*/ECB/)',
                                                                a0):
            self.emit("weak-crypto", node, "medium",
                      f"`Cipher.getInstance({a0})` uses a broken cipher or ECB mode (\"AES\" alone "
                      "defaults to ECB).", 75)
        if callee.endswith("DriverManager.getConnection") and len(args) >= 3 and _credential_literal(args[2]):
            self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                      f"`{callee}` is given the literal password {args[2].strip()}; anyone with the code "
                      "or the binary has the database credential.", 80)
        if callee in {"new Random", "new java.util.Random"} or callee == "Math.random":
            self.weak_random(node, callee)
        if re.fullmatch(r"(log|logger|LOG|LOGGER)\.(info|debug|warn|error|trace)", callee):
            for arg in args:
                self.sink(node, "log", arg, f"the log call `{callee}`", need_built=True)
        if callee in {"DocumentBuilderFactory.newInstance", "SAXParserFactory.newInstance",
                      "XMLInputFactory.newInstance", "XMLInputFactory.newFactory", "TransformerFactory.newInstance",
                      "SchemaFactory.newInstance", "new SAXReader", "new SAXBuilder", "XMLReaderFactory.createXMLReader"} \
                and not _xxe_hardened(callee, self._scope_text(node)):
            self.emit("xxe", node, "high",
                      f"`{callee}()` is used without disabling DOCTYPEs / external entities, so "
                      "parsed XML can read local files or reach internal hosts (XXE).", 75)
        if method in {"parse", "build", "unmarshal"} and "." in callee:
            scope = self._scope_text(node)
            factory = _XML_FACTORY.search(scope)
            if factory and not _xxe_hardened(factory.group(0), scope):
                self.emit("xxe", node, "high",
                          f"`{callee}()` parses XML with a parser that still resolves external entities "
                          "(no disallow-doctype-decl / secure processing).", 70)

    def _response_writer(self, callee: str) -> bool:
        """``out.print`` / ``writer.write`` reach the browser only when they are the servlet / JSP
        response writer, not a StringWriter, StringBuilder or file writer."""
        if "getWriter()" in callee or "getOutputStream()" in callee:
            return True
        var = callee.rsplit(".", 1)[0].split(".")[-1]
        cached = self.__dict__.get("_non_response_writers")
        if cached is None:  # one pass over the file, not one per print call
            cached = self._non_response_writers = {
                m.group(1) or m.group(2) for m in _LOCAL_WRITER.finditer(self.text)}
            self._servlet_file = bool(re.search(r"HttpServletResponse|getWriter\(\)|JspWriter|PageContext|"
                                                r"ServletResponse|HttpServletRequest", self.text))
        return var not in cached and self._servlet_file

    def py_call(self, node: SgNode, callee: str, args: list[str]) -> None:
        """The essential Python sinks, for files only tree-sitter can parse."""
        positional = [a for a in args if not re.match(r"\s*\w+\s*=", a)]
        a0 = positional[0] if positional else ""
        if callee.endswith((".execute", ".executemany", ".raw")) and a0:
            self.sink(node, "sql", a0, f"`{callee}`", need_built=False)
        shell = callee.startswith("subprocess.") and any(re.match(r"\s*shell\s*=\s*True", a) for a in args)
        if a0 and (callee in {"os.system", "os.popen", "subprocess.getoutput"} or shell):
            self.sink(node, "cmd", a0, f"`{callee}`")
        if callee in {"eval", "exec"} and a0:
            self.sink(node, "code", a0, f"`{callee}()`")
        unsafe_yaml = callee == "yaml.load" and not any("Safe" in a for a in args)
        if a0 and (callee in {"pickle.loads", "pickle.load", "marshal.loads", "yaml.unsafe_load"} or unsafe_yaml):
            self.sink(node, "deser", a0, f"`{callee}()`")
        if callee in {"open", "send_file"} and a0:
            self.sink(node, "path", a0, f"`{callee}`")
        if callee.endswith(".xpath") and a0:
            self.sink(node, "xpath", a0, f"the XPath expression of `{callee}`")
        if re.fullmatch(r"(requests|httpx)\.(get|post|put|delete|head|request)|urllib2?\.(request\.)?urlopen|urlopen",
                        callee) and a0:
            self.sink(node, "ssrf", a0, f"`{callee}`")
        if callee in {"redirect", "HttpResponseRedirect"} and a0:
            self.sink(node, "redirect", a0, f"`{callee}`")
        if callee in {"render_template_string", "Markup", "mark_safe"} and a0:
            self.sink(node, "xss", a0, f"`{callee}`")
        if any(re.match(r"\s*verify\s*=\s*False", a) for a in args):
            self.emit("tls-verification-disabled", node, "medium", f"`{callee}(verify=False)` disables TLS "
                      "certificate verification.", 80)
        if callee.endswith(".run") and any(re.match(r"\s*debug\s*=\s*True", a) for a in args):
            self.emit("debug-enabled", node, "medium", f"`{callee}(debug=True)` enables the debugger.", 80)
        if callee == "tempfile.mktemp":
            self.emit("insecure-temp-file", node, "medium", "`tempfile.mktemp()` returns a predictable name.", 80)
        if re.fullmatch(r"hashlib\.(md5|sha1)", callee):
            self.weak_hash(node, callee.split(".")[1])

    def js_timing(self, node: SgNode) -> None:
        """``sig === expected``: string equality returns at the first differing character."""
        op = node.field("operator")
        left, right = node.field("left"), node.field("right")
        if op is None or left is None or right is None or op.text() not in {"===", "==", "!==", "!="}:
            return
        sides = [left.text(), right.text()]
        if any(_LITERAL.match(x) or re.fullmatch(r"[\w$.]*\.(length|size|type|kind|status)|undefined|typeof .*|"
                                                 r"[A-Z_][A-Z0-9_.]*", x.strip()) for x in sides):
            return
        names = [re.sub(r"\(.*\)$", "", x).rsplit(".", 1)[-1] for x in sides]
        digest = any(re.search(r"createHmac\(.*\.digest\(", x, re.DOTALL) for x in sides)
        strong = any(_MAC_WORD.search(n) for n in names)
        if digest or strong:
            self.emit("timing-attack", node, "info" if self.is_test else "medium",
                      f"`{_short(sides[0])} {op.text()} {_short(sides[1])}` compares a secret with string "
                      "equality, which returns at the first differing character; use "
                      "crypto.timingSafeEqual.", 60)

    def _location_header(self, node: SgNode, callee: str, args: list[str]) -> None:
        if not (re.search(r"\.(setHeader|addHeader|header|set)$", callee) and len(args) >= 2):
            return
        if re.fullmatch(r"""\s*["']location["']\s*""", args[0], re.IGNORECASE):
            self.sink(node, "redirect", args[1], "the `Location` response header")
        self._header_injection(node, callee, args)

    def _dsn_literal(self, node: SgNode, callee: str, args: list[str]) -> None:
        """A connect call given a connection-string literal with a real password inside."""
        if not re.search(r"(connect|getConnection|createConnection|createPool|MongoClient|Pool|Client|"
                         r"Sequelize|open)$", callee):
            return
        for arg in args:
            if _LITERAL.match(arg) and arg.strip()[:1] in {"'", '"', "`"}:
                password = embedded_credential(arg.strip()[1:-1])
                if password is not None:
                    self.emit("hardcoded-secret", node, "info" if self.is_test else "high",
                              f"The connection string passed to `{callee}` embeds the literal password "
                              f"`{password[:2]}...`; anyone with the code has the credential.", 75)
                    return

    def _header_injection(self, node: SgNode, callee: str, args: list[str]) -> None:
        """Request data in a response header value: CR/LF splits the response (CWE-113).

        Why only direct request data: a header set from a parameter or an opaque value is the
        normal case in every HTTP helper, so flagging those would be noise.
        """
        receiver = callee.rsplit(".", 1)[0].split(".")[-1]
        if not re.fullmatch(r"(res|resp|response|httpResponse|servletResponse|reply|ctx|exchange)", receiver,
                            re.IGNORECASE):
            return
        name = args[0].strip()
        if re.fullmatch(r"""["']location["']""", name, re.IGNORECASE):
            return  # reported as an open redirect, which is the worse outcome
        if self.language in {"javascript", "typescript"} and re.fullmatch(
                r"""["']access-control-allow-origin["']""", name, re.IGNORECASE):
            self._cors_header(node, args[1])
            return  # an origin value is judged as a CORS policy, not as response splitting
        if _HEADER_SAFE.search(args[1]):
            return  # numbers, lengths and URL-encoded values cannot carry CR/LF
        func = self.func_of(node)
        v = self.value(args[1], func, node.range().start.line, "log")
        if v.level < SOURCE:
            return
        strong = re.fullmatch(r"""["'](set-cookie|refresh)["']""", name, re.IGNORECASE)
        self.emit("header-injection", node, "info" if self.is_test else ("high" if strong else "medium"),
                  f"{_cap(v.origin)} reaches the `{_short(name)}` response header set by `{callee}`; CR/LF "
                  "in it splits the response (header injection / response splitting).", 65)

    def _weak_random_var(self, callee: str) -> bool:
        """``rnd.nextInt()`` where ``rnd`` is a java.util.Random (not SecureRandom)."""
        var = callee.rsplit(".", 1)[0].split(".")[-1]
        cached = self.__dict__.get("_random_vars")
        if cached is None:  # one pass over the file, not one per call
            weak = {m.group(1) or m.group(2) for m in re.finditer(
                r"\bRandom\s+([A-Za-z_$][\w$]*)\b|\b([A-Za-z_$][\w$]*)\s*=\s*new\s+Random\(", self.text)}
            secure = set(re.findall(r"SecureRandom\s+([A-Za-z_$][\w$]*)\b", self.text))
            cached = self._random_vars = weak - secure
        return var in cached

    def _weak_random_declaration(self, callee: str) -> None:
        """Report the ``new Random()`` that creates a token generator too: the fix goes there."""
        var = re.escape(callee.rsplit(".", 1)[0].split(".")[-1])
        decl = re.compile(rf"\b{var}\s*=\s*new\s+(java\.util\.)?Random\s*\(")
        for index, text in enumerate(self.lines):
            if decl.search(text):
                self.emit("weak-random", index, "medium",
                          f"`{var}` is a java.util.Random (predictable) used to generate security tokens; "
                          "create a SecureRandom instead.", 65)

    def java_returns(self, root: SgNode) -> None:
        """Spring MVC: ``return "redirect:" + url`` redirects to whatever ``url`` holds."""
        for node in root.find_all(kind="return_statement"):
            m = re.match(r"return\s+\"redirect:\"\s*\+\s*(.+?);?\s*$", node.text(), re.DOTALL)
            if m:
                self.sink(node, "redirect", m.group(1), "a Spring `redirect:` view name")

    def js_pairs(self, root: SgNode) -> None:
        """``{ $where: ... }`` anywhere (built in a helper, passed to find later)."""
        for node in root.find_all(kind="pair"):
            key = node.field("key")
            value = node.field("value")
            if key is not None and value is not None and key.text().strip("'\"") == "$where" and not _LITERAL.match(
                    value.text()):
                self.sink(node, "code", value.text(), "a MongoDB `$where` clause (server-side JavaScript)")

    def js_regex_patterns(self, root: SgNode) -> None:
        """Regex literals (and ``new RegExp('...')`` of a literal) with nested unbounded repetition."""
        patterns: list[tuple[SgNode, str]] = []
        for node in root.find_all(kind="regex"):
            body = node.field("pattern")
            if body is not None:
                patterns.append((node, body.text()))
        built = [n for n in root.find_all(kind="new_expression")
                 if (ctor := n.field("constructor")) is not None and ctor.text() == "RegExp"]
        for node in built + self._calls_by_name.get("RegExp", []):
            args = _args(node)
            m = re.fullmatch(r"""\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1\s*""", args[0]) if args else None
            if m:
                patterns.append((node, m.group(2).encode().decode("unicode_escape", errors="ignore")))
        for node, pattern in patterns:
            shape = catastrophic_backtracking(pattern)
            if shape is not None:
                self.emit("regex-backtracking", node, "low" if self.is_test else "medium",
                          f"`/{_short(pattern)}/`: {shape} without a mandatory delimiter, so an input that almost "
                          "matches makes the engine try exponentially many splits (ReDoS).", 60)

    def js_key_writes(self, root: SgNode) -> None:
        """Deep-merge and path-setter helpers that write by key without a prototype guard."""
        for write in unguarded_key_writes(root):
            what = ("recursively merges keys of its source into the target" if write.kind == "merge" else
                    "walks a key path into the object and writes the last key")
            self.emit("prototype-pollution", write.line, "high",
                      f"`{write.function}` {what} without rejecting `__proto__` / `constructor` / `prototype`; "
                      "input with such a key writes onto Object.prototype and changes every object.", 65)

    def assignment(self, node: SgNode, left: str, right: SgNode) -> None:
        if re.search(r"\.(innerHTML|outerHTML)$", left):
            self.sink(node, "xss", right.text(), f"`{left.rsplit('.', 1)[-1]}`", dom=True)
        elif re.fullmatch(r"(window\.|document\.)?location(\.href)?", left):
            self.sink(node, "redirect", right.text(), f"`{left}`")

    def _scope_text(self, node: SgNode) -> str:
        """The enclosing method's text, or the file when the node is at class level."""
        func = self.func_of(node)
        return func.text if func.node is not None else self.text

    # ---- context rules ----------------------------------------------------------------------

    def _func_name(self, node: SgNode) -> str:
        func = self.func_of(node)
        if func.node is None:
            return ""
        name = func.node.field("name")
        if name is not None:
            return name.text()
        parent = func.node.parent()
        if parent is not None and parent.kind() in {"variable_declarator", "pair", "assignment_expression"}:
            return parent.text()[:80]
        return ""

    def weak_hash(self, node: SgNode, algo: str) -> None:
        line = node.range().start.line
        fname = self._func_name(node)
        callers = " ".join(" ".join(_args(c)) for c in self._calls_by_name.get(fname.split("(")[0].strip(), [])[:8])
        context = " ".join(self.lines[max(0, line - 2): line + 2]) + " " + fname + " " + callers
        if _PASSWORDISH.search(context):
            self.emit("weak-password-hash", node, "high",
                      f"Passwords are hashed with fast `{algo}` (no salt, no work factor); leaked hashes "
                      "are cracked quickly.", 80)
        elif re.search(r"token|secret|sign|auth|session|hmac", context, re.IGNORECASE):
            self.emit("weak-hash", node, "medium",
                      f"`{algo}` is used for a security purpose; it is broken for collision resistance.", 55)
        elif self.language == "java":
            self.emit("weak-hash", node, "low", f"`{algo}` is a broken hash; prefer SHA-256.", 40)

    def weak_random(self, node: SgNode, callee: str) -> None:
        line = node.range().start.line
        context = self.lines[line] if line < len(self.lines) else ""
        if _TOKENISH.search(context + " " + self._func_name(node)):
            self.emit("weak-random", node, "medium",
                      f"`{callee}` is predictable but generates a security-sensitive value "
                      "(token/password/session id).", 70)

    def line_rules(self) -> None:
        for i, line in enumerate(self.lines):
            if self.language in {"javascript", "typescript"} and re.search(r"\bnoent\s*:\s*true", line):
                self.emit("xxe", i, "high", "libxml is asked to substitute entities (noent: true), so a DOCTYPE "
                          "in the input can read local files (XXE).", 80)
            if re.search(r"rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['\"]?0|"
                         r"InsecureSkipVerify\s*:\s*true|strictSSL\s*:\s*false", line):
                self.emit("tls-verification-disabled", i, "medium",
                          "TLS certificate verification is switched off, so the connection can be "
                          "intercepted.", 85)
            if self.language == "go" and not self.is_test:
                for name, shown in go_taint.hardcoded_credentials(line):
                    self.emit("hardcoded-secret", i, "high", f"`{name}` is assigned the hard-coded credential "
                              f"`{shown}`; it is exposed to everyone with access to the source and cannot be "
                              "rotated without a deploy.", 70, heuristic=True)
            if self.language == "java" and re.search(
                    r"ALLOW_ALL_HOSTNAME_VERIFIER|NoopHostnameVerifier|TrustAllStrategy|"
                    r"\(\s*\w+\s*,\s*\w+\s*\)\s*->\s*true|setHostnameVerifier\(\s*\(", line):
                self.emit("tls-verification-disabled", i, "high",
                          "A hostname verifier / trust strategy accepts every certificate.", 80)
        if self.language == "java":
            for m in re.finditer(r"void\s+checkServerTrusted\s*\([^)]*\)\s*(throws[\w\s,.]+)?\{\s*(//[^\n]*\s*)*\}",
                                 self.text):
                self.emit("tls-verification-disabled", self.text[: m.start()].count("\n"), "high",
                          "A TrustManager's checkServerTrusted accepts every certificate chain.", 85)
            for m in re.finditer(r"boolean\s+verify\s*\(\s*String\s+\w+\s*,\s*SSLSession\s+\w+\s*\)\s*\{\s*"
                                 r"return\s+true\s*;\s*\}", self.text):
                self.emit("tls-verification-disabled", self.text[: m.start()].count("\n"), "high",
                          "A HostnameVerifier returns true for every host.", 85)


# ------------------------------------------------------------------------------------------------


_MAC_WORD = re.compile(r"(signature|Signature|^sig|Sig|^hmac|Hmac|HMAC|^secret|Secret|apiKey|ApiKey|csrfToken|"
                       r"CsrfToken|(auth|access|reset|session|api|bearer|verification)Token|_sig|_signature|_hmac)$")


_JS_SECRET_NAME = re.compile(r"(password|passwd|secret|apiKey|api_key|accessToken|access_token|authToken|"
                             r"auth_token|refreshToken|refresh_token|privateKey|private_key|^token$|^pwd$)$",
                             re.IGNORECASE)
_JS_NOT_SECRET = re.compile(r"(Hash|Hashed|Length|Field|Name|Label|Url|Path|Policy|Required|Changed|Reset)$")
_JS_DB_PASSWORD = re.compile(r"""\bpassword\s*:\s*(['"])(?:(?!\1).)+\1""")
_GO_DSN_PASSWORD = re.compile(r"""^["`](?:[a-z][a-z0-9+]*://)?[^:/@"`\s%{]+:[^@"`\s%{]+@""")
_OPTION_TOOLS = frozenset({"git", "curl", "wget", "tar", "find", "ssh", "scp", "rsync", "zip", "unzip", "hg",
                           "svn", "npm", "pip", "docker", "kubectl", "ffmpeg", "convert", "sendmail", "psql",
                           "mysql", "openssl", "gpg", "7z", "sed", "grep", "awk", "xargs", "env", "dig", "nslookup",
                           "whois", "traceroute", "nmap", "ffprobe", "pandoc", "wkhtmltopdf", "gs"})


def _split_commas(body: str) -> list[str]:
    """Split an argument list on commas that are not nested in brackets or strings."""
    parts: list[str] = []
    depth, start, quote = 0, 0, ""
    for i, ch in enumerate(body):
        if quote:
            if ch == quote and body[i - 1] != "\\":
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return [p for p in parts if p.strip()]


def _credential_literal(arg: str) -> bool:
    """A non-empty quoted string: a password written into the code (env lookups are calls)."""
    return re.fullmatch(r'''\s*("([^"\\]|\\.)+"|'([^'\\]|\\.)+')\s*''', arg) is not None


def _literal_key(arg: str) -> bool:
    """A string literal long enough to be a signing key (not an env lookup, not empty/placeholder)."""
    m = re.fullmatch(r"""\s*(["'`])([^"'`$]{8,})\1\s*""", arg)
    return bool(m) and len(set(m.group(2))) > 3


def _js_import_map(text: str) -> dict[str, str]:
    """Local name -> ``module`` or ``module.member`` for require/import bindings, so that
    ``const { exec: run } = require('child_process')`` makes ``run(...)`` mean ``child_process.exec``."""
    out: dict[str, str] = {}
    q = r"""['"](?:node:)?([@\w./-]+)['"]"""
    for m in re.finditer(rf"(?:const|let|var)\s+([\w$]+)\s*=\s*require\(\s*{q}\s*\)(?:\.([\w$]+))?", text):
        out[m.group(1)] = m.group(2) + ("." + m.group(3) if m.group(3) else "")
    for m in re.finditer(rf"(?:const|let|var)\s*\{{([^}}]*)\}}\s*=\s*require\(\s*{q}\s*\)", text):
        for member, local in _bindings(m.group(1), ":"):
            out[local] = f"{m.group(2)}.{member}"
    for m in re.finditer(rf"import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s+as\s+([\w$]+)\s*)?(?:\{{([^}}]*)\}}\s*)?from\s*{q}",
                         text):
        mod = m.group(4)
        for local in (m.group(1), m.group(2)):
            if local:
                out[local] = mod
        for member, local in _bindings(m.group(3) or "", " as "):
            out[local] = f"{mod}.{member}"
    for m in re.finditer(r"(?:const|let|var)\s+([\w$]+)\s*=\s*(?:util\.)?promisify\(\s*([\w$.]+)\s*\)", text):
        target = _js_canonical(m.group(2), out)
        if "." in target or target in out.values():
            out[m.group(1)] = target  # `const run = promisify(exec)`: the same sink, awaited
    return {k: v for k, v in out.items() if not v.startswith(".") or "/" not in v}


def _bindings(body: str, sep: str) -> list[tuple[str, str]]:
    pairs = []
    for piece in body.split(","):
        piece = piece.strip()
        if not piece or piece.startswith("..."):
            continue
        member, _, local = piece.partition(sep)
        member, local = member.strip(), (local.strip() or member.strip())
        if re.fullmatch(r"[\w$]+", member) and re.fullmatch(r"[\w$]+", local):
            pairs.append((member, local))
    return pairs


def _js_canonical(callee: str, imports: dict[str, str]) -> str:
    head, dot, rest = callee.partition(".")
    if head in imports:
        return imports[head] + (dot + rest if dot else "")
    return callee


def _message_listener(func: SgNode) -> bool:
    """``window.addEventListener('message', (event) => ...)`` / ``window.onmessage = function (e) ...``."""
    parent = func.parent()
    if parent is not None and parent.kind() == "arguments":
        call = parent.parent()
        callee = call.field("function") if call is not None else None
        first = next((c for c in parent.children() if c.is_named()), None)
        return bool(callee is not None and callee.text().endswith("addEventListener") and first is not None
                    and first.text().strip("'\"`") == "message")
    if parent is not None and parent.kind() == "assignment_expression":
        left = parent.field("left")
        return left is not None and left.text().endswith("onmessage")
    return False


def _method_name(call: SgNode) -> SgNode:
    """The method name of ``a.b().c(...)``: in a chain spread over lines, the line to report."""
    func = call.field("function")
    prop = func.field("property") if func is not None and func.kind() == "member_expression" else None
    return prop if prop is not None else call


def _callee(node: SgNode, language: str) -> str:
    if language == "java":
        obj = node.field("object")
        name = node.field("name")
        return ((obj.text() + ".") if obj is not None else "") + (name.text() if name else "")
    func = node.field("function")
    return re.sub(r"\s+", "", func.text()) if func is not None else ""


def _args(node: SgNode) -> list[str]:
    args = node.field("arguments")
    if args is None:
        return []
    return [c.text() for c in args.children() if c.is_named() and c.kind() not in {"comment"}]


#: Parameter declarations whose type holds no text (numbers, booleans, times, UUIDs).
_SCALAR_PARAM = {
    # numbers, times, and the application / configuration object handed around instead of a receiver
    "go": _S(r"^\s*[\w, ]+\s+\*?(u?int(8|16|32|64)?|float(32|64)|bool|time\.(Duration|Time)|uuid\.UUID|"
             r"(\w+\.)?(App|Application|Config|Configuration|Cfg|Settings|Env))\s*$"),
    "java": _S(r"^\s*(@\w+(\([^)]*\))?\s+)*(final\s+)?(int|long|short|byte|double|float|boolean|Integer|Long|Short|"
               r"Double|Float|Boolean|UUID|LocalDate|LocalDateTime|Instant|BigDecimal)\s+\w+\s*$"),
    "javascript": _S(r"(?!)"),
    "typescript": _S(r"^\s*[\w$]+\??\s*:\s*(number|boolean|bigint|Date)\s*(=.*)?$"),
    "python": _S(r"(?!)"),
}
#: A handler that declares a literal non-HTML body type (JSON, CSV, PEM, a raster image); XSS needs a
#: browser rendering the body as markup. SVG and XML types render markup and scripts, so they are not
#: here, nor is a type chosen at run time (an upload served back may well be HTML or SVG).
_NON_HTML_RESPONSE = _S(
    r"""Content-Type["']\s*,\s*(["'](application/(?!xhtml|xml|[\w.+-]*\+xml)|image/(?!svg)|"""
    r"""text/(plain|csv|css|calendar|event-stream)|"""
    r"""font/|audio/|video/))|\.(type|contentType)\(\s*(['"](json|text|txt|csv|png|pdf|"""
    r"""application/(?!xhtml|xml)|image/(?!svg)|text/plain))|"""
    r"""setContentType\(\s*("(application/(?!xhtml|xml)|image/(?!svg)|text/plain)|"""
    r"""MediaType\.(APPLICATION|IMAGE|TEXT_PLAIN))|@Produces\(\s*(MediaType\.APPLICATION|"application/)""")
_HTML_RESPONSE = _S(r"""text/html|TEXT_HTML|\.type\(\s*['"]html['"]""")
#: An SQL condition / ordering fragment (a comparison, a LIKE, IN, a sort direction) in builder text.
_SQL_FRAGMENT = _S(r"(?i)\s(=|<>|!=|<|>|like|in|is|between)\s|\b(asc|desc)\b|\w\.\w+\s*=")
#: A Next.js App Router route handler: its second parameter's ``params`` are the URL's path segments.
_NEXT_ROUTE = _S(r"\s*(export\s+)?(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s*\(")
#: Parameter names that carry a post-login / post-action navigation target chosen by the user.
_NAVIGATION_PARAM = _S(r"(?i)parameter `(next|next_?url|return_?(url|to|path)|redirect(_?(url|uri|to|path))?|"
                       r"continue|callback_?url|back(_?url)?|goto|target_?url|dest(ination)?(_?url)?)`")
#: A variable named as SQL text: one of its words (split at `_` and camelCase) is sql / query / stmt /
#: statement / q (`getProfileSql`, `count_query`, `q`), optionally as a built string; `req`, `queue` or
#: `request` are not.
_SQL_WORDS_IN_NAME = frozenset({"sql", "query", "stmt", "statement", "q"})


class _SqlName:
    """``fullmatch(name)`` like a pattern: a truthy result when the name reads as SQL text."""

    @staticmethod
    def fullmatch(text: str) -> bool:
        m = re.fullmatch(r"([A-Za-z_$][\w$]*)(?:\.toString\(\)|\.String\(\))?", text.strip())
        if m is None:
            return False
        words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", m.group(1))
        return any(w.lower() in _SQL_WORDS_IN_NAME for w in words)


_SQL_NAME = _SqlName()
#: An argument that reads as a URL (its name, a scheme in its text, or a URL value's String()).
_URLISH = _S(r"(?i)url|uri|endpoint|link|href|addr|host|target|location|https?:|\.String\(\)")
#: Browser-side sources an attacker controls through a link (DOM XSS).
_BROWSER_SOURCE = _S(r"location|document\.(URL|documentURI|referrer|cookie)|window\.name|URLSearchParams|"
                     r"searchParams")
#: gorm methods whose first argument is SQL text (values are bound only through `?` arguments).
_GORM_SQL_METHODS = frozenset({"Where", "Or", "Not", "Order", "Having", "Joins", "Group", "Select", "Raw", "Exec",
                               "Pluck", "Distinct"})
#: Methods of database/sql, sqlx, pgx and gorm handles whose (first non-context) argument is SQL text.
_GO_SQL_METHODS = frozenset({
    "Query", "QueryRow", "Exec", "Prepare", "Raw", "QueryContext", "QueryRowContext", "ExecContext",
    "PrepareContext", "Select", "Get", "Where", "Queryx", "QueryRowx", "MustExec", "NamedExec",
    "SelectContext", "GetContext", "QueryxContext", "QueryRowxContext", "MustExecContext", "NamedExecContext",
    "NamedQuery", "NamedQueryContext", "Preparex", "PreparexContext"})
_GORM = _S(r'"(gorm\.io/gorm|github\.com/jinzhu/gorm)"')
#: Path-building calls whose first argument is the base directory.
_JOIN_CALL = _S(r"(?:filepath\.Join|path\.Join|path\.join|path\.resolve|Paths\.get|Path\.of|os\.path\.join)\s*\(")
#: ``NAME[key]`` / ``NAME.get(key)`` / ``NAME.getOrDefault(key, ...)``: a look-up in a named map.
_LOOKUP = _S(r"([A-Za-z_$][\w$]*)(?:\[[^\[\]]+\]|\.(?:get|getOrDefault)\([^()]*\))")
_MUTATORS = _S(r"\.\s*(append|add|push|unshift|insert|concat|WriteString|WriteByte|WriteRune|Write|write|extend|"
               r"addAll|put)\s*\(")


def _mutation_args(name: str, lines: list[str]) -> list[str]:
    """Arguments of builder / container calls on ``name`` in ``lines`` (chains included)."""
    out: list[str] = []
    fprintf = re.compile(rf"\bfmt\.Fprintf?\(\s*&?{re.escape(name)}\s*,")
    start = re.compile(rf"(?<![\w$.]){re.escape(name)}(?=\s*\.)")
    for text in lines:
        if name not in text:
            continue
        for m in fprintf.finditer(text):
            inner = _balanced(text, m.start() + m.group(0).index("("))
            out.extend(_split_commas(inner)[1:])
        for m in start.finditer(text):
            pos = m.end()
            while True:
                link = _MUTATORS.match(text, pos)
                if link is None:
                    nxt = re.compile(r"\.\s*\w+\s*\(").match(text, pos)  # a chained non-mutating call
                    if nxt is None:
                        break
                    inner = _balanced(text, nxt.end() - 1)
                    pos = nxt.end() + len(inner) + 1
                    continue
                inner = _balanced(text, link.end() - 1)
                out.append(inner)
                pos = link.end() + len(inner) + 1
    return out


def _balanced(text: str, open_index: int) -> str:
    """The text inside the parentheses opening at ``open_index`` (to the line end if unclosed)."""
    depth = 0
    quote = ""
    for i in range(open_index, len(text)):
        ch = text[i]
        if quote:
            if ch == "\\":
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[open_index + 1:i]
    return text[open_index + 1:]


def _file_maps(text: str) -> set[str]:
    """Maps / objects declared at file level (or static final in Java) with literal entries: a
    look-up in them returns one of their values, never the key that chose it."""
    out = set()
    for m in re.finditer(r"^(?:var|const|let|export const)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*"
                         r"(?:map\[[^\]]+\][\w.*\[\]]+\s*\{|\{|new Map\(|Object\.freeze\(\{)", text, re.MULTILINE):
        out.add(m.group(1))
    for m in re.finditer(r"\bstatic\s+final\s+(?:Map|Set|List)<[^=]*>\s+(\w+)\s*=\s*(?:Map|Set|List)\.of", text):
        out.add(m.group(1))
    return out


def _functions(root: SgNode, kinds: tuple[str, ...]) -> list[SgNode]:
    """Every function node under ``root`` (kinds a grammar does not know are skipped)."""
    out: list[SgNode] = []
    for kind in kinds:
        try:
            out.extend(root.find_all(kind=kind))
        except RuntimeError:  # e.g. "function" is a kind name only in older JavaScript grammars
            continue
    return out


def _split_params(params: SgNode) -> list[str]:
    return [c.text() for c in params.children() if c.is_named() and c.kind() != "comment"]


def _file_constants(text: str) -> set[str]:
    """File-level string/number constants and imported module names: never request data."""
    out = set()
    for m in re.finditer(r'^\s*(?:import\s+)?(?:(\w+)\s+)?"[\w./-]*?(\w+)"\s*$', text, re.MULTILINE):  # Go imports
        out.add(m.group(1) or m.group(2))
    for m in re.finditer(r"(?:const|let|var|import)\s+(\w+)\s*(?:=\s*require\(|from\s)", text):
        out.add(m.group(1))
    for m in re.finditer(r"import\s+\*\s+as\s+(\w+)", text):
        out.add(m.group(1))
    for m in re.finditer(r"""(?:const|final|static final [\w<>]+|var)\s+([A-Za-z_$][\w$]*)\s*(?:[:=]|\s)\s*=?\s*"""
                         r"""("[^"\n]*"|'[^'\n]*'|\d+)\s*;?\s*$""", text, re.MULTILINE):
        out.add(m.group(1))
    for m in re.finditer(r"^\s*(?:const\s+)?([A-Za-z_]\w*)\s*(?:string\s*)?=\s*(\"[^\"\n]*\"|`[^`\n]*`)\s*$",
                         text, re.MULTILINE):
        out.add(m.group(1))
    return out


def _may_assign(text: str, name: str) -> bool:
    """Whether ``name`` occurs in ``text`` followed by an assignment operator or a type annotation
    (``x =``, ``x +=``, ``x :=``, ``x: T =``, ``a, x =``): the cheap test before the exact pattern."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before in "_$"):
            rest = text[end:].lstrip()
            if rest[:1] in {":", ","} or (rest[:1] == "=" and rest[1:2] != "=") or rest[:2] == "+=":
                return True
        start = text.find(name, end)
    return False


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _continued(rhs: str, lines: list[str], index: int) -> str:
    """An assignment whose right-hand side runs over several lines (Sprintf, builders)."""
    text = rhs
    for extra in lines[index + 1:index + 16]:
        if _balance(text) <= 0 and text.count("`") % 2 == 0:
            break
        text += "\n" + extra
    return text


def _balance(text: str) -> int:
    code = _STRING.sub('""', text)
    return sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")


def _blank_strings(line: str) -> str:
    """Same length, string contents replaced by spaces (so `WHERE id = ` is not an assignment)."""
    return _STRING.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], line)


def _strip_strings_keep_templates(expr: str) -> str:
    """Drop string literal text (but keep `${...}` template holes, which are code)."""
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if s.startswith("`"):
            return " ".join(re.findall(r"\$\{([^}]*)\}", s)) or '""'
        return '""'
    return _STRING.sub(repl, expr)


def _is_built(expr: str) -> bool:
    code = _STRING.sub(lambda m: "`${}`" if "${" in m.group(0) else '""', expr)
    return ("${" in code or bool(re.search(r"[^+]\+[^+=]|\"\"\s*%\s*[\w(]", code)) or bool(re.search(
        r"\b(fmt\.Sprintf|String\.format|\.format\(|\.concat\(|\.join\(|strings\.Join|format\(|\.replace\(|"
        r"StringBuilder|\.append\(|path\.join|filepath\.Join|path\.resolve|Paths\.get)", code)))


def _strip_wrappers(expr: str) -> str:
    """Drop what does not change the value: `await`, type assertions, `new String(...)`, parens."""
    expr = expr.strip().rstrip(";").strip()
    expr = re.sub(r"^await\s+", "", expr)
    expr = re.sub(r"\s+as\s+[\w.<>\[\]| ]+$", "", expr)  # TS `x as string`
    expr = re.sub(r"!$", "", expr)  # TS non-null assertion
    while expr.startswith("(") and _matching_paren(expr) == len(expr) - 1:
        expr = expr[1:-1].strip()
    return expr


def _matching_paren(expr: str) -> int:
    depth = 0
    quote = ""
    for i, ch in enumerate(expr):
        if quote:
            if ch == quote and expr[i - 1] != "\\":
                quote = ""
            continue
        if ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _split_top(expr: str) -> tuple[list[str], bool]:
    """Top-level operands: ``a + b`` / template holes (building), ``c ? a : b`` / ``a ?? b`` / ``a || b``."""
    if expr.startswith("`") and expr.endswith("`") and "${" in expr:
        holes = _template_holes(expr)
        return holes, True
    depth = 0
    quote = ""
    plus: list[int] = []
    alt: list[tuple[int, int]] = []
    question = colon = -1
    i = 0
    while i < len(expr):
        ch = expr[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
            i += 1
            continue
        if ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0:
            two = expr[i:i + 2]
            if two in {"??", "||"}:
                alt.append((i, 2))
                i += 2
                continue
            if ch == "+" and two != "++" and expr[i - 1:i] not in {"+", "="} and expr[i + 1:i + 2] != "=":
                plus.append(i)
            elif ch == "?" and two != "?." and question < 0:
                question = i
            elif ch == ":" and question >= 0 and colon < 0:
                colon = i
        i += 1
    if question >= 0 and colon > question:
        return [expr[question + 1:colon], expr[colon + 1:]], False
    if alt:
        cuts = [0] + [p + n for p, n in alt]
        ends = [p for p, _ in alt] + [len(expr)]
        return [expr[a:b] for a, b in zip(cuts, ends)], False
    if plus:
        bounds = [0] + [p + 1 for p in plus]
        ends = plus + [len(expr)]
        return [expr[a:b] for a, b in zip(bounds, ends)], True
    return [expr], False


def _template_holes(expr: str) -> list[str]:
    holes: list[str] = []
    i = 0
    while True:
        start = expr.find("${", i)
        if start < 0:
            break
        depth = 0
        j = start + 1
        while j < len(expr):
            if expr[j] == "{":
                depth += 1
            elif expr[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        holes.append(expr[start + 2:j])
        i = j + 1
    return holes or [expr]


def _url_target(expr: str) -> str:
    """``new URL(target, base)``: the target decides where the URL points (a relative path stays
    on the base's host; an absolute one replaces it), so only the target is judged."""
    m = re.fullmatch(r"\s*new\s+URL\((.*)\)\s*", expr, re.DOTALL)
    if m is None:
        return expr
    parts = _split_commas(m.group(1))
    return parts[0] if len(parts) == 2 else expr


def _short(text: str) -> str:
    return text.rstrip("(")[:60]


def _cap(text: str) -> str:
    return (text[:1].upper() + text[1:]) if text else "Data"


#: Function names too common to bind a parameter to a call in another file.
_GENERIC_NAMES = frozenset({"get", "set", "run", "find", "load", "save", "send", "call", "apply", "init", "close",
                            "open", "read", "write", "handle", "process", "execute", "update", "delete", "create",
                            "render", "parse", "format", "String", "Error", "toString", "equals", "push", "then"})
#: Languages whose files see each other's calls within one review.
LANGUAGE_FAMILY = {"javascript": "js", "typescript": "js", "go": "go", "java": "java"}


def analyse_language(path: str, language: str, text: str, is_test: bool) -> list[RawFinding]:
    """Findings for one JS/TS/Go/Java file (empty for other languages)."""
    if language not in SPECS:
        return []
    return LangAnalysis(path, language, text, is_test).run()


def link_review(analyses: list[LangAnalysis]) -> None:
    """Let every file of one review bind helper parameters to the calls in its family's files.

    A helper in ``store.go`` whose caller in ``handlers.go`` passes ``r.FormValue(...)`` is then
    judged as request data (one tier up from a parameter), as if both were one file.
    """
    by_family: dict[str, list[LangAnalysis]] = {}
    for analysis in analyses:
        if analysis.language in LANGUAGE_FAMILY:
            by_family.setdefault(LANGUAGE_FAMILY[analysis.language], []).append(analysis)
    for members in by_family.values():
        if len(members) < 2:
            continue
        for analysis in members:
            analysis.prepare()
        for analysis in members:
            analysis.peers = [other for other in members if other is not analysis]
