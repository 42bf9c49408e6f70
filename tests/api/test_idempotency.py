"""Idempotency-Key on POST /v1/reviews/: a retried submit never creates a second review."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, Credentials, wait_terminal
from wfc_server.api.schemas import ReviewSubmitSchema
from wfc_server.state import SETTINGS
from wfc_server.store.idempotency import IdempotencyEntry, key_hash
from wfc_server.service.submissions import request_hash


async def _post(client: TestClient, creds: Credentials, key: str | None, diff: str = CLEAN_DIFF,
                **extra: Any) -> tuple[int, dict[str, Any], Any]:
    headers = dict(creds.headers)
    if key is not None:
        headers["Idempotency-Key"] = key
    response = await client.post("/v1/reviews/", json={"diff_content": diff, **extra}, headers=headers)
    return response.status, await response.json(), response.headers


async def _total(client: TestClient, creds: Credentials) -> int:
    """How many reviews the project has (asked through the API, so either backend answers)."""
    return int((await (await client.get("/v1/reviews/", headers=creds.headers)).json())["total"])


async def test_same_key_and_body_answer_the_original_review(client: TestClient, project: Credentials) -> None:
    status, first, headers = await _post(client, project, "ci-run-1")
    assert status == 202 and "Idempotent-Replayed" not in headers
    await wait_terminal(client, project, first["review_id"])
    status, again, headers = await _post(client, project, "ci-run-1")
    assert status == 202 and headers["Idempotent-Replayed"] == "true"
    assert again == first  # the original 202 body, even though the review has finished since
    assert await _total(client, project) == 1


async def test_same_key_with_another_body_is_refused(client: TestClient, project: Credentials) -> None:
    status, first, _ = await _post(client, project, "ci-run-2")
    assert status == 202
    status, body, _ = await _post(client, project, "ci-run-2", SQLI_DIFF)
    assert status == 422 and body["error"] == "ValidationError"
    assert "Idempotency-Key" in body["detail"] and "different request body" in body["detail"]
    status, _, _ = await _post(client, project, "ci-run-2", CLEAN_DIFF, files=["app/maths.py"])
    assert status == 422
    assert await _total(client, project) == 1


async def test_keys_are_per_project(client: TestClient, project: Credentials, other_project: Credentials) -> None:
    _, mine, _ = await _post(client, project, "shared-key")
    status, theirs, headers = await _post(client, other_project, "shared-key")
    assert status == 202 and theirs["review_id"] != mine["review_id"] and "Idempotent-Replayed" not in headers


async def test_concurrent_retries_with_one_key_create_one_review(client: TestClient, project: Credentials) -> None:
    answers = await asyncio.gather(*[_post(client, project, "burst") for _ in range(8)])
    assert {status for status, _, _ in answers} == {202}
    assert len({body["review_id"] for _, body, _ in answers}) == 1
    assert await _total(client, project) == 1


async def test_a_bad_key_is_a_validation_error(client: TestClient, project: Credentials) -> None:
    for key in ("", "x" * 256, "has space", "ünïcode"):
        headers = {**project.headers, "Idempotency-Key": key.encode("utf-8").decode("latin-1")}
        response = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF}, headers=headers)
        assert response.status == 422, key
        assert "Idempotency-Key" in (await response.json())["detail"]


async def test_keys_survive_a_restart(make_client: Any, make_settings: Any) -> None:
    settings = make_settings()
    first_app = await make_client(settings)
    creds = await Credentials.create(first_app, "alpha")
    _, first, _ = await _post(first_app, creds, "durable-key")
    await wait_terminal(first_app, creds, first["review_id"])
    await first_app.close()
    second_app = await make_client(settings)
    status, again, headers = await _post(second_app, creds, "durable-key")
    assert status == 202 and again["review_id"] == first["review_id"]
    assert headers["Idempotent-Replayed"] == "true"
    status, _, _ = await _post(second_app, creds, "durable-key", SQLI_DIFF)
    assert status == 422


@pytest.mark.embedded_only  # plants the key as the embedded store keeps it
async def test_a_key_whose_review_was_never_stored_creates_exactly_that_review(
    client: TestClient, project: Credentials
) -> None:
    """A crash after the key was written but before the review: the retry creates the reserved id."""
    data = ReviewSubmitSchema().load({"diff_content": CLEAN_DIFF})
    reserved = "0b7f5a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
    entry = IdempotencyEntry(key_hash("crashed"), request_hash(data), reserved, time.time())
    directory = client.app[SETTINGS].data_path / "idempotency" / project.project_id
    directory.mkdir(parents=True)
    (directory / f"{entry.key_hash}.json").write_text(json.dumps(dataclasses.asdict(entry)))
    status, body, headers = await _post(client, project, "crashed")
    assert status == 202 and body["review_id"] == reserved and "Idempotent-Replayed" not in headers
    status, again, headers = await _post(client, project, "crashed")
    assert again["review_id"] == reserved and headers["Idempotent-Replayed"] == "true"


async def test_expired_keys_are_forgotten(make_client: Any) -> None:
    client = await make_client(pipeline={"idempotency_hours": 1 / 3600})  # one second
    creds = await Credentials.create(client, "alpha")
    _, first, _ = await _post(client, creds, "short-lived")
    await asyncio.sleep(1.2)
    status, second, headers = await _post(client, creds, "short-lived", SQLI_DIFF)
    assert status == 202 and second["review_id"] != first["review_id"]
