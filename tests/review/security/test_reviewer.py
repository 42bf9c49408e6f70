"""The security reviewer end to end: bandit adjudication, secrets, fragments, new syntax, speed."""

from __future__ import annotations

import time
from pathlib import Path

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.model import AnalysisInput, SourceFile
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.reviewers.security import run

CORPUS_PY = Path(__file__).parents[1] / "corpus" / "security" / "python"


def _run(files: dict[str, str], tmp_path: Path):
    return run(whole_file_input(files, tmp_path))


def test_reviewer_is_reachable_by_role_and_every_finding_is_complete(tmp_path: Path) -> None:
    src = (CORPUS_PY / "ping_tool.py").read_text()
    out = run_reviewer("security", whole_file_input({"ping_tool.py": src}, tmp_path))
    assert out.findings
    for f in out.findings:
        assert f.reviewer == "security" and f.cwe and f.cwe.startswith("CWE-")
        assert f.rule_id.startswith("WFC-SEC-") and f.concept and f.family
        assert f.title and f.description and f.suggestion and f.scope == "statement"
        assert 0 <= f.confidence <= 100 and f.line is not None and f.end_line >= f.line


def test_bandit_results_on_constant_sinks_are_dropped(tmp_path: Path) -> None:
    src = (
        "import sqlite3\n"
        "TABLE = 'users'\n"
        "def count(conn):\n"
        "    return conn.execute('SELECT count(*) FROM ' + TABLE).fetchone()\n"
        "def answer():\n"
        "    return eval('6 * 7')\n"
    )
    out = _run({"stats.py": src}, tmp_path)
    assert out.findings == []


def test_bandit_corroborates_a_real_sink_with_the_same_concept(tmp_path: Path) -> None:
    src = (
        "import os\nfrom flask import Flask, request\napp = Flask(__name__)\n"
        "@app.route('/p')\ndef p():\n    os.system('ping ' + request.args['h'])\n    return 'ok'\n"
    )
    out = _run({"app.py": src}, tmp_path)
    families = {f.family for f in out.findings if f.line == 6 and f.concept == "command-injection"}
    assert families == {"wfc-taint", "bandit"}
    assert all(f.severity == "critical" for f in out.findings if f.line == 6)


def test_secrets_in_fixture_paths_are_info_and_heuristic(tmp_path: Path) -> None:
    text = 'AWS_ACCESS_KEY_ID = "AKIAQ3EGRTY7V5NXWK2P"\n'
    prod = _run({"app/settings.py": text}, tmp_path / "a").findings
    fixture = _run({"tests/fixtures/settings.py": text}, tmp_path / "b").findings
    assert any(f.severity == "high" and f.cwe == "CWE-798" for f in prod)
    assert fixture and all(f.severity == "info" and f.heuristic for f in fixture)


def test_secrets_are_found_in_non_code_files(tmp_path: Path) -> None:
    env = "DATABASE_URL=postgres://app@db/app\nSTRIPE_SECRET_KEY=sk_live_51Hx9QmLkR2vTz8Wb4Nc7Pd0Se3Hj6Ku9YaFq\n"
    out = _run({"deploy/.env.production": env}, tmp_path)
    assert [f.line for f in out.findings if f.concept == "hardcoded-secret"] == [2]


def test_diff_fragment_without_imports_is_still_analysed(tmp_path: Path) -> None:
    lines = [""] * 40
    lines[19] = "        name = request.args.get('name')"
    lines[20] = "        cur = db.cursor()"
    lines[21] = "        cur.execute(\"SELECT * FROM t WHERE n = '\" + name + \"'\")"
    lines[22] = "        return cur.fetchall()"
    text = "\n".join(lines) + "\n"
    source = SourceFile(path="app/views.py", language="python", text=text,
                        added_lines=frozenset({21, 22}), mode="diff", complete=False)
    out = run(AnalysisInput(files=[source], workdir=str(tmp_path)))
    assert any(f.line == 22 and f.concept == "sql-injection" for f in out.findings), out.findings
    assert out.skipped == []


def test_newer_syntax_falls_back_to_tree_sitter_rules(tmp_path: Path) -> None:
    src = (
        "from flask import Flask, request\napp = Flask(__name__)\n"
        "type UserId = int\n"
        "@app.route('/e')\ndef e[T]():\n    return str(eval(request.args['x']))\n"
    )
    out = _run({"new.py": src}, tmp_path)
    assert any(f.concept == "code-injection" and f.line == 6 for f in out.findings)
    assert out.skipped == []


def test_files_without_added_lines_are_skipped_cheaply(tmp_path: Path) -> None:
    source = SourceFile(path="a.py", language="python", text="import os\nos.system(input())\n",
                        added_lines=frozenset(), complete=True)
    assert run(AnalysisInput(files=[source], workdir=str(tmp_path))).findings == []


def test_other_languages_get_findings(tmp_path: Path) -> None:
    files = {
        "web/a.js": "app.get('/x', (req, res) => { eval(req.query.code); });\n",
        "svc/b.go": 'package m\nimport "crypto/tls"\nvar c = &tls.Config{InsecureSkipVerify: true}\n',
        "db/c.sql": "GRANT ALL ON accounts TO PUBLIC;\n",
    }
    concepts = {(f.file, f.concept) for f in _run(files, tmp_path).findings}
    assert ("web/a.js", "code-injection") in concepts
    assert ("svc/b.go", "tls-verification-disabled") in concepts
    assert ("db/c.sql", "excessive-privilege") in concepts


def test_about_2700_python_lines_take_no_pathological_time(tmp_path: Path) -> None:
    """A guard against super-linear work, not a speed claim (that is bench/engine.py)."""
    sources = sorted(CORPUS_PY.glob("*.py"))
    files: dict[str, str] = {}
    total = 0
    i = 0
    while total < 2700:
        path = sources[i % len(sources)]
        text = path.read_text()
        files[f"pkg/m{i}_{path.name}"] = text
        total += text.count("\n")
        i += 1
    inp = whole_file_input(files, tmp_path)
    run(inp)  # warm imports and plugin loading
    started = time.process_time()
    run(inp)
    assert time.process_time() - started < 20  # ~0.4 s of CPU when healthy
