"""Cancel and timeout of running reviews, in-process, with real worker processes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, Credentials, submit, wait_terminal
from tests.service.slow_reviewers import marker_dir, sleepy
from wfc_server.state import SETTINGS
from wfc_server.review import ReviewEngine


async def _slow_client(make_client: Any, make_settings: Any, **sections: Any) -> TestClient:
    """An app whose reviewer sleeps in a real worker process (so cancel/timeout must kill it)."""
    settings = make_settings(**sections)
    engine = ReviewEngine(settings.engine, settings.pool, settings.repos, settings.data_path,
                          reviewer_runner=sleepy, roles=("security",))
    return await make_client(settings, engine=engine)


async def _wait_for(predicate: Any, what: str, timeout: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.05)


def _alive(pid: int) -> bool:
    """Running (a zombie awaiting its reaper counts as dead)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


async def test_cancel_running_review_kills_its_worker_and_frees_the_slot(
    make_client: Any, make_settings: Any
) -> None:
    client = await _slow_client(make_client, make_settings)
    markers = marker_dir(client.app[SETTINGS].data_path)
    markers.mkdir()
    creds = await Credentials.create(client, "p")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await _wait_for(lambda: any(markers.iterdir()), "a reviewer started")
    worker_pid = int(next(markers.iterdir()).name.split(".")[1])
    running = await (await client.get(f"/v1/reviews/{rid}", headers=creds.headers)).json()
    assert running["status"] == "in_progress"

    response = await client.delete(f"/v1/reviews/{rid}", headers=creds.headers)
    assert response.status == 200
    assert (await response.json())["status"] == "cancelled"
    await _wait_for(lambda: not _alive(worker_pid), "the worker died")  # the analysis process was actually stopped

    # The worker is free again: the next review starts at once.
    for marker in markers.iterdir():
        marker.unlink()
    nxt = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    await _wait_for(lambda: any(markers.iterdir()), "a reviewer started")
    state = await (await client.get(f"/v1/reviews/{nxt}", headers=creds.headers)).json()
    assert state["status"] == "in_progress"
    pool = await (await client.get("/v1/resources/pool", headers=creds.headers)).json()
    assert pool["current_usage"] == 1
    await client.delete(f"/v1/reviews/{nxt}", headers=creds.headers)


async def test_review_timeout_fails_with_the_contract_message(make_client: Any, make_settings: Any) -> None:
    client = await _slow_client(make_client, make_settings, review={"timeout_seconds": 1.0})
    creds = await Credentials.create(client, "p")
    rid = (await submit(client, creds, CLEAN_DIFF))["review_id"]
    result = await wait_terminal(client, creds, rid, timeout=30)
    assert result["status"] == "failed"
    assert result["error"] == "Review execution timeout after 1 seconds"
    assert result["passed"] is False and result["consensus_score"] is None
    pool = await (await client.get("/v1/resources/pool", headers=creds.headers)).json()
    assert pool["current_usage"] == 0
