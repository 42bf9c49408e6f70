"""Third tuning round: parameter-fed shells, temp paths by concatenation, secrets in logs, and more.

Each test pairs the defect with safe look-alikes that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

from tests.review.security.helpers import RANK, at_least, lang, on_line, py


# ---- 1. caller input straight into a shell / eval ---------------------------------------------


def test_public_parameter_into_shell_or_eval_is_high(tmp_path: Path) -> None:
    src = (
        "import os\n"
        "import subprocess\n"
        "def do_os_system(command):\n"
        "    return os.system(command)\n"
        "def do_popen(cmd):\n"
        "    return subprocess.Popen(cmd, shell=True)\n"
        "def do_eval(code):\n"
        "    return eval(code)\n"
        "def _private_runner(cmd):\n"
        "    os.system(cmd)\n"
        "def run_hook(hook_path):\n"
        "    os.system(hook_path)\n"
        "def do_pickle(data):\n"
        "    import pickle\n"
        "    return pickle.loads(data)\n"
        "def read(path):\n"
        "    return open(path).read()\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 4, "command-injection", "high")
    assert at_least(found, 6, "command-injection", "high")
    assert at_least(found, 8, "code-injection", "high")
    # a shell of a value not proven safe blocks, whatever the helper or parameter is called
    assert at_least(found, 10, "command-injection", "high")
    assert at_least(found, 12, "command-injection", "high")
    # deserialization and open() of a parameter are normal library behaviour
    assert not on_line(found, 15, "medium")
    assert not on_line(found, 17)


# ---- 3. predictable /tmp names built with + ----------------------------------------------------


def test_tmp_path_by_concatenation_is_insecure_temp_file(tmp_path: Path) -> None:
    src = (
        "import json\n"
        "def dump(table, rows):\n"
        "    out = open('/tmp/' + table + '_dump.json', 'w')\n"
        "    json.dump(rows, out)\n"
        "def load(table):\n"
        "    return open('/tmp/' + table + '_dump.json').read()\n"
        "def save(base, table):\n"
        "    return open(base + '/tmp/' + table, 'w')\n"
        "def scratch(name):\n"
        "    import tempfile\n"
        "    return tempfile.NamedTemporaryFile(prefix=name)\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 3, "insecure-temp-file", "medium")
    assert not any(f[0] == 3 and f[1] == "path-traversal" for f in found)
    assert not on_line(found, 6, "medium")  # reading is not the race
    assert not any(f[1] == "insecure-temp-file" for f in found if f[0] in {8, 11})


# ---- 4. secrets written to logs ------------------------------------------------------------------


def test_password_or_token_written_to_log(tmp_path: Path) -> None:
    src = (
        "import logging\n"
        "logger = logging.getLogger('auth')\n"
        "def login(username, password, user, api_key, token_count):\n"
        "    logger.info('login user=%s password=%s', username, password)\n"
        "    print(f'reset token {user.reset_token}')\n"
        "    logger.error('bad key %s', api_key)\n"
        "    logger.info('password for %s changed', username)\n"
        "    logger.debug('tokens: %d', token_count)\n"
        "    print('missing password')\n"
        "    logger.info('hash=%s', user.password_hash)\n"
        "    print(self_total_token)\n"
    )
    found = py(src, tmp_path)
    for line in (4, 5, 6):
        assert at_least(found, line, "secret-in-log", "medium"), line
    assert not any(f[1] == "secret-in-log" for f in found if f[0] >= 7)


def test_password_logged_in_tests_is_info_only(tmp_path: Path) -> None:
    src = (
        "import logging\n"
        "log = logging.getLogger(__name__)\n"
        "def test_login(password):\n"
        "    log.info('pw %s', password)\n"
    )
    found = py(src, tmp_path, name="tests/test_login.py")
    assert not on_line(found, 4, "low")


def test_js_secret_passed_to_console_log() -> None:
    src = (
        "function login(user, req, email, session) {\n"
        "  console.log('login', user.name, req.body.password);\n"
        "  console.log(`token=${session.accessToken}`);\n"
        "  console.log('password reset sent to', email);\n"
        "  console.log('hash', user.passwordHash);\n"
        "  logger.info('PASSWORD_ENV missing', PASSWORD_ENV);\n"
        "}\n"
    )
    found = lang("javascript", src)
    assert at_least(found, 2, "secret-in-log", "medium")
    assert at_least(found, 3, "secret-in-log", "medium")
    assert not any(f[1] == "secret-in-log" for f in found if f[0] >= 4)


# ---- 5. literal credentials handed to database clients -----------------------------------------


def test_python_db_clients_with_literal_passwords(tmp_path: Path) -> None:
    src = (
        "import os\n"
        "import psycopg2\n"
        "import pymysql\n"
        "from sqlalchemy import create_engine\n"
        "a = psycopg2.connect(host='db', user='app', password='pass123')\n"
        "b = pymysql.connect(host='db', user='root', passwd='changeme')\n"
        "c = create_engine('postgresql://app:s3cret@db/app')\n"
        "d = psycopg2.connect(host='db', password=os.environ['PGPASSWORD'])\n"
        "e = create_engine('sqlite:///app.db')\n"
        "f = psycopg2.connect(host='db', password='')\n"
        "g = create_engine('postgresql://app@db/app')\n"
        "h = create_engine('postgresql://{user}:{pw}@db/app'.format(user=u, pw=p))\n"
    )
    found = py(src, tmp_path, name="src/db.py")
    for line in (5, 6, 7):
        assert at_least(found, line, "hardcoded-secret", "high"), line
    assert not any(f[1] == "hardcoded-secret" for f in found if f[0] >= 8)


def test_java_js_go_db_clients_with_literal_passwords() -> None:
    java = (
        "class Db {\n"
        "  Connection a() throws Exception { return DriverManager.getConnection(url, \"admin\", \"pass123\"); }\n"
        "  Connection b() throws Exception { return DriverManager.getConnection(url, user, System.getenv(\"PW\")); }\n"
        "  Connection c() throws Exception { return DriverManager.getConnection(url, \"sa\", \"\"); }\n"
        "}\n"
    )
    found = lang("java", java)
    assert at_least(found, 2, "hardcoded-secret", "high")
    assert not any(f[1] == "hardcoded-secret" for f in found if f[0] != 2)
    js = (
        "const a = mysql.createConnection({ host: 'db', user: 'root', password: 'pass123' });\n"
        "const b = mysql.createConnection({ host: 'db', user: 'root', password: process.env.DB_PASS });\n"
        "const c = mysql.createConnection({ host: 'db', user: 'root', password: '' });\n"
    )
    found = lang("javascript", js)
    assert at_least(found, 1, "hardcoded-secret", "high")
    assert not any(f[1] == "hardcoded-secret" for f in found if f[0] != 1)
    go = (
        "package main\n"
        "func open() {\n"
        "\tdb, _ := sql.Open(\"mysql\", \"root:pass123@tcp(127.0.0.1:3306)/app\")\n"
        "\tok, _ := sql.Open(\"mysql\", os.Getenv(\"DSN\"))\n"
        "\tok2, _ := sql.Open(\"mysql\", fmt.Sprintf(\"%s:%s@tcp(db)/app\", user, pass))\n"
        "\tok3, _ := sql.Open(\"mysql\", \"root@tcp(127.0.0.1:3306)/app\")\n"
        "}\n"
    )
    found = lang("go", go)
    assert at_least(found, 3, "hardcoded-secret", "high")
    assert not any(f[1] == "hardcoded-secret" for f in found if f[0] != 3)


# ---- 6. java.util.Random reported where it is created ---------------------------------------


def test_java_weak_random_reported_at_creation_too() -> None:
    src = (
        "import java.util.Random;\n"
        "public final class TokenService {\n"
        "    private final Random random = new Random();\n"
        "    public String newInviteToken() {\n"
        "        return Integer.toHexString(random.nextInt(16));\n"
        "    }\n"
        "}\n"
    )
    found = lang("java", src)
    assert at_least(found, 3, "weak-random", "medium")
    assert at_least(found, 5, "weak-random", "medium")
    safe = (
        "import java.util.Random;\n"
        "public final class Shuffler {\n"
        "    private final Random rnd = new Random();\n"
        "    public int pickColumn() {\n"
        "        return rnd.nextInt(16);\n"
        "    }\n"
        "}\n"
    )
    assert not any(f[1] == "weak-random" for f in lang("java", safe))


# ---- 7. argument injection into option-parsing tools ---------------------------------------------


def test_js_spawn_argument_injection() -> None:
    src = (
        "const { spawn, execFile } = require('child_process');\n"
        "router.post('/mirror', (req, res) => {\n"
        "  spawn('git', ['clone', '--depth', '1', req.body.repo, '/srv/m']);\n"
        "  spawn('git', ['clone', '--', req.body.repo, '/srv/m']);\n"
        "  spawn('node', ['worker.js', req.body.repo]);\n"
        "  spawn('git', ['status', '--porcelain']);\n"
        "  execFile('curl', ['-s', req.query.url], () => {});\n"
        "});\n"
    )
    found = lang("javascript", src)
    assert at_least(found, 3, "argument-injection", "medium")
    assert at_least(found, 7, "argument-injection", "medium")
    assert not any(f[1] == "argument-injection" for f in found if f[0] in {4, 5, 6})


# ---- 8. psycopg2 safe SQL composition -----------------------------------------------------------


def test_psycopg_sql_composition_is_not_injection(tmp_path: Path) -> None:
    src = (
        "import psycopg2\n"
        "from psycopg2 import sql\n"
        "from flask import request\n"
        "from sqlalchemy import text\n"
        "def purge(cur):\n"
        "    table = request.args['table']\n"
        "    stmt = sql.SQL('DELETE FROM {} WHERE tenant_id = %s').format(sql.Identifier(table))\n"
        "    cur.execute(stmt, (1,))\n"
        "    cur.execute(sql.SQL('SELECT {} FROM t').format(sql.Literal(table)))\n"
        "    cur.execute(text('SELECT * FROM t WHERE name = :name'), {'name': table})\n"
        "    cur.execute(sql.SQL('DELETE FROM ' + table))\n"
        "    cur.execute('DELETE FROM ' + table)\n"
        "    cur.execute(text(\"SELECT * FROM t WHERE name = '\" + table + \"'\"))\n"
    )
    found = py(src, tmp_path)
    assert not any(f[1] == "sql-injection" for f in found if f[0] <= 10)
    for line in (11, 12, 13):
        assert at_least(found, line, "sql-injection", "high"), line


# ---- 2. Falcon, Sanic and Quart -------------------------------------------------------------------


def test_falcon_html_body_from_request_is_xss(tmp_path: Path) -> None:
    src = (
        "import falcon\n"
        "class Greeting:\n"
        "    def on_get(self, req, resp):\n"
        "        who = req.get_param('who') or 'guest'\n"
        "        resp.content_type = falcon.MEDIA_HTML\n"
        "        resp.text = '<p>Welcome back, ' + who + '</p>'\n"
        "    async def on_post(self, req, resp):\n"
        "        body = await req.get_media()\n"
        "        resp.text = '<h1>' + body['title'] + '</h1>'\n"
        "class Safe:\n"
        "    def on_get(self, req, resp):\n"
        "        who = req.get_param('who') or 'guest'\n"
        "        resp.media = {'greeting': 'Welcome back, ' + who}\n"
        "        resp.text = 'static page'\n"
        "        resp.text = '<p>Welcome back</p>'\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 6, "xss", "medium")
    assert at_least(found, 9, "xss", "medium")
    assert not any(f[1] == "xss" for f in found if f[0] >= 10)


def test_sanic_file_and_html_sinks(tmp_path: Path) -> None:
    src = (
        "import os\n"
        "from sanic import Sanic, response\n"
        "app = Sanic('exports')\n"
        "EXPORT_DIR = '/srv/exports'\n"
        "@app.get('/exports')\n"
        "async def download(request):\n"
        "    target = os.path.join(EXPORT_DIR, request.args.get('sub', ''))\n"
        "    return await response.file(target)\n"
        "@app.get('/hi')\n"
        "async def hi(request):\n"
        "    return response.html('<p>' + request.args.get('n', '') + '</p>')\n"
        "@app.get('/static')\n"
        "async def static(request):\n"
        "    return await response.file(os.path.join(EXPORT_DIR, 'index.html'))\n"
        "@app.get('/safe')\n"
        "async def safe(request):\n"
        "    return response.html('<p>hello</p>')\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 8, "path-traversal", "high")
    assert at_least(found, 11, "xss", "medium")
    assert not {f for f in found if f[0] >= 12 and RANK[f[2]] >= RANK["medium"]}


def test_quart_async_request_into_template(tmp_path: Path) -> None:
    src = (
        "from quart import Quart, render_template_string, render_template, request\n"
        "app = Quart(__name__)\n"
        "@app.get('/receipt')\n"
        "async def receipt():\n"
        "    footer = request.args.get('footer', 'Thanks!')\n"
        "    return await render_template_string('<footer>' + footer + '</footer>')\n"
        "@app.post('/note')\n"
        "async def note():\n"
        "    form = await request.form\n"
        "    return await render_template_string('<p>' + form['text'] + '</p>')\n"
        "@app.get('/ok')\n"
        "async def ok():\n"
        "    footer = request.args.get('footer', 'Thanks!')\n"
        "    return await render_template_string('<footer>{{ f }}</footer>', f=footer)\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 6, "template-injection", "high")
    assert at_least(found, 10, "template-injection", "high")
    assert not any(f[1] == "template-injection" for f in found if f[0] >= 11)


# ---- a generated secret hashed with a broken hash --------------------------------------------------


def test_md5_of_generated_secret_is_weak_hash(tmp_path: Path) -> None:
    src = (
        "import hashlib\n"
        "import secrets\n"
        "def issue(owner):\n"
        "    key = secrets.token_urlsafe(32)\n"
        "    stored = hashlib.md5(key.encode()).hexdigest()\n"
        "    good = hashlib.sha256(key.encode()).hexdigest()\n"
        "    etag = hashlib.md5(owner.encode()).hexdigest()\n"
        "    return stored, good, etag\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 5, "weak-hash", "medium")
    assert not on_line(found, 6) and not on_line(found, 7)


# ---- 9. lxml default parser on caller input --------------------------------------------------------


def test_lxml_default_parser_on_caller_input(tmp_path: Path) -> None:
    src = (
        "from lxml import etree\n"
        "def do_fromstring(user_input):\n"
        "    return etree.fromstring(user_input)\n"
        "def load_config(config_path):\n"
        "    return etree.parse(config_path)\n"
        "def _parse(data):\n"
        "    return etree.fromstring(data)\n"
        "def safe(user_input):\n"
        "    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "    return etree.fromstring(user_input, parser)\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 3, "xxe", "medium")
    assert not any(f[1] == "xxe" for f in found if f[0] != 3)
