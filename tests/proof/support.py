"""Shared helpers for the proof tests: real server processes, projects, canaries, process trees."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

from tests.helpers import ServerProcess

TERMINAL = ("completed", "failed", "cancelled")

#: Limits raised so a proof test exercises the service, not its throttles.
UNTHROTTLED = {
    "WFC_RATE_LIMIT_CAPACITY": "1000000",
    "WFC_RATE_LIMIT_REFILL_RATE": "1000000",
    "WFC_RATE_LIMIT_CREATE_CAPACITY": "100000",
    "WFC_RATE_LIMIT_CREATE_REFILL_RATE": "100000",
    "WFC_DRAIN_GRACE_SECONDS": "2",
}


@contextmanager
def running_server(data_dir: Path, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    """A ready ``python -m wfc_server`` process, killed (whole group) on exit."""
    server = ServerProcess(data_dir, {**UNTHROTTLED, **(env or {})}).start()
    try:
        asyncio.run(server.wait_ready())
        yield server
    finally:
        server.stop()


async def create_project(session: aiohttp.ClientSession, base: str, project_id: str,
                         repo_path: str = "/nonexistent/repo") -> dict[str, str]:
    async with session.post(f"{base}/v1/projects/", json={
        "project_id": project_id, "developer_id": "dev", "repo_path": repo_path}) as response:
        body = await response.json()
        assert response.status == 201, body
    return {"X-Project-ID": body["project_id"], "Authorization": f"Bearer {body['api_key']}"}


async def wait_terminal(session: aiohttp.ClientSession, base: str, headers: dict[str, str], review_id: str,
                        timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        async with session.get(f"{base}/v1/reviews/{review_id}", headers=headers) as response:
            assert response.status == 200, await response.text()
            body = await response.json()
        if body["status"] in TERMINAL:
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"review {review_id} not terminal after {timeout}s: {body.get('status')}")


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and link below ``root`` with a content hash: a canary to diff before and after."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*filenames, *dirnames]:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from /proc (the engine's forkserver and its workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
