"""A store that survives bad records: a record that parses but holds a wrong type is quarantined
and the service becomes ready; a damaged result never breaks its project's listing."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest

from tests.helpers import CLEAN_DIFF, ServerProcess, create_project, wait_review
from tests.proof.support import UNTHROTTLED

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def _record_path(data: Path, review_id: str) -> Path:
    return data / "reviews" / review_id[:2] / f"{review_id}.json"


async def test_wrong_typed_record_is_quarantined_and_the_server_becomes_ready(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = ServerProcess(data, UNTHROTTLED).start()
    try:
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await create_project(session, server.url, "victim")
            ids = []
            for _ in range(3):
                async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": CLEAN_DIFF},
                                        headers=headers) as response:
                    assert response.status == 202
                    ids.append((await response.json())["review_id"])
            for review_id in ids:
                await wait_review(session, server.url, headers, review_id, timeout=60)
    finally:
        server.stop()

    wrong_type, damaged_result, intact = ids
    # Parses as JSON, every field present, one of the wrong type (an unfinished review whose
    # attempt count is a string: the resume logic compares it with a number).
    record = json.loads(_record_path(data, wrong_type).read_bytes())
    record.update(status="pending", attempts="1", completed_at=None, result=None)
    _record_path(data, wrong_type).write_text(json.dumps(record))
    # A completed review whose stored result has findings of the wrong shape.
    record = json.loads(_record_path(data, damaged_result).read_bytes())
    record["result"]["findings"] = "not a list"
    _record_path(data, damaged_result).write_text(json.dumps(record))

    server = ServerProcess(data, UNTHROTTLED).start()
    try:
        await server.wait_ready(timeout=30)
        quarantined = [p.name for p in (data / "quarantine" / "reviews").iterdir()]
        assert quarantined == [f"{wrong_type}.json"]
        assert any(line.get("event") == "store.quarantined" and wrong_type in line.get("file", "")
                   for line in server.log_lines())
        async with aiohttp.ClientSession() as session, session.get(
                f"{server.url}/v1/reviews/?view=full", headers=headers) as response:
            assert response.status == 200, await response.text()
            listing = await response.json()
        by_id = {item["review_id"]: item for item in listing["reviews"]}
        assert set(by_id) == {damaged_result, intact}
        assert by_id[intact]["status"] == "completed" and isinstance(by_id[intact]["findings"], list)
        assert by_id[damaged_result]["findings"] is None
        assert "could not be read" in by_id[damaged_result]["error"]
    finally:
        server.stop()
