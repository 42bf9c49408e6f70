"""Scopes, the admin token and failed-authentication limits, on in-process apps."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, Credentials, submit, wait_terminal

ADMIN_TOKEN = "wfc_admin_in-process-test-token"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
async def operated(make_client: Any) -> TestClient:
    return await make_client(auth={"admin_token": ADMIN_TOKEN, "failure_burst": 3, "failure_refill_rate": 0.01},
                             server={"trust_forwarded_for": True})


async def _key(client: TestClient, owner: Credentials, scopes: list[str]) -> Credentials:
    response = await client.post(f"/v1/projects/{owner.project_id}/keys", headers=owner.headers,
                                 json={"name": "k", "scopes": scopes})
    assert response.status == 201, await response.text()
    return Credentials(owner.project_id, (await response.json())["api_key"])


async def test_failed_authentication_blocks_only_the_failing_address(operated: TestClient) -> None:
    owner = await Credentials.create(operated, "alpha")
    bad = {"X-Project-ID": "alpha", "Authorization": "Bearer wfc_sk_wrong", "X-Forwarded-For": "203.0.113.9"}
    statuses = [(await operated.get("/v1/reviews/", headers=bad)).status for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    blocked = await operated.get("/v1/reviews/", headers={**owner.headers, "X-Forwarded-For": "203.0.113.9"})
    assert blocked.status == 429 and int(blocked.headers["Retry-After"]) >= 1
    elsewhere = await operated.get("/v1/reviews/", headers={**owner.headers, "X-Forwarded-For": "198.51.100.7"})
    assert elsewhere.status == 200
    trail = await (await operated.get("/v1/admin/audit", headers=ADMIN)).json()
    blocks = [e for e in trail["entries"] if e["action"] == "auth.failures_blocked"]
    assert len(blocks) == 1 and blocks[0]["client"] == "203.0.113.9"


async def test_each_scope_opens_only_its_routes(operated: TestClient) -> None:
    owner = await Credentials.create(operated, "alpha")
    writer = await _key(operated, owner, ["reviews:write"])
    admin_only = await _key(operated, owner, ["project:admin"])
    submitted = await operated.post("/v1/reviews/", headers=writer.headers, json={"diff_content": CLEAN_DIFF})
    assert submitted.status == 202
    rid = (await submitted.json())["review_id"]
    for path in (f"/v1/reviews/{rid}", "/v1/reviews/", "/v1/resources/pool", "/v1/resources/rate-limit"):
        response = await operated.get(path, headers=writer.headers)
        assert response.status == 403 and "reviews:read" in (await response.json())["detail"], path
    response = await operated.get("/v1/reviews/", headers=admin_only.headers)
    assert response.status == 403
    assert (await operated.get("/v1/projects/alpha/keys", headers=admin_only.headers)).status == 200
    assert (await operated.get("/v1/projects/alpha/keys", headers=writer.headers)).status == 403


async def test_keys_manage_only_their_own_project_and_the_admin_token_only_projects(operated: TestClient) -> None:
    alpha = await Credentials.create(operated, "alpha")
    await Credentials.create(operated, "beta")
    response = await operated.get("/v1/projects/beta/keys", headers=alpha.headers)
    assert response.status == 403 and "another project" in (await response.json())["detail"]
    assert (await operated.get("/v1/projects/beta/keys", headers=ADMIN)).status == 200
    assert (await operated.get("/v1/projects/nobody/keys", headers=ADMIN)).status == 404
    assert (await operated.get("/v1/reviews/", headers=ADMIN)).status == 403
    assert (await operated.get("/v1/admin/projects", headers=alpha.headers)).status == 403
    me = await (await operated.get("/v1/auth/whoami", headers=ADMIN)).json()
    assert me["kind"] == "admin" and "project:admin" in me["scopes"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "scopes": ["reviews:everything"]}, "scopes"),
        ({"name": "x", "scopes": []}, "scopes"),
        ({"name": "", "scopes": ["reviews:read"]}, "name"),
        ({"name": "x", "scopes": ["reviews:read"], "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "x", "scopes": ["reviews:read"], "expires_at": "soon"}, "expires_at"),
    ],
)
async def test_invalid_key_requests_are_422_naming_the_field(operated: TestClient, body: dict[str, Any], field: str) -> None:
    owner = await Credentials.create(operated, "alpha")
    response = await operated.post("/v1/projects/alpha/keys", headers=owner.headers, json=body)
    assert response.status == 422
    assert field in (await response.json())["detail"]


async def test_every_v1_route_declares_who_may_call_it(operated: TestClient) -> None:
    undeclared = []
    for resource in operated.app.router.resources():
        info = resource.get_info()
        path = info.get("path") or info.get("formatter", "")
        if not path.startswith("/v1/"):
            continue
        for route in resource:
            if route.method == "HEAD":
                continue
            if getattr(route.handler, "wfc_auth", None) is None:
                undeclared.append(f"{route.method} {path}")
    assert undeclared == []
    spec = await (await operated.get("/openapi.json")).json()
    for path in ("/v1/projects/{project_id}/keys", "/v1/projects/{project_id}/webhooks/{webhook_id}/deliveries",
                 "/v1/admin/audit", "/v1/auth/whoami", "/v1/projects/{project_id}/audit"):
        assert path in spec["paths"], path


#: Route -> the scope a project key needs for it, as the operators' issue and README name them.
PIPELINE_SCOPES = {
    ("POST", "/v1/reviews/"): "reviews:write",
    ("DELETE", "/v1/reviews/{review_id}"): "reviews:write",
    ("GET", "/v1/reviews/"): "reviews:read",
    ("GET", "/v1/reviews/{review_id}"): "reviews:read",
    ("GET", "/v1/reviews/{review_id}/diff"): "reviews:read",
    ("GET", "/v1/reviews/{review_id}/report"): "reviews:read",
    ("GET", "/v1/reviews/{review_id}/ws"): "reviews:read",
    ("GET", "/v1/projects/{project_id}/policy"): "reviews:read",
    ("GET", "/v1/projects/{project_id}/suppressions"): "reviews:read",
    ("PUT", "/v1/projects/{project_id}/policy"): "project:admin",
    ("POST", "/v1/projects/{project_id}/suppressions"): "project:admin",
    ("DELETE", "/v1/projects/{project_id}/suppressions/{suppression_id}"): "project:admin",
}


def test_pipeline_routes_name_the_scope_they_need(operated: TestClient) -> None:
    declared = {}
    for resource in operated.app.router.resources():
        info = resource.get_info()
        path = info.get("path") or info.get("formatter", "")
        for route in resource:
            if (route.method, path) in PIPELINE_SCOPES:
                declared[(route.method, path)] = route.handler.wfc_auth.scope
    assert declared == PIPELINE_SCOPES


async def test_a_read_only_key_reads_reports_policy_and_suppressions_but_changes_nothing(operated: TestClient) -> None:
    owner = await Credentials.create(operated, "alpha")
    reader = await _key(operated, owner, ["reviews:read"])
    writer = await _key(operated, owner, ["reviews:write"])
    rid = (await submit(operated, owner, SQLI_DIFF))["review_id"]
    assert (await wait_terminal(operated, owner, rid))["status"] == "completed"
    for path in (f"/v1/reviews/{rid}/report?format=sarif", f"/v1/reviews/{rid}/diff",
                 "/v1/projects/alpha/policy", "/v1/projects/alpha/suppressions"):
        assert (await operated.get(path, headers=reader.headers)).status == 200, path
        refused = await operated.get(path, headers=writer.headers)
        assert refused.status == 403 and (await refused.json())["missing_scope"] == "reviews:read", path
    changes = [
        operated.put("/v1/projects/alpha/policy", json={"mode": "report"}, headers=reader.headers),
        operated.post("/v1/projects/alpha/suppressions", json={"rule_id": "WFC-SEC-SQLI", "reason": "x"},
                      headers=reader.headers),
        operated.delete("/v1/projects/alpha/suppressions/sup_x", headers=reader.headers),
    ]
    for change in changes:
        response = await change
        assert response.status == 403 and (await response.json())["missing_scope"] == "project:admin"
    policy = await (await operated.get("/v1/projects/alpha/policy", headers=reader.headers)).json()
    assert policy["version"] == 0


async def test_policy_and_suppression_changes_are_audited_with_their_actor(operated: TestClient) -> None:
    owner = await Credentials.create(operated, "alpha")
    await Credentials.create(operated, "beta")
    owner_key = (await (await operated.get("/v1/auth/whoami", headers=owner.headers)).json())["key_id"]
    assert (await operated.put("/v1/projects/alpha/policy", json={"mode": "warn", "fail_on": "high"},
                               headers=owner.headers)).status == 200
    created = await operated.post("/v1/projects/alpha/suppressions", headers=owner.headers,
                                  json={"rule_id": "WFC-SEC-SQLI", "path_glob": "legacy/**", "reason": "old code"})
    assert created.status == 201
    sid = (await created.json())["id"]
    assert (await operated.delete(f"/v1/projects/alpha/suppressions/{sid}", headers=owner.headers)).status == 204
    # The operator may change any project's gate; the audit says it was the operator.
    by_admin = await operated.put("/v1/projects/alpha/policy", json={"mode": "block"}, headers=ADMIN)
    assert by_admin.status == 200 and (await by_admin.json())["updated_by"] == "admin"

    trail = await (await operated.get("/v1/projects/alpha/audit", headers=owner.headers)).json()
    gate = [e for e in trail["entries"] if e["action"].startswith(("policy.", "suppression."))][::-1]
    assert [(e["action"], e["actor"]) for e in gate] == [
        ("policy.updated", owner_key), ("suppression.created", owner_key),
        ("suppression.deleted", owner_key), ("policy.updated", "admin"),
    ]
    assert gate[0]["target"] == "policy:v1" and gate[0]["details"]["mode"] == "warn"
    assert gate[0]["details"]["fail_on"] == "high" and gate[3]["target"] == "policy:v2"
    assert gate[1]["target"] == sid == gate[2]["target"]
    assert gate[1]["details"]["rule_id"] == "WFC-SEC-SQLI" and gate[1]["details"]["reason"] == "old code"
    assert all(e["project_id"] == "alpha" and e["request_id"] and e["client"] for e in gate)
    assert owner.api_key not in str(trail) and "wfc_sk_" not in str(gate)
    other = await (await operated.get("/v1/projects/beta/audit", headers=ADMIN)).json()
    assert not [e for e in other["entries"] if e["action"].startswith(("policy.", "suppression."))]
