"""Reviews over REST: submit, status, history, cancel, isolation and rate limits."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, Credentials, submit, wait_terminal
from wfc_server.state import SETTINGS


@pytest.mark.embedded_only  # reads the embedded store's files
async def test_submit_is_durable_and_reaches_completed(client: TestClient, project: Credentials) -> None:
    response = await client.post("/v1/reviews/", json={"diff_content": SQLI_DIFF, "files": ["app/users.py"]},
                                 headers=project.headers)
    assert response.status == 202
    body = await response.json()
    assert set(body) == {"review_id", "status", "submitted_at", "project_id"}
    assert body["status"] == "pending" and body["project_id"] == "alpha"
    assert uuid.UUID(body["review_id"]).version == 4
    assert response.headers["Location"] == f"/v1/reviews/{body['review_id']}"
    rid = body["review_id"]
    data_dir = client.app[SETTINGS].data_path
    assert (data_dir / "reviews" / rid[:2] / f"{rid}.json").exists()
    assert (data_dir / "reviews" / rid[:2] / f"{rid}.diff").read_text() == SQLI_DIFF

    result = await wait_terminal(client, project, rid)
    assert result["status"] == "completed", result
    assert result["passed"] is False  # a SQL injection never passes
    assert 0 <= result["consensus_score"] <= 10
    assert result["completed_at"] and result["developer_id"] == "dev-1"
    sqli = [f for f in result["findings"] if f["category"] == "security" and f["file"] == "app/users.py"]
    assert sqli and sqli[0]["severity"] in ("high", "critical") and sqli[0]["line"] == 8
    for finding in result["findings"]:
        assert finding["title"] and finding["description"] and finding["suggestion"]
    assert set(result["reviewers"]) == {"security", "correctness", "performance", "maintainability", "reliability"}
    assert result["coverage"]["mode"] == "diff"
    assert "error" not in result


async def test_pending_shape_has_null_results(make_client: Any) -> None:
    client = await make_client(review={"workers": 1})
    creds = await Credentials.create(client, "p")
    ids = [(await submit(client, creds))["review_id"] for _ in range(3)]
    response = await client.get(f"/v1/reviews/{ids[-1]}", headers=creds.headers)
    body = await response.json()
    if body["status"] in ("pending", "in_progress"):
        assert body["findings"] is None and body["consensus_score"] is None and body["passed"] is None
        assert body["completed_at"] is None
    for rid in ids:
        done = await wait_terminal(client, creds, rid)
        assert isinstance(done["findings"], list)


async def test_clean_diff_passes(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project, CLEAN_DIFF))["review_id"]
    result = await wait_terminal(client, project, rid)
    assert result["status"] == "completed" and result["passed"] is True
    assert result["findings"] == [] or all(f["severity"] in ("low", "info") for f in result["findings"])


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"diff_content": ""}, "diff_content"),
        ({"diff_content": "hello, this is not a diff"}, "diff_content"),
        ({}, "diff_content"),
        ({"diff_content": CLEAN_DIFF, "files": ["  "]}, "files"),
        ({"diff_content": CLEAN_DIFF, "files": "app/maths.py"}, "files"),
        ({"diff_content": CLEAN_DIFF, "base_ref": "--upload-pack=x"}, "base_ref"),
    ],
)
async def test_submit_validation(client: TestClient, project: Credentials, payload: dict[str, Any], needle: str) -> None:
    response = await client.post("/v1/reviews/", json=payload, headers=project.headers)
    assert response.status == 422, await response.text()
    body = await response.json()
    assert body["error"] == "ValidationError" and needle in body["detail"]


async def test_history_is_newest_first_paginated_and_filtered(client: TestClient, project: Credentials,
                                                              other_project: Credentials) -> None:
    ids = [(await submit(client, project))["review_id"] for _ in range(4)]
    await submit(client, other_project)
    response = await client.get("/v1/reviews/?limit=2&offset=1", headers=project.headers)
    assert response.status == 200
    body = await response.json()
    assert (body["total"], body["limit"], body["offset"]) == (4, 2, 1)
    assert [r["review_id"] for r in body["reviews"]] == [ids[2], ids[1]]
    for rid in ids:
        await wait_terminal(client, project, rid)
    done = await (await client.get("/v1/reviews/?status=completed", headers=project.headers)).json()
    assert done["total"] == 4 and [r["review_id"] for r in done["reviews"]] == ids[::-1]
    single = await (await client.get(f"/v1/reviews/{ids[0]}", headers=project.headers)).json()
    # Summaries by default: no findings, counts per severity instead.
    oldest = done["reviews"][-1]
    assert done["view"] == "summary" and "findings" not in oldest and "coverage" not in oldest
    assert oldest["findings_count"] == single["findings_count"] == sum(oldest["severity_counts"].values())
    assert oldest["files_total"] == single["coverage"]["files_total"]  # what the dashboard row shows
    assert set(oldest["file_names"]) == set(single["coverage"]["reviewed_files"]) | {f["file"] for f in single["findings"]}
    assert {k: oldest[k] for k in ("status", "consensus_score", "passed", "submitted_at")} == {
        k: single[k] for k in ("status", "consensus_score", "passed", "submitted_at")}
    full = await (await client.get("/v1/reviews/?status=completed&view=full",
                                   headers=project.headers)).json()
    assert full["view"] == "full" and full["reviews"][-1] == single  # the objects GET returns
    too_big = await client.get("/v1/reviews/?view=full&limit=21", headers=project.headers)
    assert too_big.status == 422 and "limit" in (await too_big.json())["detail"]
    none = await (await client.get("/v1/reviews/?status=failed", headers=project.headers)).json()
    assert none["total"] == 0 and none["reviews"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "status=weird", "limit=abc",
                                   "offset=18446744073709551616", "view=everything"])
async def test_history_query_validation(client: TestClient, project: Credentials, query: str) -> None:
    response = await client.get(f"/v1/reviews/?{query}", headers=project.headers)
    assert response.status == 422
    assert (await response.json())["error"] == "ValidationError"


async def test_other_projects_review_is_403_and_unknown_is_404(
    client: TestClient, project: Credentials, other_project: Credentials
) -> None:
    rid = (await submit(client, project))["review_id"]
    foreign = await client.get(f"/v1/reviews/{rid}", headers=other_project.headers)
    assert foreign.status == 403 and (await foreign.json())["error"] == "Forbidden"
    assert (await client.delete(f"/v1/reviews/{rid}", headers=other_project.headers)).status == 403
    assert (await client.get(f"/v1/reviews/{uuid.uuid4()}", headers=project.headers)).status == 404
    assert (await client.get("/v1/reviews/not-a-uuid", headers=project.headers)).status == 404
    listing = await (await client.get("/v1/reviews/", headers=other_project.headers)).json()
    assert listing["total"] == 0


async def test_cancel_pending_then_409(make_client: Any) -> None:
    client = await make_client(review={"workers": 1})
    creds = await Credentials.create(client, "p")
    ids = [(await submit(client, creds, SQLI_DIFF))["review_id"] for _ in range(4)]
    response = await client.delete(f"/v1/reviews/{ids[-1]}", headers=creds.headers)
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "cancelled" and body["completed_at"]
    again = await client.delete(f"/v1/reviews/{ids[-1]}", headers=creds.headers)
    assert again.status == 409 and (await again.json())["error"] == "Conflict"
    for rid in ids[:-1]:
        await wait_terminal(client, creds, rid)
    assert (await (await client.get(f"/v1/reviews/{ids[-1]}", headers=creds.headers)).json())["status"] == "cancelled"


async def test_rate_limit_headers_and_429(make_client: Any) -> None:
    client = await make_client(rate_limit={"capacity": 3, "refill_rate": 0.01})
    creds = await Credentials.create(client, "p")
    other = await Credentials.create(client, "q")
    statuses = []
    for _ in range(4):
        response = await client.get("/v1/reviews/", headers=creds.headers)
        statuses.append(response.status)
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
            assert response.headers[name].isdigit()
    assert statuses == [200, 200, 200, 429]
    assert response.headers["X-RateLimit-Remaining"] == "0"
    body = await response.json()
    assert body["error"] == "TooManyRequests" and body["retry_after"] > 0
    assert int(response.headers["Retry-After"]) == body["retry_after"]
    # One tenant's exhaustion leaves another's budget whole.
    fine = await client.get("/v1/reviews/", headers=other.headers)
    assert fine.status == 200 and fine.headers["X-RateLimit-Remaining"] == "2"


async def test_queue_full_is_503(make_client: Any) -> None:
    client = await make_client(review={"workers": 1, "queue_size": 1})
    creds = await Credentials.create(client, "p")
    results = await asyncio.gather(
        *(client.post("/v1/reviews/", json={"diff_content": SQLI_DIFF}, headers=creds.headers) for _ in range(6))
    )
    statuses = sorted(r.status for r in results)
    assert 202 in statuses and 503 in statuses
    full = next(r for r in results if r.status == 503)
    assert (await full.json())["error"] == "ServiceUnavailable" and full.headers["Retry-After"]
