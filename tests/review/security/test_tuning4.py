"""Fourth tuning round: placeholder provider secrets, response header injection.

Each test pairs the defect with safe look-alikes that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

from tests.review.security.helpers import at_least, lang, on_line, py

# ---- placeholder webhook / provider secrets --------------------------------------------------


def test_placeholder_provider_tokens_are_quiet_real_ones_are_not(tmp_path: Path) -> None:
    src = (
        'SLACK_HOOK = "https://hooks.slack.com/services/T000/B000/relay"\n'
        'SLACK_DOC = "https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"\n'
        'AWS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\n'
        'SLACK_ZERO = "https://hooks.slack.com/services/T00000000/B00000000/000000000000000000000000"\n'
        'SLACK_REAL = "https://hooks.slack.com/services/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"\n'
        'AWS_REAL = "AKIAQ3EGRTY7V5NXWK2P"\n'
    )
    found = py(src, tmp_path)
    for line in (1, 2, 3, 4):
        assert not on_line(found, line), (line, found)
    assert on_line(found, 5, "high"), found
    assert on_line(found, 6, "high"), found


# ---- response header injection (CWE-113) -----------------------------------------------------


def test_java_request_data_in_response_header(tmp_path: Path) -> None:
    src = (
        "import javax.servlet.http.*;\n"
        "public class DownloadServlet extends HttpServlet {\n"
        "    protected void doGet(HttpServletRequest request, HttpServletResponse response) {\n"
        "        String name = request.getParameter(\"file\");\n"
        "        response.setHeader(\"Content-Disposition\", \"attachment; filename=\" + name);\n"
        "        response.addHeader(\"Set-Cookie\", \"lang=\" + request.getParameter(\"lang\"));\n"
        "        response.setHeader(\"Cache-Control\", \"no-store\");\n"
        "        response.setHeader(\"X-Request-Id\", java.util.UUID.randomUUID().toString());\n"
        "        response.setHeader(\"Content-Length\", String.valueOf(name.length()));\n"
        "    }\n"
        "    void helper(HttpServletResponse response, String etag) {\n"
        "        response.setHeader(\"ETag\", etag);\n"
        "    }\n"
        "}\n"
    )
    found = lang("java", src)
    assert {f for f in on_line(found, 5, "medium") if f[1] == "header-injection"}, found
    assert at_least(found, 6, "header-injection", "high"), found
    for line in (7, 8, 9, 12):
        assert not {f for f in on_line(found, line) if f[1] == "header-injection"}, (line, found)


def test_js_request_data_in_response_header() -> None:
    src = (
        "app.get('/dl', (req, res) => {\n"
        "  res.setHeader('Content-Disposition', 'attachment; filename=' + req.query.name);\n"
        "  res.setHeader('Content-Type', 'application/pdf');\n"
        "  res.setHeader('X-Count', String(items.length));\n"
        "  const headers = new Map();\n"
        "  headers.set('x-name', req.query.name);\n"
        "  res.send('ok');\n"
        "});\n"
    )
    found = lang("javascript", src)
    assert at_least(found, 2, "header-injection", "medium"), found
    for line in (3, 4, 6):
        assert not {f for f in on_line(found, line) if f[1] == "header-injection"}, (line, found)


# ---- credentials inside connection-string literals ------------------------------------------


def test_password_inside_connection_string_literal(tmp_path: Path) -> None:
    src = (
        "import os\n"
        "import psycopg\n"
        'CONN_INFO = "host=orders.rds.amazonaws.com dbname=orders user=lambda password=Xk29!vQp7Lr"\n'
        'TEMPLATE = "host={host} dbname=orders user=lambda password={password}"\n'
        'LOCAL_URL = "postgresql://postgres:postgres@localhost:5432/test"\n'
        'ENV_URL = os.environ.get("DATABASE_URL", "postgresql://app@db/app")\n'
        'FMT = "postgresql://%s:%s@%s/app"\n'
        "def connect():\n"
        '    return psycopg.connect("postgresql://app:R7vq2LmZ8k@db.internal:5432/app")\n'
        "def connect_env():\n"
        '    return psycopg.connect(f"postgresql://app:{os.environ[\'PW\']}@db/app")\n'
        "def odbc(pyodbc):\n"
        '    return pyodbc.connect("Driver={ODBC Driver 18};Server=sql1;Uid=sa;Pwd=Str0ng!Pass;")\n'
        'MESSAGE = "set password= in your config"\n'
    )
    found = py(src, tmp_path)
    assert at_least(found, 3, "hardcoded-secret", "high"), found
    assert at_least(found, 9, "hardcoded-secret", "high"), found
    assert at_least(found, 13, "hardcoded-secret", "high"), found
    for line in (4, 5, 6, 7, 11, 14):
        assert not on_line(found, line, "medium"), (line, found)


def test_connection_string_password_in_tests_is_info(tmp_path: Path) -> None:
    src = 'DSN = "host=db user=app password=Xk29vQp7Lr"\n'
    found = py(src, tmp_path, name="tests/test_db.py")
    assert not on_line(found, 1, "low"), found


# ---- temp paths: the content written is data, the path is not -------------------------------


def test_temp_directory_paths_are_not_caller_data(tmp_path: Path) -> None:
    src = (
        "import tempfile\n"
        "from pathlib import Path\n"
        "def render(html: str, job_id: int) -> bytes:\n"
        '    with tempfile.TemporaryDirectory(prefix=f"render-{job_id}-") as work:\n'
        '        src = Path(work) / "page.html"\n'
        "        src.write_text(html)\n"
        "        return src.read_bytes()\n"
        "def save(content: str) -> None:\n"
        '    Path("/var/lib/app/report.txt").write_text(content)\n'
        "def export(html: str, name: str) -> None:\n"
        "    with tempfile.TemporaryDirectory() as work:\n"
        "        (Path(work) / name).write_text(html)\n"
        "def under(base: str, html: str) -> None:\n"
        "    work = tempfile.mkdtemp(dir=base)\n"
        '    (Path(work) / "x.html").write_text(html)\n'
    )
    found = py(src, tmp_path)
    for line in (6, 7, 9):
        assert not on_line(found, line, "medium"), (line, found)
    assert at_least(found, 12, "path-traversal", "medium"), found
    assert at_least(found, 15, "path-traversal", "medium"), found


def test_python_request_data_in_response_header(tmp_path: Path) -> None:
    src = (
        "from flask import Flask, request, make_response\n"
        "app = Flask(__name__)\n"
        "@app.route('/dl')\n"
        "def download():\n"
        "    response = make_response(b'data')\n"
        "    name = request.args.get('name', 'file')\n"
        "    response.headers['Content-Disposition'] = 'attachment; filename=' + name\n"
        "    response.headers['Set-Cookie'] = 'lang=' + request.args['lang']\n"
        "    response.headers['Content-Type'] = 'application/pdf'\n"
        "    response.headers['X-Count'] = str(len(name))\n"
        "    cache = {}\n"
        "    cache['k'] = request.args['k']\n"
        "    return response\n"
        "def helper(response, etag):\n"
        "    response.headers['ETag'] = etag\n"
        "    return response\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 7, "header-injection", "medium"), found
    assert at_least(found, 8, "header-injection", "high"), found
    for line in (9, 10, 12, 15):
        assert not {f for f in on_line(found, line) if f[1] == "header-injection"}, (line, found)


def test_connection_string_literal_in_java_and_js() -> None:
    java = (
        "import java.sql.*;\n"
        "class Db {\n"
        "    Connection open() throws SQLException {\n"
        "        return DriverManager.getConnection(\"jdbc:sqlserver://db1;user=sa;password=Str0ngPa55\");\n"
        "    }\n"
        "    Connection env() throws SQLException {\n"
        "        return DriverManager.getConnection(System.getenv(\"DB_URL\"));\n"
        "    }\n"
        "    Connection tmpl() throws SQLException {\n"
        "        return DriverManager.getConnection(\"jdbc:postgresql://db/app?password=${DB_PASSWORD}\");\n"
        "    }\n"
        "}\n"
    )
    found = lang("java", java)
    assert at_least(found, 4, "hardcoded-secret", "high"), found
    assert not on_line(found, 7) and not on_line(found, 10), found
    js = (
        "const { MongoClient } = require('mongodb');\n"
        "const a = new MongoClient('mongodb://app:q8Zr2vLx9p@mongo.internal:27017/app');\n"
        "const b = new MongoClient('mongodb://localhost:27017/app');\n"
        "const c = new MongoClient(`mongodb://app:${process.env.PW}@mongo/app`);\n"
    )
    found = lang("javascript", js)
    assert at_least(found, 2, "hardcoded-secret", "high"), found
    assert not on_line(found, 3) and not on_line(found, 4), found
