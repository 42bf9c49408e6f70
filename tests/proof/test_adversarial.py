"""Hostile input against a real server process: each gets a JSON error or a terminal review.

Never a 5xx, a hang, a crash, or a file written outside the data dir. One server process is
shared by the module (8 MiB body limit, so a 10,000-file diff fits); a canary tree beside the
data dir, a real git repository (repository mode) and /etc/passwd are fingerprinted before the
hostile diffs and compared after.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.helpers import (
    CLEAN_DIFF,
    SQLI_DIFF,
    TERMINAL,
    ServerProcess,
    create_project,
    wait_review,
)
from tests.proof.support import running_server, tree_digest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

BODY_LIMIT = 8 * 1024 * 1024
ESCAPE_NAME = f"wfc-escape-{uuid.uuid4().hex}"
ERROR_TYPES = {400: "BadRequest", 413: "PayloadTooLarge", 422: "ValidationError", 431: "RequestHeaderFieldsTooLarge"}


@dataclass
class Target:
    server: ServerProcess
    root: Path  # the test's directory: data dir, canary, repository
    diff_mode: dict[str, str]  # headers of a project without a usable repository
    repo_mode: dict[str, str]  # headers of a project on a real git repository

    @property
    def url(self) -> str:
        return self.server.url


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


def _make_repo(repo: Path) -> None:
    (repo / "app").mkdir(parents=True)
    (repo / "app" / "maths.py").write_text("def add(a, b):\n    return a + b\n")
    (repo / "README.md").write_text("hello\r\nworld\r\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "init")


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    root = tmp_path_factory.mktemp("adversarial")
    (root / "canary").mkdir()
    (root / "canary" / "keep.txt").write_text("do not touch")
    _make_repo(root / "canary" / "repo")
    env = {"WFC_MAX_BODY_BYTES": str(BODY_LIMIT), "WFC_REVIEW_WORKERS": "2", "WFC_REPOS_ALLOWED_ROOTS": str(root)}
    with running_server(root / "data", env) as server:

        async def projects() -> tuple[dict[str, str], dict[str, str]]:
            async with aiohttp.ClientSession() as session:
                return (await create_project(session, server.url, "hostile", str(root / "no-repo")),
                        await create_project(session, server.url, "hostile-repo", str(root / "canary" / "repo")))

        diff_mode, repo_mode = asyncio.run(projects())
        yield Target(server, root, diff_mode, repo_mode)


def _canary(root: Path) -> dict[str, str]:
    """Everything outside the data dir that a hostile diff might reach (git internals excluded)."""
    digest = {k: v for k, v in tree_digest(root).items()
              if not k.startswith("data") and not k.startswith("canary/repo/.git") and not k.startswith("server-")}
    digest["/etc/passwd"] = hashlib.sha256(Path("/etc/passwd").read_bytes()).hexdigest()
    digest["/tmp escape"] = str(sorted(p.name for p in Path("/tmp").glob("wfc-escape-*")))
    return digest


async def _post(session: aiohttp.ClientSession, url: str, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    async with session.post(url, data=body, headers={**headers, "Content-Type": "application/json"}) as response:
        text = await response.text()
        try:
            return response.status, json.loads(text)
        except ValueError:
            return response.status, text


def _assert_error(status: int, body: Any, allowed: set[int]) -> None:
    assert status in allowed, (status, body)
    assert isinstance(body, dict) and body.get("error") == ERROR_TYPES[status] and body.get("detail"), body


async def _review_outcome(target: Target, diff: str, headers: dict[str, str] | None = None,
                          **extra: Any) -> tuple[int, dict[str, Any]]:
    """Submit; a 202 is followed to its terminal state, anything else must be a 4xx envelope."""
    headers = headers or target.diff_mode
    async with aiohttp.ClientSession() as session:
        status, body = await _post(session, f"{target.url}/v1/reviews/",
                                   json.dumps({"diff_content": diff, **extra}).encode(), headers)
        if status != 202:
            _assert_error(status, body, {400, 413, 422})
            return status, body
        final = await wait_review(session, target.url, headers, body["review_id"], timeout=90)
    assert final["status"] in TERMINAL
    if final["status"] == "failed":
        assert final["error"] and "Traceback" not in final["error"], final
    return status, final


async def test_invalid_utf8_and_raw_nul_bytes_in_json(target: Target) -> None:
    async with aiohttp.ClientSession() as session:
        for body in (b'{"diff_content": "\xff\xfe\xfd"}', b'{"diff_content": "a\x00b"}', b"\x00\x00\x00",
                     b'{"project_id": "\xc3\x28", "developer_id": "x", "repo_path": "/x"}'):
            for path, headers in (("/v1/reviews/", target.diff_mode), ("/v1/projects/", {})):
                status, reply = await _post(session, target.url + path, body, headers)
                _assert_error(status, reply, {400, 422})


async def test_escaped_nul_and_lone_surrogates_in_diffs(target: Target) -> None:
    nul = CLEAN_DIFF.replace("Small arithmetic", "Small\x00arithmetic")
    status, body = await _review_outcome(target, nul)
    assert status == 422 and "NUL" in body["detail"]
    surrogate = CLEAN_DIFF.replace("Small arithmetic", "Small \udc80\udcff arithmetic")
    await _review_outcome(target, surrogate)
    await _review_outcome(target, CLEAN_DIFF, files=["app/maths.py", "\udc80"])


@pytest.mark.parametrize("depth", [1_000, 100_000])
async def test_deeply_nested_json_is_a_client_error(target: Target, depth: int) -> None:
    """100k ``[`` overflows the JSON parser's recursion: must be a 400/422, not a 500."""
    async with aiohttp.ClientSession() as session:
        for path, headers in (("/v1/reviews/", target.diff_mode), ("/v1/projects/", {})):
            for body in (b"[" * depth, b'{"diff_content": ' + b"[" * depth + b"}"):
                status, reply = await _post(session, target.url + path, body, headers)
                _assert_error(status, reply, {400, 422})


async def test_json_over_the_body_limit_is_413(target: Target) -> None:
    big = json.dumps({"diff_content": "x" * (BODY_LIMIT + 10)}).encode()
    async with aiohttp.ClientSession() as session:
        status, reply = await _post(session, f"{target.url}/v1/reviews/", big, target.diff_mode)
        _assert_error(status, reply, {413})

        async def chunks() -> Any:  # no Content-Length: the limit applies to the bytes read
            for _ in range(BODY_LIMIT // 65536 + 2):
                yield b"x" * 65536

        async with session.post(f"{target.url}/v1/reviews/", data=chunks(),
                                headers={**target.diff_mode, "Content-Type": "application/json"}) as response:
            _assert_error(response.status, await response.json(), {413})


async def test_huge_headers_get_400_or_431_never_500(target: Target) -> None:
    for head in (b"X-Big: " + b"a" * 100_000, b"\r\n".join(b"X-H%d: v" % i for i in range(5000)),
                 b"Authorization: Bearer wfc_sk_" + b"k" * 60_000):
        reader, writer = await asyncio.open_connection("127.0.0.1", target.server.port)
        writer.write(b"GET /v1/reviews/ HTTP/1.1\r\nHost: x\r\nX-Project-ID: hostile\r\n" + head + b"\r\n\r\n")
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), 15)
        writer.close()
        status_line = raw.split(b"\r\n", 1)[0]
        assert status_line.split()[1] in (b"400", b"431"), status_line


async def test_ten_thousand_file_diff_is_reviewed(target: Target) -> None:
    parts = [
        f"diff --git a/pkg/m{i}.py b/pkg/m{i}.py\nnew file mode 100644\n--- /dev/null\n+++ b/pkg/m{i}.py\n"
        f"@@ -0,0 +1,2 @@\n+def f{i}(x: int) -> int:\n+    return x + {i}\n"
        for i in range(10_000)
    ]
    diff = "".join(parts)
    assert len(diff) < BODY_LIMIT
    started = time.monotonic()
    status, final = await _review_outcome(target, diff)
    assert status == 202 and final["status"] == "completed", final
    await asyncio.sleep(1)  # the first `completed` read may race the save: see the polling test
    async with aiohttp.ClientSession() as session, session.get(
        f"{target.url}/v1/reviews/{final['review_id']}", headers=target.diff_mode
    ) as response:
        final = await response.json()
    coverage = final.get("coverage") or {}
    assert coverage.get("files_total") == 10_000, coverage
    assert time.monotonic() - started < 90


async def test_binary_patches_are_reviewed(target: Target) -> None:
    binary = (
        "diff --git a/img/logo.png b/img/logo.png\nnew file mode 100644\nindex 0000000..e69de29\n"
        "GIT binary patch\nliteral 8\nPcmZ?wbhEHbRA2x9C;$Rn\n\nliteral 0\nHcmV?d00001\n\n"
        "diff --git a/img/old.bin b/img/old.bin\nindex 1111111..2222222 100644\n"
        "Binary files a/img/old.bin and b/img/old.bin differ\n"
    )
    status, final = await _review_outcome(target, binary + CLEAN_DIFF)
    assert status == 422 or final["status"] == "completed", final


ESCAPES = {
    "dotdot": f"../../../../../../../../../../tmp/{ESCAPE_NAME}-dotdot",
    "shallow": f"../../{ESCAPE_NAME}-shallow",
    "absolute": f"/tmp/{ESCAPE_NAME}-absolute",
}


def _new_file(path: str, body: str = "owned = True") -> str:
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,1 @@\n+{body}\n")


SYMLINK_DIFF = (
    "diff --git a/escape b/escape\nnew file mode 120000\n--- /dev/null\n+++ b/escape\n"
    "@@ -0,0 +1 @@\n+/etc\n\\ No newline at end of file\n"
    + _new_file("escape/passwd", "root::0:0::/:/bin/sh")
    + "diff --git a/up b/up\nnew file mode 120000\n--- /dev/null\n+++ b/up\n"
    "@@ -0,0 +1 @@\n+../../../..\n\\ No newline at end of file\n"
    + _new_file(f"up/{ESCAPE_NAME}-symlink")
)


@pytest.mark.parametrize("mode", ["diff", "repo"])
async def test_paths_escaping_the_tree_write_nothing_outside(target: Target, mode: str) -> None:
    headers = target.diff_mode if mode == "diff" else target.repo_mode
    before = _canary(target.root)
    diffs = [_new_file(path) for path in ESCAPES.values()]
    diffs.append(f"--- a/{ESCAPES['dotdot']}\n+++ b/{ESCAPES['dotdot']}\n@@ -1 +1 @@\n-a\n+b\n")
    diffs.append("--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-root:x:0:0\n+root::0:0\n")
    diffs.append(SYMLINK_DIFF)
    outcomes = [await _review_outcome(target, diff, headers) for diff in diffs]
    after = _canary(target.root)
    assert after == before, {k: (before.get(k), after.get(k)) for k in set(before) | set(after)
                             if before.get(k) != after.get(k)}
    assert not list(Path("/tmp").glob(f"{ESCAPE_NAME}*"))
    assert all(status in (202, 422) for status, _ in outcomes)


async def test_renames_crlf_and_missing_newline_markers(target: Target) -> None:
    rename = ("diff --git a/app/maths.py b/app/arith.py\nsimilarity index 90%\nrename from app/maths.py\n"
              "rename to app/arith.py\n--- a/app/maths.py\n+++ b/app/arith.py\n@@ -1,2 +1,2 @@\n"
              "-def add(a, b):\n+def add(a: int, b: int) -> int:\n     return a + b\n")
    pure_rename = ("diff --git a/README.md b/docs/README.md\nsimilarity index 100%\nrename from README.md\n"
                   "rename to docs/README.md\n")
    crlf = CLEAN_DIFF.replace("\n", "\r\n")
    crlf_content = ("diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1,2 +1,2 @@\n"
                    " hello\r\n-world\r\n+there\r\n")
    no_newline = ("diff --git a/app/maths.py b/app/maths.py\n--- a/app/maths.py\n+++ b/app/maths.py\n"
                  "@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a + b\n\\ No newline at end of file\n"
                  "+    return b + a\n\\ No newline at end of file\n")
    for headers in (target.diff_mode, target.repo_mode):
        for diff in (rename, pure_rename, crlf, crlf_content, no_newline):
            status, final = await _review_outcome(target, diff, headers)
            assert status == 422 or final["status"] in ("completed", "failed"), final


@pytest.mark.parametrize("kind", ["not-a-repo", "a-file", "missing", "unreadable"])
async def test_repo_path_that_is_not_a_usable_repository(target: Target, kind: str) -> None:
    place = target.root / f"repo-{kind}"
    if kind == "not-a-repo":
        place.mkdir()
        (place / "app").mkdir()
    elif kind == "a-file":
        place.write_text("not a directory")
    elif kind == "unreadable":
        _make_repo(place)
        (place / ".git" / "HEAD").write_text("garbage\n")
        (place / ".git" / "objects").chmod(0)
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, target.url, f"odd-{kind}", str(place))
    status, final = await _review_outcome(target, CLEAN_DIFF, headers)
    assert status == 202 and final["status"] == "completed", final


async def test_websocket_flood_and_oversized_frames(target: Target) -> None:
    async with aiohttp.ClientSession() as session:
        big = "".join(_new_file(f"pkg/f{i}.py", f"x{i} = {i}") for i in range(1500))
        async with session.post(f"{target.url}/v1/reviews/", json={"diff_content": big},
                                headers=target.diff_mode) as response:
            assert response.status == 202
            review_id = (await response.json())["review_id"]
        url = f"{target.url}/v1/reviews/{review_id}/ws"
        async with session.ws_connect(url, headers=target.diff_mode) as ws:
            assert (await ws.receive_json(timeout=10))["type"] == "snapshot"
            started = time.monotonic()
            for i in range(20_000):
                if ws.closed:
                    break
                await ws.send_str(f'{{"flood": {i}}}')
            # While flooded, the service still answers promptly.
            async with session.get(f"{target.url}/health/live") as response:
                assert response.status == 200
            assert time.monotonic() - started < 30
        async with session.ws_connect(url, headers=target.diff_mode) as ws:
            await ws.receive(timeout=10)  # the snapshot (or a close if already finished)
            if not ws.closed:
                await ws.send_str("x" * 100_000)  # over the 4 KiB frame limit: closed, not crashed
                message = await ws.receive(timeout=10)
                assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                        aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.TEXT)
        final = await wait_review(session, target.url, target.diff_mode, review_id, timeout=90)
        assert final["status"] == "completed", final


async def test_slow_readers_never_stall_the_service(target: Target) -> None:
    """Subscribers that never read: the review still finishes and others are served."""
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{target.url}/v1/reviews/", json={"diff_content": CLEAN_DIFF},
                                headers=target.diff_mode) as response:
            review_id = (await response.json())["review_id"]
        sockets = []
        for _ in range(30):
            _reader, writer = await asyncio.open_connection("127.0.0.1", target.server.port)
            writer.write(
                f"GET /v1/reviews/{review_id}/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                f"Sec-WebSocket-Version: 13\r\nX-Project-ID: {target.diff_mode['X-Project-ID']}\r\n"
                f"Authorization: {target.diff_mode['Authorization']}\r\n\r\n".encode())
            await writer.drain()
            sockets.append(writer)  # never read from
        try:
            final = await wait_review(session, target.url, target.diff_mode, review_id, timeout=60)
            assert final["status"] == "completed"
            started = time.monotonic()
            async with session.get(f"{target.url}/v1/reviews/", headers=target.diff_mode) as response:
                assert response.status == 200
            assert time.monotonic() - started < 5
        finally:
            for writer in sockets:
                writer.close()


async def test_a_review_seen_completed_already_has_its_result(target: Target) -> None:
    """Poll tightly through completion: the first `completed` answer must carry the findings.

    A review whose status flips to completed in memory before its result is saved would, for a
    moment, read as completed with no findings and null coverage: a wrong verdict to a client.
    """
    filler = "".join(_new_file(f"pkg/f{i}.py", f"x{i} = {i}") for i in range(1200))
    async with aiohttp.ClientSession() as session:
        for _ in range(3):
            async with session.post(f"{target.url}/v1/reviews/", json={"diff_content": SQLI_DIFF + filler},
                                    headers=target.diff_mode) as response:
                assert response.status == 202
                review_id = (await response.json())["review_id"]
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                async with session.get(f"{target.url}/v1/reviews/{review_id}", headers=target.diff_mode) as response:
                    body = await response.json()
                if body["status"] in TERMINAL:
                    break
                await asyncio.sleep(0.002)
            assert body["status"] == "completed", body
            assert body["coverage"] is not None and body["findings"], {
                k: body.get(k) for k in ("status", "findings_count", "coverage", "reviewers", "engine_version")}
            assert len(body["findings"]) == body["findings_count"]


def test_no_unhandled_error_was_logged(target: Target) -> None:
    """Last in the module: everything above was answered without a logged 500."""
    errors = [line for line in target.server.log_lines() if line.get("event") == "http.unhandled_error"]
    assert not errors, [(e.get("route"), str(e.get("exception", ""))[-300:]) for e in errors]
