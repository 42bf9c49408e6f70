"""GET /v1/reviews/{id}/diff: the submitted diff, for the owner only."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.helpers import SQLI_DIFF, Credentials, submit


async def test_owner_gets_the_diff_exactly_as_submitted(client: TestClient, project: Credentials) -> None:
    review = await submit(client, project, SQLI_DIFF)
    response = await client.get(f"/v1/reviews/{review['review_id']}/diff", headers=project.headers)
    assert response.status == 200
    assert response.content_type == "text/x-diff" and response.charset == "utf-8"
    assert await response.text() == SQLI_DIFF


async def test_diff_has_the_same_auth_and_tenant_checks_as_the_review(
    client: TestClient, project: Credentials, other_project: Credentials
) -> None:
    review = await submit(client, project, SQLI_DIFF)
    path = f"/v1/reviews/{review['review_id']}/diff"
    assert (await client.get(path)).status == 401
    foreign = await client.get(path, headers=other_project.headers)
    assert foreign.status == 403 and (await foreign.json())["error"] == "Forbidden"
    assert "SELECT" not in await foreign.text()
    missing = await client.get("/v1/reviews/00000000-0000-4000-8000-000000000000/diff", headers=project.headers)
    assert missing.status == 404 and (await missing.json())["error"] == "NotFound"
