"""The README's promise, through the real engine: a review that adds an injection never passes.

Injection into SQL text, a shell or eval of a value not proven safe blocks the verdict, whether
the value is request data or a plain function parameter (the wording says which); the same code
with the value proven safe (bound parameter, numeric cast, constant, allow-list) passes.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from wfc_server.review.engine import ReviewEngine
from wfc_server.review.model import Progress, ReviewRequest, ReviewResult
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.settings import EngineSettings, PoolSettings, RepoSettings

BLOCKS: dict[str, str] = {
    "app/users.py": (
        "def find_user(conn, name):\n"
        "    cur = conn.cursor()\n"
        "    cur.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n"
        "    return cur.fetchall()\n"
    ),
    "app/archive.py": (
        "import subprocess\n\n\n"
        "def pack(folder):\n"
        "    return subprocess.check_output(f\"tar czf out.tgz {folder}\", shell=True)\n"
    ),
    "app/calc.py": "def evaluate(expression):\n    return eval(expression)\n",
    "src/users.js": (
        "const db = require('./db');\n\n"
        "async function findUser(name) {\n"
        "  return db.query(`SELECT * FROM users WHERE name = '${name}'`);\n"
        "}\n\nmodule.exports = { findUser };\n"
    ),
    "store/users.go": (
        "package store\n\nimport (\n\t\"database/sql\"\n\t\"fmt\"\n)\n\n"
        "func FindUser(db *sql.DB, name string) (*sql.Rows, error) {\n"
        "\tquery := fmt.Sprintf(\"SELECT id FROM users WHERE name = '%s'\", name)\n"
        "\treturn db.Query(query)\n}\n"
    ),
    "tools/run.go": (
        "package tools\n\nimport \"os/exec\"\n\n"
        "func Convert(file string) ([]byte, error) {\n"
        "\treturn exec.Command(\"sh\", \"-c\", \"convert \"+file+\" out.png\").Output()\n}\n"
    ),
    "src/main/java/app/UserDao.java": (
        "package app;\n\nimport java.sql.*;\n\npublic class UserDao {\n"
        "    private Connection conn;\n\n"
        "    public ResultSet find(String name) throws SQLException {\n"
        "        Statement st = conn.createStatement();\n"
        "        return st.executeQuery(\"SELECT * FROM users WHERE name = '\" + name + \"'\");\n"
        "    }\n}\n"
    ),
}

#: Proven flows from what the attacker controls (a link the victim opens) block as well.
DOM_XSS = {
    "static/search.js": (
        "function showTerm() {\n"
        "  const term = new URLSearchParams(location.search).get('q');\n"
        "  document.getElementById('title').innerHTML = 'Results for ' + term;\n"
        "}\n"
    ),
}

PASSES: dict[str, str] = {
    "app/users.py": (
        "def find_user(conn, name):\n"
        "    cur = conn.cursor()\n"
        "    cur.execute(\"SELECT * FROM users WHERE name = %s\", (name,))\n"
        "    return cur.fetchall()\n"
    ),
    "app/orders.py": (
        "def find_order(conn, order_id):\n"
        "    cur = conn.cursor()\n"
        "    cur.execute(\"SELECT * FROM orders WHERE id = \" + str(int(order_id)))\n"
        "    return cur.fetchall()\n"
    ),
    "store/users.go": (
        "package store\n\nimport \"database/sql\"\n\n"
        "func FindUser(db *sql.DB, name string) (*sql.Rows, error) {\n"
        "\treturn db.Query(\"SELECT id FROM users WHERE name = $1\", name)\n}\n"
    ),
    "store/sort.go": (
        "package store\n\nimport (\n\t\"database/sql\"\n\t\"fmt\"\n)\n\n"
        "var sortable = map[string]bool{\"name\": true, \"created\": true}\n\n"
        "func List(db *sql.DB, column string) (*sql.Rows, error) {\n"
        "\tif !sortable[column] {\n\t\tcolumn = \"name\"\n\t}\n"
        "\treturn db.Query(fmt.Sprintf(\"SELECT id FROM users ORDER BY %s\", column))\n}\n"
    ),
    "src/users.js": (
        "const db = require('./db');\n\n"
        "async function findUser(name) {\n"
        "  return db.query('SELECT * FROM users WHERE name = $1', [name]);\n"
        "}\n\nmodule.exports = { findUser };\n"
    ),
}


def new_file_diff(path: str, text: str) -> str:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,{len(lines)} @@\n{body}")


async def _review(engine: ReviewEngine, path: str, text: str) -> ReviewResult:
    async def progress(step: Progress) -> None:
        return None

    request = ReviewRequest(review_id=uuid.uuid4().hex, project_id="p", diff_content=new_file_diff(path, text))
    return await engine.review(request, progress)


async def test_injection_of_a_parameter_fails_the_review_and_safe_lookalikes_pass(tmp_path: Path) -> None:
    engine = ReviewEngine(engine=EngineSettings(process_pool_size=1), pool=PoolSettings(max_worktrees=1),
                          repos=RepoSettings(), data_dir=tmp_path / "data", reviewer_runner=run_reviewer)
    await engine.start()
    try:
        failed_to_block = []
        for path, text in BLOCKS.items():
            result = await _review(engine, path, text)
            injections = [f for f in result.findings if f.rule_id in {"WFC-SEC-SQLI", "WFC-SEC-CMDI", "WFC-SEC-CODEI"}]
            if result.passed or not injections:
                failed_to_block.append(path)
            else:
                assert any("arameter" in f.description for f in injections), path
        assert failed_to_block == []
        for path, text in DOM_XSS.items():
            result = await _review(engine, path, text)
            assert not result.passed and any(f.rule_id == "WFC-SEC-XSS" for f in result.findings), path
        false_alarms = {}
        for path, text in PASSES.items():
            result = await _review(engine, path, text)
            if not result.passed or any(f.severity in {"critical", "high"} for f in result.findings):
                false_alarms[path] = [(f.rule_id, f.line, f.severity) for f in result.findings]
        assert false_alarms == {}
    finally:
        await engine.close()
