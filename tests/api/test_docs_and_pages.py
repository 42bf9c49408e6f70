"""What a person meets first: the root page, the API docs, metrics, the data directory."""

from __future__ import annotations

import pytest
import stat
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from tests.helpers import Credentials, submit, wait_terminal
from wfc_server.api.errors import ERROR_TYPES

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def test_root_gives_browsers_a_page_and_clients_json(client: TestClient) -> None:
    page = await client.get("/", headers={"Accept": BROWSER_ACCEPT})
    assert page.status == 200 and page.content_type == "text/html"
    html = await page.text()
    assert 'href="/dashboard/"' in html and 'href="/docs"' in html
    assert page.headers["Vary"] == "Accept"
    for accept in ("*/*", "application/json", "application/json, text/html"):
        data = await client.get("/", headers={"Accept": accept})
        assert data.content_type == "application/json", accept
        assert (await data.json())["status"] == "healthy"


async def test_docs_page_is_titled_and_answers_with_and_without_slash(client: TestClient) -> None:
    for path in ("/docs", "/docs/"):
        response = await client.get(path)
        assert response.status == 200, path
        html = await response.text()
        assert "<title>wfc-server API documentation</title>" in html
        assert 'data-spec="/openapi.json"' in html
    for asset in ("/docs/static/swagger-ui-bundle.js", "/docs/static/swagger-ui.css", "/dashboard/api-docs.js"):
        assert (await client.get(asset)).status == 200, asset


async def test_openapi_has_no_head_twins_and_error_examples_name_their_own_type(client: TestClient) -> None:
    spec = await (await client.get("/openapi.json")).json()
    examples: dict[int, set[str]] = {}
    for path, operations in spec["paths"].items():
        assert "head" not in operations, path
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if int(code) < 400:
                    continue
                example = response["content"]["application/json"]["example"]
                examples.setdefault(int(code), set()).add(example["error"])
                assert example["detail"] and example["request_id"]
                assert ("retry_after" in example) == (int(code) == 429)
    assert {401, 404, 422, 429, 500, 503} <= examples.keys()
    for code, types in examples.items():
        assert types == {ERROR_TYPES[code]}, (code, types)
    diff_ok = spec["paths"]["/v1/reviews/{review_id}/diff"]["get"]["responses"]["200"]
    assert "text/x-diff" in diff_ok["content"]


async def test_metrics_have_process_metrics_and_no_created_series(client: TestClient, project: Credentials) -> None:
    review = await submit(client, project)
    await wait_terminal(client, project, review["review_id"])
    text = await (await client.get("/metrics")).text()
    assert "wfc_review_requests_total" in text and "wfc_http_requests_total" in text
    assert "_created" not in text
    for name in ("process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds",
                 "python_info", "python_gc_objects_collected_total"):
        assert f"\n{name}" in text, name


def _modes(root: Path) -> dict[str, int]:
    found = {str(root): stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        if not path.is_symlink():
            found[str(path)] = stat.S_IMODE(path.stat().st_mode)
    return found


@pytest.mark.embedded_only  # reads the embedded store's files
async def test_data_directory_and_stored_files_are_private(make_client: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)  # an existing, world-readable folder is made private at start-up
    client = await make_client()
    creds = await Credentials.create(client, "private")
    review = await submit(client, creds)
    await wait_terminal(client, creds, review["review_id"])
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    stored = [p for p in data.rglob("*") if p.is_file() and p.suffix in (".json", ".diff")]
    assert stored, "expected stored records and diffs"
    loose = {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in stored if p.stat().st_mode & 0o077}
    assert not loose, loose
