"""Test helpers: credentials, sample diffs, polling, and a real server subprocess."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient

ROOT = Path(__file__).resolve().parents[1]

SQLI_DIFF = """diff --git a/app/users.py b/app/users.py
new file mode 100644
index 0000000..1111111
--- /dev/null
+++ b/app/users.py
@@ -0,0 +1,9 @@
+import sqlite3
+
+from flask import request
+
+
+def find_user(conn: sqlite3.Connection):
+    name = request.args["name"]
+    cursor = conn.execute("SELECT * FROM users WHERE name = '" + name + "'")
+    return cursor.fetchall()
"""

CLEAN_DIFF = """diff --git a/app/maths.py b/app/maths.py
new file mode 100644
index 0000000..2222222
--- /dev/null
+++ b/app/maths.py
@@ -0,0 +1,6 @@
+\"\"\"Small arithmetic helpers.\"\"\"
+
+
+def add(left: int, right: int) -> int:
+    \"\"\"Return the sum of two integers.\"\"\"
+    return left + right
"""


@dataclass
class Credentials:
    project_id: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Project-ID": self.project_id, "Authorization": f"Bearer {self.api_key}"}

    @classmethod
    async def create(cls, client: TestClient, project_id: str, repo_path: str = "/nonexistent/repo") -> Credentials:
        response = await client.post(
            "/v1/projects/",
            json={"project_id": project_id, "developer_id": "dev-1", "repo_path": repo_path},
        )
        assert response.status == 201, await response.text()
        body = await response.json()
        return cls(body["project_id"], body["api_key"])


async def wait_ready(client: TestClient, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = await client.get("/health/ready")
        if response.status == 200:
            return
        body = await response.json()
        if body.get("checks", {}).get("startup_error"):
            raise AssertionError(f"startup failed: {body}")
        await asyncio.sleep(0.02)
    raise AssertionError("service did not become ready")


async def submit(client: TestClient, creds: Credentials, diff: str = CLEAN_DIFF, **extra: Any) -> dict[str, Any]:
    response = await client.post("/v1/reviews/", json={"diff_content": diff, **extra}, headers=creds.headers)
    assert response.status == 202, await response.text()
    return await response.json()


async def wait_terminal(client: TestClient, creds: Credentials, review_id: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = await client.get(f"/v1/reviews/{review_id}", headers=creds.headers)
        body = await response.json()
        if body["status"] in ("completed", "failed", "cancelled"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"review {review_id} did not finish")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """``python -m wfc_server`` as a user runs it, on a free port, logs captured to a file."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None, log_path: Path | None = None) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.env = {**os.environ, "WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1",
                    **(env or {})}
        self.log_path = log_path or data_dir.parent / f"server-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wfc_server", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(self.data_dir)],
            stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT,
            start_new_session=True,
        )
        log.close()
        return self

    async def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                assert self.proc is not None and self.proc.poll() is None, self.logs()[-2000:]
                try:
                    async with session.get(f"{self.url}/health/ready") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError("server did not become ready:\n" + self.logs()[-2000:])

    def kill9(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_lines(self) -> list[dict[str, Any]]:
        lines = []
        for line in self.logs().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                lines.append({"unparsed": line})
        return lines
