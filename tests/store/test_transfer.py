"""``wfc-server export`` / ``import`` between the embedded backend and PostgreSQL, both ways, with
data made by real apps: keys keep working, reviews keep their results, importing again adds nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import psycopg

from tests.helpers import CLEAN_DIFF, ROOT, Credentials, submit, wait_terminal

ISSUE_DIFF = """diff --git a/app/run.py b/app/run.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/app/run.py
@@ -0,0 +1,4 @@
+import subprocess
+
+def run(user_input):
+    return subprocess.call(user_input, shell=True)
"""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfc_server", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ})


async def _reviews_seen(client: Any, creds: Credentials) -> dict[str, tuple[str, Any, int]]:
    response = await client.get("/v1/reviews/?limit=100", headers=creds.headers)
    page = await response.json()
    assert response.status == 200, page
    seen = {}
    for item in page["reviews"]:
        full = await (await client.get(f"/v1/reviews/{item['review_id']}", headers=creds.headers)).json()
        seen[item["review_id"]] = (full["status"], full.get("consensus_score"), len(full.get("findings") or []))
    return seen


async def _gate_seen(client: Any, creds: Credentials) -> tuple[Any, ...]:
    policy = await (await client.get("/v1/projects/alpha/policy", headers=creds.headers)).json()
    suppressions = await (await client.get("/v1/projects/alpha/suppressions", headers=creds.headers)).json()
    audit = await (await client.get("/v1/projects/alpha/audit", headers=creds.headers)).json()
    actions = [e["action"] for e in audit["entries"] if e["action"] != "key.expired"]
    return policy, suppressions, actions


async def test_a_deployment_moves_from_embedded_to_postgres_and_back(
    make_client: Any, make_settings: Any, pg_dsn: str, tmp_path: Path
) -> None:
    embedded = make_settings(server={"data_dir": str(tmp_path / "embedded")}, store={"backend": "embedded"})
    first = await make_client(embedded)
    alpha = await Credentials.create(first, "alpha")
    made = await (await first.post("/v1/projects/alpha/keys", headers=alpha.headers,
                                   json={"name": "ci", "scopes": ["reviews:read"]})).json()
    reader = Credentials("alpha", made["api_key"])
    put = await first.put("/v1/projects/alpha/policy", headers=alpha.headers, json={"mode": "warn", "fail_on": "high"})
    assert put.status == 200, await put.text()
    suppressed = await first.post("/v1/projects/alpha/suppressions", headers=alpha.headers,
                                  json={"rule_id": "WFC-SEC-SQLI", "path_glob": "migrations/**", "reason": "DBA"})
    assert suppressed.status == 201, await suppressed.text()
    for diff in (CLEAN_DIFF, ISSUE_DIFF):
        await wait_terminal(first, alpha, (await submit(first, alpha, diff))["review_id"])
    before = await _reviews_seen(first, alpha)
    gate_before = await _gate_seen(first, alpha)
    assert "key.created" in gate_before[2] and gate_before[1]["suppressions"]
    assert any(findings for _, _, findings in before.values())  # real results, not empty ones
    await first.close()

    exported = tmp_path / "embedded.jsonl"
    out = _cli("export", "--data-dir", str(tmp_path / "embedded"), "-o", str(exported))
    assert out.returncode == 0, out.stderr
    kinds = [orjson.loads(line)["kind"] for line in exported.read_bytes().splitlines()]
    assert kinds[:7] == ["header", "secret", "project", "key", "key", "policy", "suppression"]
    assert kinds[7:9] == ["review", "review"] and set(kinds[9:]) == {"audit"}
    assert made["api_key"] not in exported.read_text() and alpha.api_key not in exported.read_text()

    loaded = _cli("import", "--dsn", pg_dsn, str(exported))
    assert loaded.returncode == 0, loaded.stderr
    assert "review: 2 added, 0 present" in loaded.stdout and "key: 2 added" in loaded.stdout
    again = _cli("import", "--dsn", pg_dsn, str(exported))
    assert "review: 0 added, 2 present" in again.stdout and "project: 0 added, 1 present" in again.stdout

    shared = make_settings(server={"data_dir": str(tmp_path / "replica")},
                           store={"backend": "postgres", "dsn": pg_dsn, "lease_seconds": 3.0})
    replica = await make_client(shared)
    assert await _reviews_seen(replica, alpha) == before  # same keys verify, same results
    assert await _gate_seen(replica, alpha) == gate_before
    assert (await replica.get("/v1/reviews/", headers=reader.headers)).status == 200
    assert (await replica.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF},
                               headers=reader.headers)).status == 403  # its scopes came along
    third = (await submit(replica, alpha, ISSUE_DIFF))["review_id"]
    await wait_terminal(replica, alpha, third)
    on_postgres = await _reviews_seen(replica, alpha)
    await replica.close()

    back = tmp_path / "postgres.jsonl"
    assert _cli("export", "--dsn", pg_dsn, "-o", str(back)).returncode == 0
    with psycopg.connect(pg_dsn) as conn:
        stored_events = conn.execute("SELECT count(*) FROM review_events WHERE review_id = %s", (third,)).fetchone()
    third_line = next(orjson.loads(line) for line in back.read_bytes().splitlines() if third.encode() in line)
    assert stored_events and len(third_line["events"]) == stored_events[0] > 1
    restored_dir = tmp_path / "restored"
    loaded = _cli("import", "--data-dir", str(restored_dir), str(back))
    assert loaded.returncode == 0 and "review: 3 added" in loaded.stdout, loaded.stderr
    assert "review: 0 added, 3 present" in _cli("import", "--data-dir", str(restored_dir), str(back)).stdout
    assert oct((restored_dir / "server.secret").stat().st_mode & 0o777) == "0o600"

    restored = await make_client(make_settings(server={"data_dir": str(restored_dir)}, store={"backend": "embedded"}))
    assert await _reviews_seen(restored, alpha) == on_postgres
    assert await _gate_seen(restored, alpha) == gate_before
    listed = await (await restored.get("/v1/reviews/?limit=100", headers=alpha.headers)).json()
    assert listed["reviews"][0]["review_id"] == third  # arrival order kept: newest first
    assert (await restored.get("/v1/reviews/", headers=reader.headers)).status == 200


def test_an_import_into_a_deployment_with_another_secret_is_refused(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    for directory in (source, target):
        directory.mkdir()
    (source / "server.secret").write_bytes(b"s" * 32)
    (target / "server.secret").write_bytes(b"t" * 32)
    (target / "projects").mkdir()
    (target / "projects" / "beta.json").write_bytes(orjson.dumps({
        "project_id": "beta", "developer_id": "d", "repo_path": None, "created_at": "2026-01-01T00:00:00Z",
        "key_hash": "x" * 64}))
    exported = tmp_path / "x.jsonl"
    assert _cli("export", "--data-dir", str(source), "-o", str(exported)).returncode == 0
    refused = _cli("import", "--data-dir", str(target), str(exported))
    assert refused.returncode == 2 and "another secret" in refused.stderr
    assert (target / "server.secret").read_bytes() == b"t" * 32
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text('{"kind": "header", "format": "wfc-export/1"}\nnot json\n')
    bad = _cli("import", "--data-dir", str(target), str(garbage))
    assert bad.returncode == 2 and "line 2" in bad.stderr
