"""Harness for the browser suite: real wfc-server processes, real git repos, watched pages.

Each server is a real ``python -m wfc_server`` subprocess on a free port with its own data
directory. Pages come with watchers that record console errors and failed requests, because
the dashboard must stay clean on the happy path.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers import Credentials, ServerProcess

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
READY_TIMEOUT_S = 45.0


class Server(ServerProcess):
    """A running server process with a blocking HTTP client for test setup.

    Its log is shown when something fails.
    """

    @property
    def base_url(self) -> str:
        return self.url

    def request(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any] | None = None,
        creds: Credentials | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Plain HTTP call used by tests for setup; returns (status, JSON body)."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if creds is not None:
            headers.update(creds.headers)
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base_url + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                return exc.code, json.loads(payload or b"{}")
            except ValueError:
                return exc.code, {"raw": payload.decode(errors="replace")}

    def create_project(self, project_id: str, repo_path: Path) -> Credentials:
        status, body = self.request(
            "POST",
            "/v1/projects/",
            {
                "project_id": project_id,
                "developer_id": "browser-tests",
                "repo_path": str(repo_path),
            },
        )
        assert status == 201, (
            f"project creation failed: {status} {body}\n{self.log_tail()}"
        )
        return Credentials(project_id=body["project_id"], api_key=body["api_key"])

    def review(self, creds: Credentials, diff: str, timeout: float = 60.0, **extra: Any) -> dict[str, Any]:
        """Submit ``diff`` over HTTP and poll until it completes; the completed review."""
        code, body = self.request("POST", "/v1/reviews/", {"diff_content": diff, **extra}, creds)
        assert code == 202, (code, body)
        deadline = time.monotonic() + timeout
        while True:
            code, review = self.request("GET", f"/v1/reviews/{body['review_id']}", creds=creds)
            assert code == 200, (code, review)
            if review["status"] in ("completed", "failed", "cancelled"):
                assert review["status"] == "completed", review
                return review
            assert time.monotonic() < deadline, f"review not finished after {timeout} s"
            time.sleep(0.2)


@contextmanager
def run_server(
    data_dir: Path,
    extra_env: Mapping[str, str] | None = None,
    port: int | None = None,
) -> Iterator[Server]:
    """Start ``python -m wfc_server`` and stop it (SIGTERM, then SIGKILL) on exit.

    Pass ``port`` to restart a server where a previous one listened (same data dir).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    server = Server(
        data_dir,
        {"WFC_RATE_LIMIT_CAPACITY": "100", "WFC_RATE_LIMIT_REFILL_RATE": "100", **(extra_env or {})},
        data_dir.parent / f"{data_dir.name}-server.log",
        port=port,
        base_env={},
        ready_timeout=READY_TIMEOUT_S,
        stop_grace=15.0,
    )
    try:
        server.start().wait_ready_sync()
        yield server
    finally:
        server.stop()


def make_git_repo(path: Path) -> Path:
    """A real git repository with one commit, for the project's repo_path."""
    path.mkdir(parents=True, exist_ok=True)
    git_env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    (path / "README.md").write_text("# demo\n", encoding="utf-8")
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "README.md"],
        ["commit", "-q", "-m", "init"],
    ):
        subprocess.run(
            ["git", *args], cwd=path, env=git_env, check=True, capture_output=True
        )
    return path


@dataclass(slots=True)
class PageWatch:
    """Everything that went wrong on a page: console errors, page errors, failed requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *self.console_errors,
            *self.page_errors,
            *self.failed_requests,
            *self.bad_responses,
        ]


@dataclass(slots=True)
class Tab:
    page: Any
    watch: PageWatch


def open_tab(browser: Any, width: int = 1280, height: int = 800) -> tuple[Any, Tab]:
    """A fresh browser context and page with watchers attached; caller closes the context."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = PageWatch()
    page.on(
        "console",
        lambda m: (
            m.type == "error" and watch.console_errors.append(f"console: {m.text}")
        ),
    )
    page.on("pageerror", lambda e: watch.page_errors.append(f"pageerror: {e}"))
    page.on(
        "requestfailed",
        lambda r: watch.failed_requests.append(
            f"failed: {r.method} {r.url} {r.failure}"
        ),
    )
    page.on(
        "response",
        lambda r: (
            r.status >= 400 and watch.bad_responses.append(f"HTTP {r.status} {r.url}")
        ),
    )

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return context, Tab(page=page, watch=watch)
