"""Every error is the JSON envelope, with the request id; nothing leaks a traceback."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from tests.helpers import Credentials


async def _envelope(response, status: int, error: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    body = await response.json()
    assert body["error"] == error
    assert body["detail"]
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


async def test_unknown_route_is_404_envelope(client: TestClient) -> None:
    await _envelope(await client.get("/v1/nope"), 404, "NotFound")


async def test_wrong_method_is_405_envelope(client: TestClient) -> None:
    response = await client.put("/v1/projects/")
    body = await _envelope(response, 405, "MethodNotAllowed")
    assert "GET" in response.headers["Allow"] and "POST" in body["detail"]


async def test_request_id_is_honoured_or_generated(client: TestClient) -> None:
    response = await client.get("/", headers={"X-Request-ID": "trace-123"})
    assert response.headers["X-Request-ID"] == "trace-123"
    response = await client.get("/v1/nope", headers={"X-Request-ID": "bad id with spaces"})
    body = await response.json()
    assert body["request_id"] != "bad id with spaces" and len(body["request_id"]) == 36


async def test_invalid_utf8_and_non_object_bodies(client: TestClient, project: Credentials) -> None:
    response = await client.post(
        "/v1/reviews/", data=b'{"diff_content": "\xff\xfe"}', headers={**project.headers, "Content-Type": "application/json"}
    )
    assert response.status in (400, 422)
    assert (await response.json())["error"] in ("BadRequest", "ValidationError")
    response = await client.post("/v1/reviews/", json=["a", "list"], headers=project.headers)
    await _envelope(response, 422, "ValidationError")


async def test_413_with_content_length(make_client) -> None:  # type: ignore[no-untyped-def]
    client = await make_client(server={"max_body_bytes": 2048})
    creds = await Credentials.create(client, "big")
    response = await client.post("/v1/reviews/", data=b"x" * 5000, headers={**creds.headers, "Content-Type": "application/json"})
    body = await _envelope(response, 413, "PayloadTooLarge")
    assert "2048" in body["detail"]


async def test_413_without_content_length_chunked(make_client) -> None:  # type: ignore[no-untyped-def]
    client = await make_client(server={"max_body_bytes": 2048})
    creds = await Credentials.create(client, "big")

    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"diff_content": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}'

    response = await client.post(
        "/v1/reviews/", data=chunks(), headers={**creds.headers, "Content-Type": "application/json"}
    )
    await _envelope(response, 413, "PayloadTooLarge")
