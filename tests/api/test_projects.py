"""POST/GET /v1/projects/: creation, validation, conflicts, secrecy, per-address limits."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import Credentials, submit, wait_terminal
from wfc_server.state import SETTINGS


@pytest.mark.embedded_only  # reads the embedded store's files
async def test_create_returns_key_once_and_stores_only_a_hash(client: TestClient) -> None:
    response = await client.post(
        "/v1/projects/", json={"project_id": "my-project", "developer_id": "alice", "repo_path": "/srv/repo"}
    )
    assert response.status == 201
    body = await response.json()
    assert set(body) == {"project_id", "api_key", "created_at"}
    assert re.fullmatch(r"wfc_sk_[A-Za-z0-9_-]{32,}", body["api_key"])
    assert body["created_at"].endswith("Z")
    data_dir = client.app[SETTINGS].data_path
    stored = (data_dir / "projects" / "my-project.json").read_text()
    assert body["api_key"] not in stored
    assert json.loads(stored)["repo_path"] == "/srv/repo"


async def test_listing_never_shows_secrets(client: TestClient, project: Credentials) -> None:
    response = await client.get("/v1/projects/")
    assert response.status == 200
    body = await response.json()
    assert body["total"] == 1
    assert body["projects"] == [
        {"project_id": "alpha", "developer_id": "dev-1", "created_at": body["projects"][0]["created_at"]}
    ]
    text = await response.text()
    assert project.api_key not in text and "hash" not in text and "repo_path" not in text


async def test_duplicate_is_409(client: TestClient, project: Credentials) -> None:
    response = await client.post(
        "/v1/projects/", json={"project_id": "alpha", "developer_id": "x", "repo_path": "/r"}
    )
    assert response.status == 409
    body = await response.json()
    assert body["error"] == "Conflict" and "alpha" in body["detail"] and body["request_id"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"project_id": "bad id!", "developer_id": "a", "repo_path": "/r"}, "project_id"),
        ({"project_id": "x" * 65, "developer_id": "a", "repo_path": "/r"}, "project_id"),
        ({"project_id": "ok", "developer_id": "a b", "repo_path": "/r"}, "developer_id"),
        ({"project_id": "ok", "developer_id": "a", "repo_path": "relative/path"}, "repo_path"),
        ({"project_id": 5, "developer_id": "a", "repo_path": "/r"}, "project_id"),
    ],
)
async def test_validation_errors_name_the_field(client: TestClient, payload: dict[str, Any], field: str) -> None:
    response = await client.post("/v1/projects/", json=payload)
    assert response.status == 422
    body = await response.json()
    assert body["error"] == "ValidationError"
    assert field in body["detail"]


async def test_malformed_json_is_400(client: TestClient) -> None:
    response = await client.post(
        "/v1/projects/", data=b'{"project_id": ', headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    body = await response.json()
    assert body["error"] == "BadRequest" and body["request_id"]


async def test_project_without_repo_path_is_a_diff_only_project(client: TestClient) -> None:
    response = await client.post("/v1/projects/", json={"project_id": "diffonly", "developer_id": "a"})
    assert response.status == 201
    body = await response.json()
    creds = Credentials(body["project_id"], body["api_key"])
    review = await wait_terminal(client, creds, (await submit(client, creds))["review_id"])
    assert review["status"] == "completed"
    assert review["coverage"]["mode"] == "diff"
    assert review["coverage"]["mode_reason"] == "diff-only project (no repo_path)"


async def test_unusable_repo_path_is_accepted(client: TestClient) -> None:
    response = await client.post(
        "/v1/projects/", json={"project_id": "norepo", "developer_id": "a", "repo_path": "/definitely/missing"}
    )
    assert response.status == 201


async def test_signups_are_limited_per_address_but_not_by_failed_auth(make_client: Any) -> None:
    client = await make_client(rate_limit={"create_capacity": 10, "create_refill_rate": 0.001})
    for _ in range(20):  # failed authentication attempts do not spend the sign-up budget
        bad = await client.get("/v1/reviews/", headers={"X-Project-ID": "p", "Authorization": "Bearer no"})
        assert bad.status == 401
    for n in range(10):
        ok = await client.post("/v1/projects/", json={"project_id": f"p{n}", "developer_id": "d", "repo_path": "/r"})
        assert ok.status == 201
    limited = await client.post("/v1/projects/", json={"project_id": "p99", "developer_id": "d", "repo_path": "/r"})
    assert limited.status == 429
    body = await limited.json()
    assert body["error"] == "TooManyRequests" and body["retry_after"] > 0
    assert int(limited.headers["Retry-After"]) > 0
