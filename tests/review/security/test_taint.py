"""Unit tests for the Python taint engine, through the rules that use it (real parsed code)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from wfc_server.review.security.python_rules import analyse_python

HEADER = "import os, sqlite3, subprocess, shlex\nfrom flask import Flask, request, abort\nfrom markupsafe import escape\napp = Flask(__name__)\n"


def findings(body: str, path: str = "app.py") -> list[tuple[int, str, str]]:
    """(line within body, concept, severity) for the snippet placed after a Flask header."""
    src = HEADER + textwrap.dedent(body)
    offset = HEADER.count("\n")
    result = analyse_python(path, ast.parse(src), is_test=False)
    return sorted((f.line - offset, f.concept, f.severity) for f in result.findings)


def concepts(body: str) -> set[str]:
    return {c for _, c, _ in findings(body)}


ROUTE = '@app.route("/x")\ndef view():\n'


def route(lines: str) -> str:
    return ROUTE + textwrap.indent(textwrap.dedent(lines), "    ")


@pytest.mark.parametrize("build", [
    'q = "SELECT * FROM t WHERE a = \'" + name + "\'"',
    'q = f"SELECT * FROM t WHERE a = \'{name}\'"',
    'q = "SELECT * FROM t WHERE a = \'{}\'".format(name)',
    'q = "SELECT * FROM t WHERE a = \'%s\'" % name',
    'q = " ".join(["SELECT * FROM t WHERE a =", name])',
    'q = "SELECT * FROM t WHERE a = "; q += name',
])
def test_string_building_propagates_request_data(build: str) -> None:
    body = route(f"""
        name = request.args.get("name")
        {build}
        sqlite3.connect("x").execute(q)
    """)
    got = findings(body)
    assert any(c == "sql-injection" and s == "critical" for _, c, s in got), got


def test_assignment_chain_keeps_the_origin_in_the_description() -> None:
    src = HEADER + route("""
        a = request.form["user"]
        b = a
        c = "echo " + b
        os.system(c)
    """)
    result = analyse_python("app.py", ast.parse(src), False)
    [finding] = [f for f in result.findings if f.concept == "command-injection"]
    assert "`user`" in finding.description and "os.system" in finding.description
    assert finding.cwe == "CWE-78" and finding.scope == "statement"


def test_parameterised_query_is_not_a_finding() -> None:
    assert not concepts(route("""
        name = request.args.get("name")
        sqlite3.connect("x").execute("SELECT * FROM t WHERE a = ?", (name,))
    """))


def test_constant_only_flow_is_never_a_finding() -> None:
    assert not concepts("""
        TABLE = "users"
        def count(conn):
            q = "SELECT count(*) FROM " + TABLE
            return conn.execute(q).fetchone()
        def shell():
            os.system("ls " + "-la")
            eval("1 + 1")
    """)


@pytest.mark.parametrize("clean, sink, concept", [
    ("int(request.args['n'])", 'os.system("sleep %d" % v)', "command-injection"),
    ("shlex.quote(request.args['n'])", 'os.system("ls " + v)', "command-injection"),
    ("str(escape(request.args['n']))", 'return "<p>" + v + "</p>"', "xss"),
    ("os.path.basename(request.args['n'])", 'open(os.path.join("/srv", v))', "path-traversal"),
])
def test_sanitisers_clear_their_sink_kind(clean: str, sink: str, concept: str) -> None:
    assert concept not in concepts(route(f"""
        v = {clean}
        {sink}
    """))


def test_sanitiser_is_specific_to_its_sink() -> None:
    got = concepts(route("""
        v = shlex.quote(request.args["n"])
        sqlite3.connect("x").execute("SELECT * FROM t WHERE a = '" + v + "'")
    """))
    assert "sql-injection" in got


def test_allow_list_guard_clears_after_abort_and_inside_positive_branch() -> None:
    assert not concepts(route("""
        cmd = request.args["cmd"]
        if cmd not in {"ls", "df"}:
            abort(400)
        subprocess.run(cmd, shell=True)
    """))
    assert not concepts(route("""
        cmd = request.args["cmd"]
        if cmd in ("ls", "df"):
            os.system(cmd)
    """))
    # the guard must be on the same value
    assert "command-injection" in concepts(route("""
        cmd = request.args["cmd"]
        other = request.args["other"]
        if other not in {"a"}:
            abort(400)
        os.system(cmd)
    """))


def test_startswith_guard_after_realpath_clears_path_traversal() -> None:
    assert "path-traversal" not in concepts(route("""
        full = os.path.realpath(os.path.join("/srv", request.args["f"]))
        if not full.startswith("/srv/"):
            abort(403)
        return open(full).read()
    """))


def test_dead_code_is_not_analysed() -> None:
    assert not concepts(route("""
        v = request.args["v"]
        return "ok"
        os.system("echo " + v)
    """))
    assert not concepts(route("""
        v = request.args["v"]
        if False:
            os.system("echo " + v)
        return "ok"
    """))
    assert not concepts("""
        LEGACY = False
        @app.route("/y")
        def y():
            if LEGACY:
                eval(request.args["e"])
            return "ok"
    """)


def test_helper_that_builds_a_query_is_followed() -> None:
    got = findings("""
        def build(name):
            return "SELECT * FROM users WHERE name = '" + name + "'"
        @app.route("/u")
        def u():
            sqlite3.connect("x").execute(build(request.args["n"]))
    """)
    assert (6, "sql-injection", "critical") in got


def test_helper_that_sanitises_is_followed() -> None:
    assert not concepts("""
        def clean(v):
            return int(v)
        @app.route("/u")
        def u():
            os.system("sleep %d" % clean(request.args["n"]))
    """)


def test_helper_sink_is_escalated_by_a_caller_passing_request_data() -> None:
    got = findings("""
        def get_user(name):
            cur = sqlite3.connect("x").cursor()
            cur.execute("SELECT * FROM users WHERE name = '" + name + "'")
        @app.route("/u")
        def u():
            return get_user(request.args["name"])
    """)
    assert (4, "sql-injection", "critical") in got


def test_parameter_taint_is_reported_lower_and_only_when_built() -> None:
    got = findings("""
        def find(conn, name):
            conn.execute("SELECT * FROM users WHERE name = '%s'" % name)
        def run_sql(conn, sql, params):
            conn.execute(sql, params)
    """)
    assert got == [(3, "sql-injection", "high")]


def test_fixed_host_url_is_not_ssrf_but_request_url_is() -> None:
    assert "ssrf" not in concepts("import requests\n" + route("""
        requests.get(f"https://api.example.com/users/{request.args['id']}")
    """))
    assert "ssrf" in concepts("import requests\n" + route("""
        requests.get(request.args["url"])
    """))


def test_request_name_outside_a_web_app_is_not_a_source() -> None:
    src = "import os\n\ndef handle(request):\n    os.system('echo ' + request.name)\n"
    result = analyse_python("lib.py", ast.parse(src), False)
    assert all(f.severity != "critical" for f in result.findings)


def test_test_paths_soften_severity() -> None:
    src = HEADER + route('os.system("echo " + request.args["x"])')
    result = analyse_python("tests/test_app.py", ast.parse(src), is_test=True)
    assert result.findings and all(f.severity == "low" for f in result.findings)


def test_closure_variables_carry_taint_into_nested_functions() -> None:
    got = findings(route("""
        target = request.args["t"]
        def inner():
            os.system("rm -rf /tmp/" + target)
        inner()
    """))
    assert any(c == "command-injection" and s == "critical" for _, c, s in got)


def test_lookup_in_a_constant_mapping_is_clean() -> None:
    assert not concepts("""
        COMMANDS = {"disk": "df -h", "mem": "free -m"}
        @app.route("/r")
        def r():
            return subprocess.check_output(COMMANDS.get(request.args["what"], "uptime"), shell=True)
    """)


def test_typed_route_parameters_are_not_request_text() -> None:
    got = concepts("""
        @app.route("/u/<int:uid>")
        def u(uid):
            return f"<p>User {uid}</p>"
    """)
    assert "xss" not in got
    assert "xss" in concepts("""
        @app.route("/n/<name>")
        def n(name):
            return f"<p>User {name}</p>"
    """)


def test_named_constant_host_keeps_the_url_fixed() -> None:
    got = concepts("import requests\nAPI = 'https://api.example.com'\n" + route("""
        uid = request.args["id"]
        requests.get(f"{API}/users/{uid}")
        requests.get(API + "/users/" + uid)
    """))
    assert "ssrf" not in got


def test_helper_parameters_take_what_in_file_callers_pass() -> None:
    # only ever called with quoted data: clean; an uncalled public helper keeps parameter taint
    assert "command-injection" not in concepts("""
        def run(cmd):
            return subprocess.check_output(cmd, shell=True)
        @app.route("/c")
        def c():
            return run("convert " + shlex.quote(request.args["f"]))
    """)
    got = findings("""
        def run(cmd):
            return subprocess.check_output(cmd, shell=True)
        @app.route("/c")
        def c():
            return run("convert " + request.args["f"])
    """)
    assert (3, "command-injection", "critical") in got


def test_list_building_through_append_is_followed() -> None:
    got = concepts("""
        def build_filters(args):
            parts = ["deleted = 0"]
            if args.get("brand"):
                parts.append(f"brand = '{args['brand']}'")
            return " AND ".join(parts)
        @app.route("/p")
        def p():
            where = build_filters(request.args)
            return sqlite3.connect("x").execute("SELECT * FROM p WHERE " + where).fetchall()
    """)
    assert "sql-injection" in got


def test_graphql_resolver_arguments_are_client_data() -> None:
    src = (
        "import graphene, os\n"
        "class Q(graphene.ObjectType):\n"
        "    def resolve_ping(self, info, host):\n"
        "        return os.popen('ping -c 1 ' + host).read()\n"
    )
    result = analyse_python("schema.py", ast.parse(src), False)
    assert any(f.concept == "command-injection" and f.severity == "critical" for f in result.findings)


def test_request_data_into_a_sink_named_helper_of_another_module() -> None:
    got = findings("""
        from app import helpers
        @app.route("/c")
        def c():
            return helpers.run_cmd("curl " + request.args["url"])
    """)
    assert any(c == "command-injection" for _, c, _ in got)


def test_tls_opt_out_under_an_explicit_flag_is_not_a_finding() -> None:
    src = (
        "import ssl\n"
        "def context(verify: bool) -> ssl.SSLContext:\n"
        "    ctx = ssl.create_default_context()\n"
        "    if not verify:\n"
        "        ctx.check_hostname = False\n"
        "        ctx.verify_mode = ssl.CERT_NONE\n"
        "    return ctx\n"
        "def client(session):\n"
        "    session.verify = False\n"
    )
    result = analyse_python("net.py", ast.parse(src), False)
    assert [f.line for f in result.findings if f.concept == "tls-verification-disabled"] == [9]
