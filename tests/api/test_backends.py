"""The contract on both backends: the same requests get the same answers, embedded or postgres."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, Credentials, submit, wait_terminal
from tests.service.slow_reviewers import marker_dir, sleepy
from tests.support.postgres import PostgresServer
from wfc_server.review import ReviewEngine
from wfc_server.state import SETTINGS

BACKENDS = ["embedded", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest, make_settings: Any) -> Any:
    """Settings factory for the backend under test (postgres: a fresh schema on the test server)."""
    if request.param == "embedded":
        return make_settings
    dsn = request.getfixturevalue("pg_dsn")

    def make(**sections: dict[str, Any]) -> Any:
        store = {"backend": "postgres", "dsn": dsn, "lease_seconds": 3.0, **sections.pop("store", {})}
        return make_settings(store=store, **sections)

    return make


async def _slow_client(make_client: Any, settings: Any) -> TestClient:
    engine = ReviewEngine(settings.engine, settings.pool, settings.repos, settings.data_path,
                          reviewer_runner=sleepy, roles=("security",))
    return await make_client(settings, engine=engine)


async def _until(predicate: Any, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.05)


async def test_a_review_is_submitted_run_listed_and_read_back(backend_settings: Any, make_client: Any) -> None:
    client = await make_client(backend_settings())
    creds = await Credentials.create(client, "alpha")
    accepted = await submit(client, creds, CLEAN_DIFF)
    assert accepted["status"] == "pending" and accepted["project_id"] == "alpha"
    done = await wait_terminal(client, creds, accepted["review_id"])
    assert done["status"] == "completed" and done["progress"] == 100
    assert isinstance(done["findings"], list) and done["consensus_score"] is not None

    response = await client.get("/v1/reviews/?status=completed", headers=creds.headers)
    assert response.status == 200 and "X-RateLimit-Limit" in response.headers
    listing = await response.json()
    assert listing["total"] == 1 and listing["reviews"][0]["review_id"] == accepted["review_id"]

    diff = await client.get(f"/v1/reviews/{accepted['review_id']}/diff", headers=creds.headers)
    assert await diff.text() == CLEAN_DIFF
    other = await Credentials.create(client, "beta")
    foreign = await client.get(f"/v1/reviews/{accepted['review_id']}", headers=other.headers)
    assert foreign.status == 403  # tenants stay isolated on either backend


async def test_the_event_stream_is_in_order_and_resumes_after_a_known_seq(
    backend_settings: Any, make_client: Any
) -> None:
    client = await make_client(backend_settings())
    creds = await Credentials.create(client, "alpha")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    query = f"project_id=alpha&token={creds.api_key}"
    seen: list[dict[str, Any]] = []
    async with client.ws_connect(f"/v1/reviews/{rid}/ws?{query}") as ws:
        async for message in ws:
            seen.append(message.json())
    assert seen[0]["type"] == "snapshot" and seen[-1]["type"] in {"completed", "snapshot"}
    events = [e for e in seen[1:]]
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert (await wait_terminal(client, creds, rid))["status"] == "completed"

    async with client.ws_connect(f"/v1/reviews/{rid}/ws?{query}&after=1") as ws:
        replayed = [message.json() async for message in ws]
    assert replayed[0]["type"] == "snapshot"
    if len(replayed) > 1:  # the history is still held: every event after seq 1, in order
        assert [e["seq"] for e in replayed[1:]] == list(range(2, 2 + len(replayed) - 1))
        assert replayed[-1]["type"] == "completed"


async def test_cancel_stops_a_running_review_and_frees_its_worker(backend_settings: Any, make_client: Any) -> None:
    client = await _slow_client(make_client, backend_settings())
    markers = marker_dir(client.app[SETTINGS].data_path)
    markers.mkdir()
    creds = await Credentials.create(client, "alpha")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await _until(lambda: any(markers.iterdir()), "a reviewer started")
    started = time.monotonic()
    response = await client.delete(f"/v1/reviews/{rid}", headers=creds.headers)
    assert response.status == 200 and (await response.json())["status"] == "cancelled"
    again = await client.delete(f"/v1/reviews/{rid}", headers=creds.headers)
    assert again.status == 409
    for marker in markers.iterdir():
        marker.unlink()
    second = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await _until(lambda: any(markers.iterdir()), "the freed worker started the next review")
    assert time.monotonic() - started < 10
    assert (await (await client.get(f"/v1/reviews/{rid}", headers=creds.headers)).json())["status"] == "cancelled"
    await client.delete(f"/v1/reviews/{second}", headers=creds.headers)


async def test_a_database_outage_answers_503_then_the_service_recovers_by_itself(
    pg_dsn: str, postgres_server: PostgresServer, make_client: Any, make_settings: Any
) -> None:
    client = await make_client(make_settings(store={"backend": "postgres", "dsn": pg_dsn}))
    creds = await Credentials.create(client, "alpha")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await wait_terminal(client, creds, rid)
    await asyncio.to_thread(postgres_server.stop, "fast")
    try:
        started = time.monotonic()
        for _ in range(3):
            response = await client.get(f"/v1/reviews/{rid}", headers=creds.headers)
            assert response.status == 503, await response.text()
            body = await response.json()
            assert body["error"] and "database unavailable" in body["detail"]
            assert int(response.headers["Retry-After"]) >= 1
        posted = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=creds.headers)
        assert posted.status == 503
        assert time.monotonic() - started < 10  # no hang while it is down
        ready = await client.get("/health/ready")
        assert ready.status == 503 and (await ready.json())["checks"]["storage"] != "ok"
    finally:
        await asyncio.to_thread(postgres_server.start)
    deadline = time.monotonic() + 20
    while (await client.get("/health/ready")).status != 200:
        assert time.monotonic() < deadline, "readiness did not recover"
        await asyncio.sleep(0.2)
    after = await client.get(f"/v1/reviews/{rid}", headers=creds.headers)
    assert after.status == 200 and (await after.json())["status"] == "completed"
    fresh = await submit(client, creds, CLEAN_DIFF)
    assert (await wait_terminal(client, creds, fresh["review_id"]))["status"] == "completed"


async def test_gate_settings_idempotency_and_the_audit_trail_hold_on_either_backend(
    backend_settings: Any, make_client: Any
) -> None:
    client = await make_client(backend_settings())
    creds = await Credentials.create(client, "alpha")
    policy_url = "/v1/projects/alpha/policy"
    for version in (1, 2):
        response = await client.put(policy_url, json={"mode": "warn"}, headers=creds.headers)
        assert response.status == 200 and (await response.json())["version"] == version
    assert (await (await client.get(policy_url, headers=creds.headers)).json())["mode"] == "warn"
    url = "/v1/projects/alpha/suppressions"
    made = await client.post(url, json={"rule_id": "WFC-SEC-SQLI", "path_glob": "app/**", "reason": "legacy"},
                             headers=creds.headers)
    assert made.status == 201, await made.text()
    listed = await (await client.get(url, headers=creds.headers)).json()
    assert [s["reason"] for s in listed["suppressions"]] == ["legacy"]

    retry = {**creds.headers, "Idempotency-Key": "build-42"}
    first = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=retry)
    second = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=retry)
    assert first.status == second.status == 202
    assert (await first.json())["review_id"] == (await second.json())["review_id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    other = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF + "\n"}, headers=retry)
    assert other.status == 422

    trail = await (await client.get("/v1/projects/alpha/audit", headers=creds.headers)).json()
    assert "project.created" in {entry["action"] for entry in trail["entries"]}


async def test_a_replica_started_before_its_database_waits_for_it_and_says_why(
    make_settings: Any, aiohttp_client: Any, tmp_path: Any
) -> None:
    from wfc_server.app import create_app

    missing = tmp_path / "no-server-here"
    missing.mkdir()
    settings = make_settings(store={"backend": "postgres", "dsn": f"host={missing} port=5432 dbname=wfc"})
    client = await aiohttp_client(create_app(settings))
    await asyncio.sleep(0.3)
    ready = await client.get("/health/ready")
    body = await ready.json()
    assert ready.status == 503 and body["checks"]["storage"] == "the database has not been reached yet"
    assert "startup_error" not in body["checks"]  # waiting, not failed: it starts once the database answers
    response = await client.get("/v1/reviews/", headers={"X-Project-ID": "alpha", "Authorization": "Bearer x"})
    assert response.status == 503 and response.headers["Retry-After"]
    assert (await client.get("/health/live")).status == 200


async def test_a_replica_that_started_while_the_database_was_down_becomes_ready_when_it_returns(
    pg_dsn: str, postgres_server: PostgresServer, make_settings: Any, aiohttp_client: Any
) -> None:
    from wfc_server.app import create_app

    await asyncio.to_thread(postgres_server.stop, "fast")
    try:
        client = await aiohttp_client(create_app(make_settings(store={"backend": "postgres", "dsn": pg_dsn})))
        await asyncio.sleep(1.0)  # a few failed attempts
        assert (await client.get("/health/ready")).status == 503
    finally:
        await asyncio.to_thread(postgres_server.start)
    deadline = time.monotonic() + 20
    while (await client.get("/health/ready")).status != 200:
        assert time.monotonic() < deadline, "never became ready"
        await asyncio.sleep(0.1)
    creds = await Credentials.create(client, "alpha")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    assert (await wait_terminal(client, creds, rid))["status"] == "completed"
