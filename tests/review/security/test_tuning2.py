"""Second tuning round: framework sources/sinks, module aliases, sink lines and noise removals.

Each test pairs the defect with a safe look-alike that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

from tests.review.security.helpers import RANK, at_least, lang, medium_plus, py


# ---- Python frameworks --------------------------------------------------------------------------


def test_pyramid_and_sanic_redirects_from_request_params(tmp_path: Path) -> None:
    pyramid = (
        "from pyramid.httpexceptions import HTTPFound\n"
        "from pyramid.view import view_config\n"
        "@view_config(route_name='logout')\n"
        "def logout(request):\n"
        "    return HTTPFound(location=request.params.get('next', '/'))\n"
        "@view_config(route_name='home')\n"
        "def home(request):\n"
        "    return HTTPFound(location=request.route_url('home'))\n"
    )
    found = py(pyramid, tmp_path)
    assert at_least(found, 5, "open-redirect", "medium")
    assert not any(f[0] == 8 for f in found)
    sanic = (
        "from sanic import Sanic, redirect\n"
        "app = Sanic('sso')\n"
        "@app.get('/cb')\n"
        "async def cb(request):\n"
        "    return redirect(request.args.get('return_to', '/home'))\n"
        "@app.get('/out')\n"
        "async def out(request):\n"
        "    return redirect('/home')\n"
    )
    found = py(sanic, tmp_path, "sso.py")
    assert at_least(found, 5, "open-redirect", "medium") and not any(f[0] == 8 for f in found)


def test_tornado_fetch_is_ssrf_and_bottle_template_is_ssti(tmp_path: Path) -> None:
    tornado = (
        "from tornado.httpclient import AsyncHTTPClient\n"
        "from tornado.web import RequestHandler\n"
        "class Proxy(RequestHandler):\n"
        "    async def get(self):\n"
        "        target = self.get_query_argument('src')\n"
        "        resp = await AsyncHTTPClient().fetch(target)\n"
        "        fixed = await AsyncHTTPClient().fetch('https://cdn.example.com/' + target)\n"
        "        self.write(resp.body)\n"
    )
    found = py(tornado, tmp_path)
    assert at_least(found, 6, "ssrf", "high")
    assert not any(f[0] in {7, 8} and RANK[f[2]] >= 2 for f in found)
    bottle = (
        "from bottle import request, route, template\n"
        "@route('/card')\n"
        "def card():\n"
        "    text = request.query.getunicode('text', 'hi')\n"
        "    bad = template('<div>' + text + '</div>')\n"
        "    return template('<div>{{text}}</div>', text=text)\n"
    )
    found = py(bottle, tmp_path, "card.py")
    assert at_least(found, 5, "template-injection", "high") and not any(f[0] == 6 for f in found)


def test_lambda_event_is_a_request_source(tmp_path: Path) -> None:
    src = (
        "import subprocess\n"
        "def lambda_handler(event, context):\n"
        "    host = event['queryStringParameters']['host']\n"
        "    subprocess.run('ping -c1 ' + host, shell=True)\n"
        "    subprocess.run(['ping', '-c1', host])\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 4, "command-injection", "high") and not any(f[0] == 5 for f in found)


# ---- Python crypto / temp / yaml ------------------------------------------------------------------


def test_getpass_password_hashed_with_sha1(tmp_path: Path) -> None:
    src = (
        "import getpass, hashlib\n"
        "def main():\n"
        "    pw = getpass.getpass()\n"
        "    digest = hashlib.sha1(pw.encode()).hexdigest()\n"
        "    etag = hashlib.sha1(open('a.css', 'rb').read()).hexdigest()\n"
        "    return digest, etag\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 4, "weak-password-hash", "high")
    assert not any(f[0] == 5 and f[1] == "weak-password-hash" for f in found)


def test_predictable_tmp_path_is_cwe_377_not_path_traversal(tmp_path: Path) -> None:
    src = (
        "from celery import shared_task\n"
        "import tempfile\n"
        "@shared_task\n"
        "def spool(job_id: int, rows: list) -> None:\n"
        "    path = '/tmp/export-%d.csv' % job_id\n"
        "    with open(path, 'w') as fh:\n"
        "        fh.write(str(rows))\n"
        "    with tempfile.NamedTemporaryFile('w', delete=False) as tmp:\n"
        "        tmp.write(str(rows))\n"
    )
    found = py(src, tmp_path, "tasks.py")
    assert at_least(found, 6, "insecure-temp-file", "medium")
    assert not any(f[1] == "path-traversal" for f in found)
    assert not any(f[0] in {8, 9} for f in found)


def test_unsafe_yaml_loader_on_a_passed_stream_is_high(tmp_path: Path) -> None:
    src = (
        "import yaml\n"
        "def load(path):\n"
        "    with open(path) as fh:\n"
        "        return yaml.load(fh, Loader=yaml.Loader)\n"
        "def load_safe(path):\n"
        "    with open(path) as fh:\n"
        "        return yaml.load(fh, Loader=yaml.SafeLoader)\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 4, "unsafe-deserialization", "high") and not any(f[0] == 7 for f in found)


def test_literal_hmac_key_and_non_constant_time_comparison(tmp_path: Path) -> None:
    src = (
        "import hashlib, hmac\n"
        "def verify(secret: bytes, body: bytes, signature: str) -> bool:\n"
        "    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()\n"
        "    return expected == signature\n"
        "def verify_ok(secret: bytes, body: bytes, signature: str) -> bool:\n"
        "    expected = hmac.new(secret, body, hashlib.sha256).hexdigest()\n"
        "    return hmac.compare_digest(expected, signature)\n"
        "def mac(body: bytes) -> str:\n"
        "    return hmac.new(b'k3y-Th4t-is-hard-coded', body, hashlib.sha256).hexdigest()\n"
        "def same(a, b, mac_address, device_mac, token, kind):\n"
        "    return a.digest == b.digest or mac_address == device_mac or token.type == kind or signature is None\n"
    )
    found = py(src, tmp_path)
    assert at_least(found, 4, "timing-attack", "medium")
    assert at_least(found, 9, "hardcoded-secret", "high")
    assert not any(f[1] == "timing-attack" and f[0] in {7, 11} for f in found)


# ---- Python noise ---------------------------------------------------------------------------------


def test_fetch_helper_and_own_cache_files_are_not_alarms(tmp_path: Path) -> None:
    src = (
        "import marshal, pickle, httpx\n"
        "from os import path\n"
        "def fetch(url: str) -> bytes:\n"
        "    return httpx.get(url, timeout=10.0).content\n"
        "class Cache:\n"
        "    def _name(self, bucket):\n"
        "        return path.join(self.directory, self.pattern % bucket.key)\n"
        "    def load(self, f):\n"
        "        return marshal.load(f), pickle.load(f)\n"
        "    def dump(self, bucket):\n"
        "        with open(self._name(bucket), 'wb') as fh:\n"
        "            fh.write(b'x')\n"
    )
    assert medium_plus(py(src, tmp_path, "cache.py")) == set()


def test_request_data_into_pickle_stays_critical(tmp_path: Path) -> None:
    src = (
        "import pickle\nfrom flask import Flask, request\napp = Flask(__name__)\n"
        "@app.post('/restore')\n"
        "def restore():\n"
        "    return str(pickle.loads(request.get_data()))\n"
    )
    assert at_least(py(src, tmp_path), 6, "unsafe-deserialization", "critical")


# ---- JavaScript -----------------------------------------------------------------------------------


def test_js_destructured_and_aliased_module_sinks() -> None:
    text = (
        "const { exec: run, execFile } = require('child_process');\n"
        "import { evaluate } from 'mathjs';\n"
        "const serialize = require('node-serialize');\n"
        "function h(req, res) {\n"
        "  const fmt = req.body.format;\n"
        "  run('report --format ' + fmt);\n"
        "  res.json({ v: evaluate(req.body.eqn) });\n"
        "  const o = serialize.unserialize(req.body.data);\n"
        "  execFile('report', ['--format', fmt]);\n"
        "  res.json({ v: evaluate('1 + 2') });\n"
        "}\n"
    )
    found = lang("javascript", text)
    assert at_least(found, 6, "command-injection", "critical")
    assert at_least(found, 7, "code-injection", "high")
    assert at_least(found, 8, "unsafe-deserialization", "critical")
    assert not any(f[0] in {9, 10} for f in found)


def test_js_literal_signing_keys_and_timing_comparison() -> None:
    text = (
        "const jwt = require('jsonwebtoken');\n"
        "const crypto = require('crypto');\n"
        "function check(req, token) {\n"
        "  jwt.verify(token, 'changeme-dev-secret-2024', { algorithms: ['HS256'] });\n"
        "  jwt.verify(token, process.env.JWT_KEY, { algorithms: ['HS256'] });\n"
        "  const signature = req.headers['x-signature'];\n"
        "  const expected = crypto.createHmac('sha256', process.env.KEY).update(req.body).digest('hex');\n"
        "  if (expected === signature) { return true; }\n"
        "  if (signature.length === 64 || signature === undefined) { return false; }\n"
        "  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));\n"
        "}\n"
    )
    found = lang("javascript", text)
    assert at_least(found, 4, "hardcoded-secret", "high") and not any(f[0] == 5 for f in found)
    assert at_least(found, 8, "timing-attack", "medium")
    assert not any(f[1] == "timing-attack" and f[0] in {9, 10} for f in found)


def test_sequelize_where_is_not_nosql_but_mongo_object_is_medium() -> None:
    sequelize = "function h(req, res) {\n  db.Product.find({ where: { id: req.query.id } });\n}\n"
    assert lang("javascript", sequelize) == set()
    mongo = "function h(req, res) {\n  users.find({ user: req.body.user });\n}\n"
    assert (2, "nosql-injection", "medium") in lang("javascript", mongo)


# ---- Go -------------------------------------------------------------------------------------------


def test_go_gin_sinks_through_an_input_helper() -> None:
    text = (
        "package main\n"
        "import (\n\t\"net/http\"\n\t\"net/url\"\n\t\"github.com/gin-gonic/gin\"\n)\n"
        "func extractInput(c *gin.Context) string {\n"
        "\treturn c.Query(\"q\")\n"
        "}\n"
        "func h(c *gin.Context) {\n"
        "\tpayload := extractInput(c)\n"
        "\tswitch c.Param(\"type\") {\n"
        "\tcase \"safe\":\n"
        "\t\tpayload = url.QueryEscape(payload)\n"
        "\t}\n"
        "\tc.File(payload)\n"
        "\tc.Redirect(http.StatusFound, payload)\n"
        "\turl := \"http://example.com\"\n"
        "\tif payload != \"\" {\n"
        "\t\turl = \"http://\" + payload\n"
        "\t}\n"
        "\thttp.Get(url)\n"
        "\tc.Redirect(http.StatusFound, \"/home\")\n"
        "\thttp.Get(\"https://api.example.com/\" + url.PathEscape(payload))\n"
        "}\n"
    )
    found = lang("go", text)
    assert at_least(found, 16, "path-traversal", "high")
    assert at_least(found, 17, "open-redirect", "medium")
    assert at_least(found, 22, "ssrf", "high")
    assert not any(f[0] in {23, 24} for f in found)


def test_go_url_parameter_helper_is_not_ssrf() -> None:
    text = (
        "package health\n"
        "import (\n\t\"context\"\n\t\"net/http\"\n)\n"
        "func Check(ctx context.Context, url string) error {\n"
        "\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)\n"
        "\t_ = req\n"
        "\treturn err\n"
        "}\n"
    )
    assert medium_plus(lang("go", text)) == set()


# ---- Java -----------------------------------------------------------------------------------------


def test_java_findings_on_the_stream_and_connection_lines() -> None:
    text = (
        "class A {\n"
        "  void h(HttpServletRequest request) throws Exception {\n"
        "    String fileName = request.getParameter(\"f\");\n"
        "    File userInfoFile =\n"
        "        new File(\n"
        "            base + fileName);\n"
        "    FileInputStream in = new FileInputStream(userInfoFile);\n"
        "    URL u = new URL(request.getParameter(\"u\"));\n"
        "    URLConnection conn = u.openConnection();\n"
        "  }\n"
        "}\n"
    )
    found = lang("java", text)
    assert at_least(found, 7, "path-traversal", "high")
    assert at_least(found, 9, "ssrf", "high")


def test_java_xxe_partial_hardening_and_jaxb() -> None:
    text = (
        "class X {\n"
        "  Object a(HttpServletRequest request) throws Exception {\n"
        "    InputStream in = request.getInputStream();\n"
        "    JAXBContext jc = JAXBContext.newInstance(Book.class);\n"
        "    return jc.createUnmarshaller().unmarshal(in);\n"
        "  }\n"
        "  void b() throws Exception {\n"
        "    SAXParserFactory spf = SAXParserFactory.newInstance();\n"
        "    spf.setFeature(\"http://xml.org/sax/features/external-general-entities\", false);\n"
        "  }\n"
        "  void c() throws Exception {\n"
        "    SAXParserFactory spf = SAXParserFactory.newInstance();\n"
        "    spf.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);\n"
        "  }\n"
        "  void d() throws Exception {\n"
        "    XMLInputFactory f = XMLInputFactory.newInstance();\n"
        "    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);\n"
        "    XMLInputFactory g = XMLInputFactory.newFactory();\n"
        "  }\n"
        "}\n"
    )
    found = lang("java", text)
    assert at_least(found, 5, "xxe", "high")
    assert at_least(found, 8, "xxe", "high")
    assert not any(f[0] in {12, 16} for f in found)


def test_java_string_writer_is_not_xss_and_url_parameter_is_not_ssrf() -> None:
    text = (
        "class L {\n"
        "  String lookup(String urlStr) throws Exception {\n"
        "    final URL url = new URL(urlStr);\n"
        "    final StringWriter writer = new StringWriter(8192);\n"
        "    writer.write(urlStr);\n"
        "    try (InputStream s = url.openStream()) { return writer.toString(); }\n"
        "  }\n"
        "}\n"
    )
    assert medium_plus(lang("java", text)) == set()
    servlet = (
        "class S extends HttpServlet {\n"
        "  void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {\n"
        "    PrintWriter out = response.getWriter();\n"
        "    out.println(\"<p>\" + request.getParameter(\"q\") + \"</p>\");\n"
        "  }\n"
        "}\n"
    )
    assert at_least(lang("java", servlet), 4, "xss", "high")


def test_go_gin_upload_destination_and_response_writes() -> None:
    text = (
        "package main\n"
        "import \"github.com/gin-gonic/gin\"\n"
        "func up(c *gin.Context) {\n"
        "\tfile, _ := c.FormFile(\"f\")\n"
        "\tc.SaveUploadedFile(file, \"/srv/up/\" + c.PostForm(\"dir\"))\n"
        "\tc.Writer.Write([]byte(\"<p>\" + c.Query(\"q\") + \"</p>\"))\n"
        "\tc.Data(200, \"text/html\", []byte(c.Query(\"q\")))\n"
        "\tc.Data(200, \"application/json\", []byte(c.Query(\"q\")))\n"
        "\tc.String(200, \"ok %d\", 3)\n"
        "}\n"
    )
    found = lang("go", text)
    assert at_least(found, 5, "path-traversal", "high")
    assert at_least(found, 6, "xss", "high") and at_least(found, 7, "xss", "high")
    assert not any(f[0] in {8, 9} for f in found)


def test_js_aliased_vm_and_fs_imports() -> None:
    text = (
        "import { runInNewContext as sandbox } from 'vm';\n"
        "import * as files from 'fs';\n"
        "export function h(req, res) {\n"
        "  sandbox(req.body.code, {});\n"
        "  files.readFileSync('/srv/data/' + req.query.name);\n"
        "  files.readFileSync('/srv/data/index.html');\n"
        "}\n"
    )
    found = lang("typescript", text)
    assert at_least(found, 4, "code-injection", "high")
    assert at_least(found, 5, "path-traversal", "high")
    assert not any(f[0] == 6 for f in found)


def test_starlette_and_lambda_sources_reach_sinks(tmp_path: Path) -> None:
    src = (
        "import requests\n"
        "from starlette.responses import RedirectResponse\n"
        "async def go(request):\n"
        "    return RedirectResponse(request.query_params['next'])\n"
        "def lambda_handler(event, context):\n"
        "    hook = (event.get('queryStringParameters') or {}).get('hook')\n"
        "    requests.post(hook, json={}, timeout=5)\n"
        "    requests.post('https://hooks.example.com/x', json={}, timeout=5)\n"
    )
    found = py(src, tmp_path, "handlers.py")
    assert at_least(found, 4, "open-redirect", "medium")
    assert at_least(found, 7, "ssrf", "high") and not any(f[0] == 8 for f in found)


def test_python_jwt_literal_key_even_when_it_looks_like_a_placeholder(tmp_path: Path) -> None:
    src = (
        "import os\nimport jwt\n"
        "def issue(user_id: int) -> str:\n"
        "    return jwt.encode({'sub': user_id}, 'changeme-dev-secret-2024', algorithm='HS256')\n"
        "def issue_ok(user_id: int) -> str:\n"
        "    return jwt.encode({'sub': user_id}, os.environ['JWT_KEY'], algorithm='HS256')\n"
    )
    found = py(src, tmp_path, "tokens.py")
    assert at_least(found, 4, "hardcoded-secret", "high") and not any(f[0] == 6 for f in found)
