"""What a person sees when the server starts, and what the logs say about each review."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import aiohttp

from tests.helpers import CLEAN_DIFF, ServerProcess
from wfc_server.cli import startup_line
from wfc_server.config import load_settings


async def test_start_prints_a_line_for_people_and_short_json_logs(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data", {"WFC_RATE_LIMIT_CAPACITY": "50"}).start()
    try:
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            created = await session.post(f"{server.url}/v1/projects/", json={
                "project_id": "logs", "developer_id": "dev"})
            key = (await created.json())["api_key"]
            headers = {"X-Project-ID": "logs", "Authorization": f"Bearer {key}", "X-Request-ID": "sub-1"}
            async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": CLEAN_DIFF},
                                    headers=headers) as response:
                review_id = (await response.json())["review_id"]
            for _ in range(600):
                async with session.get(f"{server.url}/v1/reviews/{review_id}", headers=headers) as r:
                    if (await r.json())["status"] == "completed":
                        break
                await asyncio.sleep(0.1)
    finally:
        server.terminate()
    text = server.logs()
    first = text.splitlines()[0]
    human = [line for line in text.splitlines() if line.startswith("wfc-server ")]
    assert len(human) == 1, text[:2000]
    assert f"listening on http://127.0.0.1:{server.port}" in human[0]
    assert f"dashboard http://127.0.0.1:{server.port}/dashboard/" in human[0]
    assert f"API docs http://127.0.0.1:{server.port}/docs" in human[0]
    assert len(first) < 400, first  # no 1.3 KB settings dump in a person's face
    listening = next(line for line in server.log_lines() if line.get("event") == "server.listening")
    assert listening["settings_changed"]["rate_limit"] == {"capacity": 50}
    assert "settings" not in listening
    lifecycle = [line for line in server.log_lines() if line.get("review_id") == review_id]
    assert {"review.submitted", "review.started", "review.completed"} <= {line["event"] for line in lifecycle}
    assert all(line.get("request_id") == "sub-1" for line in lifecycle), lifecycle
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    loose = [str(p) for p in data.rglob("*") if not p.is_symlink() and p.stat().st_mode & 0o077]
    assert not loose, loose[:5]


def test_start_line_for_a_server_on_every_interface_gives_a_browsable_address() -> None:
    line = startup_line(load_settings(environ={"WFC_HOST": "0.0.0.0", "WFC_PORT": "8080"}))
    assert "listening on http://localhost:8080 (all interfaces)" in line
    assert "dashboard http://localhost:8080/dashboard/" in line
