"""Who may do what, against real server processes: registration, scoped keys, revocation,
expiry, deletion, the generated admin token, and the audit trail of all of it."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

from tests.helpers import SQLI_DIFF, ServerProcess, wait_review
from tests.operators.support import ADMIN, ADMIN_TOKEN, call, key_headers, server, until

PROJECT = {"project_id": "acme", "developer_id": "ops", "repo_path": "/nonexistent/repo"}

#: Reviews queued behind one worker: enough that the last is still waiting when its key is revoked,
#: even when reviews are fast and the machine is busy.
_QUEUED = 24


def _files_of(data_dir: Path, project_id: str, review_ids: list[str]) -> list[str]:
    """Every path under the data dir that belongs to the project."""
    found = []
    for path in data_dir.rglob("*"):
        rel = str(path.relative_to(data_dir))
        if rel.startswith("audit"):
            continue  # the audit trail outlives the project on purpose
        if project_id in path.name or any(r in path.name for r in review_ids):
            found.append(rel)
    return found


async def test_admin_registration_scoped_keys_revocation_expiry_deletion_and_audit(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {"WFC_AUTH_REGISTRATION": "admin", "WFC_AUTH_LAST_USED_FLUSH_SECONDS": "0.3"}
    async with server(data_dir, env) as srv, aiohttp.ClientSession() as http:
        base = srv.url
        secrets_seen = [ADMIN_TOKEN]

        # Registration: refused without the admin token, allowed with it.
        await call(http, "POST", f"{base}/v1/projects/", json=PROJECT, expect=401)
        await call(http, "GET", f"{base}/v1/projects/", expect=401)
        _, created = await call(http, "POST", f"{base}/v1/projects/", json=PROJECT, headers=ADMIN, expect=201)
        owner = key_headers("acme", created["api_key"])
        secrets_seen.append(created["api_key"])
        _, listing = await call(http, "GET", f"{base}/v1/projects/", headers=ADMIN, expect=200)
        assert [p["project_id"] for p in listing["projects"]] == ["acme"]
        _, me = await call(http, "GET", f"{base}/v1/auth/whoami", headers=owner, expect=200)
        owner_key_id = me["key_id"]
        assert sorted(me["scopes"]) == ["project:admin", "reviews:read", "reviews:write"]

        # A read-only key: polls, lists and watches; 403 naming the scope on submit and cancel.
        _, ro = await call(http, "POST", f"{base}/v1/projects/acme/keys", headers=owner, expect=201,
                           json={"name": "dashboard", "scopes": ["reviews:read"]})
        secrets_seen.append(ro["api_key"])
        reader = key_headers("acme", ro["api_key"])
        assert ro["prefix"] and ro["api_key"].startswith(ro["prefix"]) and len(ro["prefix"]) < 20
        _, me = await call(http, "GET", f"{base}/v1/auth/whoami", headers=reader, expect=200)
        assert me == {"kind": "key", "project_id": "acme", "key_id": ro["key_id"], "name": "dashboard",
                      "scopes": ["reviews:read"], "expires_at": None}
        _, accepted = await call(http, "POST", f"{base}/v1/reviews/", headers=owner, expect=202,
                                 json={"diff_content": SQLI_DIFF})
        rid = accepted["review_id"]
        _, denied = await call(http, "POST", f"{base}/v1/reviews/", headers=reader, expect=403,
                               json={"diff_content": SQLI_DIFF})
        assert "reviews:write" in denied["detail"] and denied["missing_scope"] == "reviews:write"
        _, denied = await call(http, "DELETE", f"{base}/v1/reviews/{rid}", headers=reader, expect=403)
        assert "reviews:write" in denied["detail"]
        _, denied = await call(http, "GET", f"{base}/v1/projects/acme/keys", headers=reader, expect=403)
        assert "project:admin" in denied["detail"]
        _, page = await call(http, "GET", f"{base}/v1/reviews/", headers=reader, expect=200)
        assert [r["review_id"] for r in page["reviews"]] == [rid]
        done = await wait_review(http, base, reader, rid)
        assert done["status"] == "completed"
        async with http.ws_connect(f"{base}/v1/reviews/{rid}/ws", headers=reader) as ws:
            snapshot = await ws.receive_json(timeout=10)
            assert snapshot["type"] == "snapshot" and snapshot["data"]["review_id"] == rid

        # Revocation: refused at once on REST, and the key's open WebSocket closes.
        queued = []
        for _ in range(_QUEUED):  # one worker: the last of these waits its turn, its stream stays open
            _, item = await call(http, "POST", f"{base}/v1/reviews/", headers=owner, expect=202,
                                 json={"diff_content": SQLI_DIFF})
            queued.append(item["review_id"])
        async with http.ws_connect(f"{base}/v1/reviews/{queued[-1]}/ws", headers=reader) as ws:
            snapshot = await ws.receive_json(timeout=10)
            assert snapshot["type"] == "snapshot" and snapshot["status"] in ("pending", "in_progress")
            revoked_at = time.monotonic()
            await call(http, "DELETE", f"{base}/v1/projects/acme/keys/{ro['key_id']}", headers=owner, expect=204)
            while True:
                message = await ws.receive(timeout=5)
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                assert json.loads(message.data)["type"] not in ("completed", "failed", "cancelled")
            assert (message.type, message.data, message.extra) == (aiohttp.WSMsgType.CLOSE, 1008, "API key revoked")
            assert time.monotonic() - revoked_at < 5
        await call(http, "GET", f"{base}/v1/reviews/{rid}", headers=reader, expect=401)
        _, keys = await call(http, "GET", f"{base}/v1/projects/acme/keys", headers=owner, expect=200)
        assert ro["key_id"] not in [k["key_id"] for k in keys["keys"]]

        # Expiry: a key works until its expires_at, and is refused from then on.
        expires = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
        _, short = await call(http, "POST", f"{base}/v1/projects/acme/keys", headers=owner, expect=201,
                              json={"name": "ci-old", "scopes": ["reviews:read", "reviews:write"],
                                    "expires_at": expires})
        secrets_seen.append(short["api_key"])
        short_headers = key_headers("acme", short["api_key"])
        await call(http, "GET", f"{base}/v1/reviews/{rid}", headers=short_headers, expect=200)
        await asyncio.sleep(max(0.0, (datetime.fromisoformat(expires) - datetime.now(UTC)).total_seconds()) + 0.2)
        await call(http, "GET", f"{base}/v1/reviews/{rid}", headers=short_headers, expect=401)

        # Listings never show a secret or a hash; last_used_at is recorded (in batches).
        async def used() -> dict | None:  # type: ignore[type-arg]
            _, listing = await call(http, "GET", f"{base}/v1/projects/acme/keys", headers=owner, expect=200)
            return next((k for k in listing["keys"] if k["key_id"] == owner_key_id and k["last_used_at"]), None)

        await until(used, what="last_used_at")
        async with http.get(f"{base}/v1/projects/acme/keys", headers=owner) as response:
            text = await response.text()
        assert not any(s in text for s in secrets_seen) and "hash" not in text
        _, summary = await call(http, "GET", f"{base}/v1/admin/projects", headers=ADMIN, expect=200)
        assert summary["projects"][0]["reviews"] == 1 + _QUEUED and summary["projects"][0]["keys"] == 2

        # Deletion: 202, then 404; every file of the project leaves the data directory.
        review_ids = [rid, *queued]
        assert _files_of(data_dir, "acme", review_ids)
        _, deleting = await call(http, "DELETE", f"{base}/v1/projects/acme", headers=ADMIN, expect=202)
        assert deleting == {"project_id": "acme", "status": "deleting"}
        await call(http, "DELETE", f"{base}/v1/projects/acme", headers=ADMIN, expect=404)
        await call(http, "GET", f"{base}/v1/reviews/{rid}", headers=owner, expect=401)

        async def purged() -> bool:
            return not _files_of(data_dir, "acme", review_ids)

        await until(purged, timeout=60.0, what=f"purge; left: {_files_of(data_dir, 'acme', review_ids)}")
        _, listing = await call(http, "GET", f"{base}/v1/projects/", headers=ADMIN, expect=200)
        assert listing["projects"] == []

        # The audit trail: every action with the right actor, and nothing secret in it.
        async def expired_recorded() -> list | None:  # type: ignore[type-arg]
            _, trail = await call(http, "GET", f"{base}/v1/admin/audit?limit=500", headers=ADMIN, expect=200)
            entries = trail["entries"]
            return entries if any(e["action"] == "key.expired" for e in entries) else None

        entries = await until(expired_recorded, what="key.expired audit entry")
        by_action = {}
        for entry in reversed(entries):  # oldest first
            by_action.setdefault(entry["action"], []).append(entry)
        assert [e["actor"] for e in by_action["registration.refused"]] == ["anonymous"]
        assert by_action["project.created"][0]["actor"] == "admin"
        assert [(e["actor"], e["target"]) for e in by_action["key.created"]] == [
            (owner_key_id, ro["key_id"]), (owner_key_id, short["key_id"])]
        assert by_action["key.revoked"][0]["actor"] == owner_key_id
        assert by_action["key.revoked"][0]["target"] == ro["key_id"]
        assert by_action["key.revoked"][0]["details"]["websockets_closed"] == 1
        assert by_action["key.expired"][0]["target"] == short["key_id"]
        assert by_action["project.deleted"][0]["actor"] == "admin"
        for entry in entries:
            assert entry["time"] and entry["client"] == "127.0.0.1" or entry["actor"] == "system"
            assert entry["project_id"] in ("acme", None)
        for entry in by_action["key.created"] + by_action["key.revoked"] + by_action["project.deleted"]:
            assert entry["request_id"]
        trail_text = (data_dir / "audit" / "audit.jsonl").read_text()
        for secret in secrets_seen:
            assert secret not in trail_text
            assert secret not in srv.logs()


async def test_generated_admin_token_is_printed_once_never_logged_and_survives_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {"WFC_AUTH_REGISTRATION": "closed", "WFC_AUTH_ADMIN_TOKEN": ""}
    first = ServerProcess(data_dir, env, log_path=tmp_path / "first.log").start()
    try:
        await first.wait_ready()
        printed = [line["unparsed"].strip() for line in first.log_lines() if "unparsed" in line]
        tokens = [line for line in printed if line.startswith("wfc_admin_")]
        assert len(tokens) == 1
        token = tokens[0]
        assert all(token not in json.dumps(line) for line in first.log_lines() if "unparsed" not in line)
        async with aiohttp.ClientSession() as http:
            _, refused = await call(http, "POST", f"{first.url}/v1/projects/", json=PROJECT, headers=ADMIN, expect=403)
            assert "closed" in refused["detail"]
            await call(http, "GET", f"{first.url}/v1/admin/projects", expect=401)
            await call(http, "GET", f"{first.url}/v1/admin/projects",
                       headers={"Authorization": f"Bearer {token}"}, expect=200)
    finally:
        first.stop()
    assert token not in "".join(p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file())
    second = ServerProcess(data_dir, env, log_path=tmp_path / "second.log").start()
    try:
        await second.wait_ready()
        assert "wfc_admin_" not in second.logs()
        async with aiohttp.ClientSession() as http:
            await call(http, "GET", f"{second.url}/v1/admin/projects",
                       headers={"Authorization": f"Bearer {token}"}, expect=200)
    finally:
        second.stop()
