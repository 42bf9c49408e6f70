"""Hostile tenants against an in-process app: sign-up limits per network, id shapes, listings,
per-project queue caps, repository registration, large and slow bodies, disconnects."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, Credentials, StuckEngine, submit, wait_status
from wfc_server.api.projects import address_prefix
from wfc_server.logs import redact
from wfc_server.service.credentials import generate_api_key


def _project(project_id: str, repo_path: str = "/r") -> dict[str, str]:
    return {"project_id": project_id, "developer_id": "d", "repo_path": repo_path}


@pytest.mark.parametrize(("address", "prefix"), [
    ("203.0.113.7", "203.0.113.0/24"),
    ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
    ("::ffff:198.51.100.9", "198.51.100.0/24"),
    ("not-an-ip", "not-an-ip"),
])
def test_address_prefixes(address: str, prefix: str) -> None:
    assert address_prefix(address) == prefix


async def test_signups_are_limited_per_network_across_addresses(make_client: Any) -> None:
    client = await make_client(server={"trust_forwarded_for": True},
                               rate_limit={"create_capacity": 5, "create_refill_rate": 0.001,
                                           "create_prefix_capacity": 8, "create_prefix_refill_rate": 0.001})
    statuses = []
    for n in range(10):  # a fresh address every time, all in one /24
        response = await client.post("/v1/projects/", json=_project(f"p{n}"),
                                     headers={"X-Forwarded-For": f"198.51.100.{n + 1}"})
        statuses.append(response.status)
    assert statuses == [201] * 8 + [429] * 2
    body = await response.json()
    assert "this network" in body["detail"]
    other = await client.post("/v1/projects/", json=_project("elsewhere"),
                              headers={"X-Forwarded-For": "192.0.2.1"})
    assert other.status == 201


@pytest.mark.parametrize("project_id", ["alpha\n", " alpha", "alpha ", "al\tpha", "wfc_sk_mine", "WFC_SK_x"])
async def test_ids_with_control_characters_whitespace_or_the_key_prefix_are_refused(
        client: TestClient, project_id: str) -> None:
    response = await client.post("/v1/projects/", json=_project(project_id))
    assert response.status == 422
    assert "project_id" in (await response.json())["detail"]


async def test_repo_path_with_control_characters_is_refused(client: TestClient) -> None:
    response = await client.post("/v1/projects/", json=_project("ctl", "/srv/repo\n"))
    assert response.status == 422


def test_redaction_matches_only_real_key_shapes() -> None:
    key = generate_api_key()
    assert redact(f"token {key} used") == "token [REDACTED] used"
    for harmless in ("project wfc_sk_team-a", "wfc_sk_", "path /srv/wfc_sk_x/repo", key + "x"):
        assert redact(harmless) == harmless


async def test_project_listing_is_paginated_with_the_contract_fields(client: TestClient) -> None:
    for n in range(5):
        await Credentials.create(client, f"proj-{n}")
    page = await (await client.get("/v1/projects/?limit=2&offset=1")).json()
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 1
    assert [p["project_id"] for p in page["projects"]] == ["proj-1", "proj-2"]
    assert set(page["projects"][0]) == {"project_id", "developer_id", "created_at"}
    for query in ("limit=0", "limit=1001", "offset=-1", "offset=99999999999999999999"):
        assert (await client.get(f"/v1/projects/?{query}")).status == 422


async def test_a_project_at_its_queue_cap_gets_429_and_others_are_served(make_client: Any) -> None:
    client = await make_client(engine=StuckEngine(), review={"max_queued_per_project": 2},
                               server={"drain_grace_seconds": 0.1})  # stuck reviews are requeued at once
    greedy = await Credentials.create(client, "greedy")
    polite = await Credentials.create(client, "polite")
    running = await submit(client, greedy)
    await wait_status(client, greedy, running["review_id"], "in_progress")
    first = [running] + [await submit(client, greedy) for _ in range(2)]  # one runs, two wait
    refused = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=greedy.headers)
    assert refused.status == 429
    body = await refused.json()
    assert "max_queued_per_project" in body["detail"] and body["retry_after"] > 0
    await submit(client, polite)
    # A cancelled waiting review frees its place at once.
    await client.delete(f"/v1/reviews/{first[-1]['review_id']}", headers=greedy.headers)
    await submit(client, greedy)


async def test_repository_registration_follows_the_allowed_roots(make_client: Any, tmp_path: Path) -> None:
    root = tmp_path / "repos"
    (root / "team").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (root / "link-out").symlink_to(tmp_path / "outside")
    client = await make_client(repos={"allowed_roots": (str(root),)})
    inside = await client.post("/v1/projects/", json=_project("first", str(root / "team")))
    assert inside.status == 201
    second = await client.post("/v1/projects/", json=_project("second", str(root / "team")))
    assert second.status == 409 and "first" not in (await second.json())["detail"]
    for path in (str(tmp_path / "outside"), str(root / "link-out"), str(root / ".." / "outside")):
        response = await client.post("/v1/projects/", json=_project("escape", path))
        assert response.status == 422, path
        assert "allowed repository roots" in (await response.json())["detail"]


async def test_large_bodies_are_validated_off_the_loop_with_the_same_answers(client: TestClient,
                                                                            project: Credentials) -> None:
    lines = "".join(f"+line {i} of a large file\n" for i in range(5000))
    big = f"--- /dev/null\n+++ b/big.txt\n@@ -0,0 +1,5000 @@\n{lines}"
    assert len(big) > 64 * 1024
    accepted = await client.post("/v1/reviews/", json={"diff_content": big}, headers=project.headers)
    assert accepted.status == 202
    broken = big.replace("@@ -0,0 +1,5000 @@", "@@ -0,0 +1,5001 @@")
    invalid = await client.post("/v1/reviews/", json={"diff_content": broken}, headers=project.headers)
    assert invalid.status == 422
    assert "diff_content" in (body := await invalid.json())["detail"] and "ends early" in body["detail"]
    not_json = await client.post("/v1/reviews/", data=b"{" + b"x" * 70_000, headers={
        **project.headers, "Content-Type": "application/json"})
    assert not_json.status == 400 and (await not_json.json())["error"] == "BadRequest"


async def test_a_slow_body_gets_408(make_client: Any) -> None:
    client = await make_client(server={"body_timeout_seconds": 0.5})
    creds = await Credentials.create(client, "slow")

    async def trickle() -> Any:
        yield b'{"diff_content": '
        await asyncio.sleep(2.0)
        yield json.dumps(CLEAN_DIFF).encode() + b"}"

    response = await client.post("/v1/reviews/", data=trickle(), headers={
        **creds.headers, "Content-Type": "application/json"})
    assert response.status == 408
    assert (await response.json())["error"] == "RequestTimeout"
