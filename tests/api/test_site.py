"""Health probes, resources, metrics, OpenAPI and the dashboard's static files."""

from __future__ import annotations

import re
from typing import Any

from aiohttp.test_utils import TestClient

from tests.helpers import Credentials, submit, wait_terminal
from wfc_server import __version__
from wfc_server.state import LIFECYCLE


async def test_health_endpoints(client: TestClient) -> None:
    root = await client.get("/")
    assert root.status == 200 and await root.json() == {"status": "healthy", "version": __version__}
    assert (await client.get("/health/live")).status == 200
    ready = await client.get("/health/ready")
    assert ready.status == 200 and (await ready.json())["status"] == "ready"


async def test_not_ready_means_503_for_api_and_probe(client: TestClient, project: Credentials) -> None:
    client.app[LIFECYCLE].ready = False
    try:
        probe = await client.get("/health/ready")
        assert probe.status == 503 and (await probe.json())["error"] == "ServiceUnavailable"
        api = await client.get("/v1/reviews/", headers=project.headers)
        assert api.status == 503 and api.headers["Retry-After"]
        assert (await client.get("/health/live")).status == 200
    finally:
        client.app[LIFECYCLE].ready = True


async def test_pool_lists_only_own_worktrees(client: TestClient, project: Credentials) -> None:
    response = await client.get("/v1/resources/pool", headers=project.headers)
    assert response.status == 200
    body = await response.json()
    assert body["max_worktrees"] == 10
    assert body["available"] == body["max_worktrees"] - body["current_usage"]
    assert all(w["project_id"] == "alpha" for w in body["in_use"])
    assert isinstance(body["orphaned_count"], int)


async def test_rate_limit_status(make_client: Any) -> None:
    client = await make_client(rate_limit={"capacity": 10, "refill_rate": 10.0})
    creds = await Credentials.create(client, "p")
    body = await (await client.get("/v1/resources/rate-limit", headers=creds.headers)).json()
    assert body["capacity"] == 10 and body["refill_rate"] == 10.0
    assert 0 <= body["available_tokens"] <= 10
    assert body["next_refill_at"].endswith("Z")


async def test_metrics_have_the_plan_names_and_bounded_labels(client: TestClient, project: Credentials) -> None:
    rid = (await submit(client, project))["review_id"]
    await wait_terminal(client, project, rid)
    await client.get("/v1/nope")
    text = await (await client.get("/metrics")).text()
    for name in ("wfc_review_requests_total", "wfc_review_duration_seconds", "wfc_active_reviews",
                 "wfc_worktree_pool_size", "wfc_http_requests_total", "wfc_http_request_duration_seconds",
                 "wfc_review_queue_depth", "wfc_websockets_open", "wfc_rate_limited_total"):
        assert name in text, name
    assert rid not in text and project.api_key not in text
    assert 'project=' not in text  # project labels are off by default
    assert re.search(r'wfc_http_requests_total\{method="GET",route="/v1/reviews/\{review_id\}",status="200"\}', text)
    assert 'route="unmatched"' in text  # unknown paths never become labels


async def test_openapi_covers_every_route_and_error(client: TestClient) -> None:
    spec = await (await client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    expected = {
        "/": ["get"], "/health/live": ["get"], "/health/ready": ["get"],
        "/v1/projects/": ["get", "post"], "/v1/reviews/": ["get", "post"],
        "/v1/reviews/{review_id}": ["get", "delete"], "/v1/reviews/{review_id}/ws": ["get"],
        "/v1/resources/pool": ["get"], "/v1/resources/rate-limit": ["get"],
    }
    for path, methods in expected.items():
        for method in methods:
            assert method in paths[path], (path, method)
    submit_op = paths["/v1/reviews/"]["post"]
    assert {"202", "401", "413", "422", "429", "500"} <= set(submit_op["responses"])
    assert "ReviewSubmit" in str(submit_op["requestBody"])
    assert (await client.get("/docs")).status == 200


async def test_dashboard_is_served_with_csp(client: TestClient) -> None:
    response = await client.get("/dashboard/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-cache"
    assert (await client.get("/dashboard/../pyproject.toml")).status == 404
