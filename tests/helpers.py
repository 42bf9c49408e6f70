"""Test helpers: credentials, sample diffs, polling, real server subprocesses, process trees.

Shared by the test suites and the benches (``bench/harness.py`` imports from here).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

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


def slow_diff(files: int) -> str:
    """A diff whose review keeps a worker busy for a few seconds (many findings to compute)."""
    body = "\n".join(f"def f{j}(x):\n    if x == {j}:\n        return eval(str(x))\n    return x" for j in range(40))
    lines = body.split("\n")
    hunk = "".join(f"+{line}\n" for line in lines)
    return "".join(f"diff --git a/pkg/m{i}.py b/pkg/m{i}.py\nnew file mode 100644\n--- /dev/null\n"
                   f"+++ b/pkg/m{i}.py\n@@ -0,0 +1,{len(lines)} @@\n{hunk}" for i in range(files))


TERMINAL = ("completed", "failed", "cancelled")

#: An HTTP client: a real session (with a base URL) or an aiohttp TestClient (base "").
Http = aiohttp.ClientSession | TestClient


@dataclass(frozen=True)
class Credentials:
    project_id: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Project-ID": self.project_id, "Authorization": f"Bearer {self.api_key}"}

    @classmethod
    async def create(cls, http: Http, project_id: str, repo_path: str = "/nonexistent/repo", *,
                     base: str = "", developer_id: str = "dev-1") -> Credentials:
        """Register a project over HTTP (``base`` is the server URL, "" for a TestClient)."""
        async with http.post(f"{base}/v1/projects/", json={
                "project_id": project_id, "developer_id": developer_id, "repo_path": repo_path}) as response:
            text = await response.text()
            if response.status != 201:
                raise AssertionError(f"project create failed: {response.status} {text}")
        body = json.loads(text)
        return cls(body["project_id"], body["api_key"])


async def create_project(http: Http, base: str, project_id: str, repo_path: str = "/nonexistent/repo", *,
                         developer_id: str = "dev") -> dict[str, str]:
    """A new project's auth headers."""
    creds = await Credentials.create(http, project_id, repo_path, base=base, developer_id=developer_id)
    return creds.headers


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


async def wait_review(http: Http, base: str, headers: Mapping[str, str], review_id: str, timeout: float = 60.0,
                      *, strict: bool = True, interval: float = 0.1) -> dict[str, Any]:
    """Poll a review until it is terminal; its body.

    ``strict`` asserts every poll answers 200; without it, other answers are polled through.
    """
    deadline = time.monotonic() + timeout
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        async with http.get(f"{base}/v1/reviews/{review_id}", headers=headers) as response:
            if strict and response.status != 200:
                raise AssertionError(f"review {review_id}: {response.status} {await response.text()}")
            body = await response.json()
        if body.get("status") in TERMINAL:
            return body
        await asyncio.sleep(interval)
    raise AssertionError(f"review {review_id} not terminal after {timeout}s: {body.get('status')}")


async def wait_terminal(client: TestClient, creds: Credentials, review_id: str, timeout: float = 60.0) -> dict[str, Any]:
    """``wait_review`` for a TestClient and a project's credentials."""
    return await wait_review(client, "", creds.headers, review_id, timeout, interval=0.05)


async def wait_status(client: TestClient, creds: Credentials, review_id: str, status: str,
                      timeout: float = 5.0) -> None:
    """Poll until the review has ``status`` (e.g. a worker, maybe another replica's, started it)."""
    deadline = time.monotonic() + timeout
    while (body := await (await client.get(f"/v1/reviews/{review_id}", headers=creds.headers)).json())[
            "status"] != status:
        assert time.monotonic() < deadline, f"review {review_id} still {body['status']}, never {status}"
        await asyncio.sleep(0.02)


class StuckEngine:
    """An engine whose reviews never finish (until cancelled): what is tested is the queue."""

    async def start(self) -> None: ...
    async def close(self) -> None: ...

    async def review(self, request: Any, progress: Any) -> Any:
        await asyncio.sleep(3600)

    def pool_status(self, project_id: str) -> dict[str, Any]:
        return {}

    def pool_size(self) -> int:
        return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listens_on(pid: int, port: int) -> bool:
    """Whether process ``pid`` itself holds a listening TCP socket on ``port`` (from /proc).

    Why: ``free_port`` only finds a port that was free a moment ago. When another run takes it
    first, a health check would be answered by that other server while ours is still starting;
    a server counts as ready only once the answering socket is its own."""
    inodes: set[str] = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        return False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] == "0A" and fields[9] in inodes:
                return True
    return False


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


#: Environment the test suites run a server with unless told otherwise.
ONE_WORKER = {"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1"}


class ServerProcess:
    """A server process on a free port, in its own session, output logged to a file.

    By default ``python -m wfc_server`` as a user runs it; ``argv`` runs something else (it must
    listen on ``port``). ``base_env`` sits under ``env``; ``stop_grace`` > 0 makes ``stop`` send
    SIGTERM and wait that long before killing the whole group.
    """

    def __init__(self, data_dir: Path | None, env: Mapping[str, str] | None = None, log_path: Path | None = None,
                 *, port: int | None = None, argv: Sequence[str] | None = None,
                 base_env: Mapping[str, str] = ONE_WORKER, ready_timeout: float = 30.0,
                 stop_grace: float = 0.0) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.env = {**os.environ, **base_env, **(env or {})}
        if log_path is None and data_dir is not None:
            log_path = data_dir.parent / f"server-{self.port}.log"
        self.log_path = log_path
        if argv is None:
            assert data_dir is not None, "the service needs a data directory"
            argv = [sys.executable, "-m", "wfc_server", "--host", "127.0.0.1", "--port", str(self.port),
                    "--data-dir", str(data_dir)]
        self.argv = list(argv)
        self.ready_timeout = ready_timeout
        self.stop_grace = stop_grace
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> Self:
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path or os.devnull, "ab") as log:
            self.started_at = time.perf_counter()
            self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT,
                                         start_new_session=True)
        return self

    async def wait_ready(self, path: str = "/health/ready", timeout: float | None = None) -> float:
        """Seconds from process start to ``path`` answering 200."""
        timeout = self.ready_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if self.proc is None or self.proc.poll() is not None:
                    code = None if self.proc is None else self.proc.returncode
                    raise AssertionError(f"server exited with {code}:\n{self.log_tail(2000)}")
                try:
                    async with session.get(self.url + path) as response:
                        if response.status == 200 and listens_on(self.proc.pid, self.port):
                            return time.perf_counter() - self.started_at
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.02)
        raise AssertionError(f"server not ready after {timeout}s:\n{self.log_tail(2000)}")

    def wait_ready_sync(self, timeout: float | None = None) -> float:
        """``wait_ready`` from a thread whose event loop is in use (Playwright's sync API)."""
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, self.wait_ready(timeout=timeout)).result()

    def kill9(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def stop(self) -> None:
        """End the process if running: SIGTERM first when ``stop_grace`` is set, else SIGKILL to the group."""
        if self.proc is None or self.proc.poll() is not None:
            return
        if self.stop_grace > 0:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(self.stop_grace)
                return
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def logs(self) -> str:
        if self.log_path is not None and self.log_path.exists():
            return self.log_path.read_text(errors="replace")
        return ""

    def log_tail(self, chars: int = 4000) -> str:
        return self.logs()[-chars:] or "(no log)"

    def log_lines(self) -> list[dict[str, Any]]:
        lines = []
        for line in self.logs().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                lines.append({"unparsed": line})
        return lines
