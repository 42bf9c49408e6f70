"""Authentication: one 401 for every kind of bad credential, checked before the body."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import Credentials


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Project-ID": "alpha"},
        {"Authorization": "Bearer wfc_sk_x"},
        {"X-Project-ID": "alpha", "Authorization": "wfc_sk_notbearer"},
        {"X-Project-ID": "alpha", "Authorization": "Bearer "},
        {"X-Project-ID": "alpha", "Authorization": "Bearer wfc_sk_wrongwrongwrongwrongwrongwrongwrong"},
        {"X-Project-ID": "nobody", "Authorization": "Bearer wfc_sk_wrongwrongwrongwrongwrongwrongwrong"},
    ],
)
async def test_bad_credentials_all_get_the_same_401(
    client: TestClient, project: Credentials, headers: dict[str, str]
) -> None:
    response = await client.get("/v1/reviews/", headers=headers)
    assert response.status == 401
    body = await response.json()
    assert body["error"] == "Unauthorized"
    assert body["detail"] == "Missing or invalid credentials: send X-Project-ID and Authorization: Bearer <api_key>"
    assert "X-RateLimit-Limit" not in response.headers


async def test_another_projects_key_is_401(client: TestClient, project: Credentials, other_project: Credentials) -> None:
    headers = {"X-Project-ID": project.project_id, "Authorization": f"Bearer {other_project.api_key}"}
    response = await client.get("/v1/reviews/", headers=headers)
    assert response.status == 401


async def test_authentication_comes_before_validation(client: TestClient, project: Credentials) -> None:
    response = await client.post("/v1/reviews/", json={"diff_content": ""})
    assert response.status == 401
    response = await client.post("/v1/reviews/", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status == 401


async def test_key_is_case_and_scheme_tolerant_only_where_safe(client: TestClient, project: Credentials) -> None:
    headers = {"X-Project-ID": project.project_id, "Authorization": f"bearer {project.api_key}"}
    assert (await client.get("/v1/reviews/", headers=headers)).status == 200
    headers["Authorization"] = f"Bearer {project.api_key.upper()}"
    assert (await client.get("/v1/reviews/", headers=headers)).status == 401
