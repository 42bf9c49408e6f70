"""Fault injection on real server processes: kill -9 mid-stream, a full disk, dying and hung workers.

The invariants: every review answered 202 survives any crash and ends terminal; no stored file
ever fails to parse; a failed write is a clean JSON error that damages nothing already stored
and the service recovers once space is back; a reviewer process that dies or hangs fails only
its own review and the pool serves the next one.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import time
from collections import Counter
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
    descendants,
    slow_diff,
    wait_review,
)
from tests.proof.support import UNTHROTTLED, cmdline
from wfc_server.store.records import ProjectRecord, ReviewRecord

pytestmark = [pytest.mark.slow, pytest.mark.timeout(150)]

KILL_CYCLES = 5
SEED = int(os.environ.get("WFC_FAULT_SEED", "20261122"))


def _stored_files_parse(data: Path) -> list[str]:
    """Names of review/project files that are not valid records (must be none)."""
    bad = []
    for path in [*data.glob("reviews/*/*.json"), *data.glob("projects/*.json")]:
        try:
            raw = json.loads(path.read_bytes())
            (ReviewRecord if path.parent.parent.name == "reviews" else ProjectRecord).from_json(raw)
        except (ValueError, TypeError) as exc:
            bad.append(f"{path.name}: {exc}")
    return bad


async def _stream(session: aiohttp.ClientSession, base: str, headers: dict[str, str], accepted: list[str],
                  stop: asyncio.Event, rng: random.Random) -> None:
    """Submit as fast as possible until ``stop``; record every id that was answered 202."""
    while not stop.is_set():
        diff = SQLI_DIFF if rng.random() < 0.5 else CLEAN_DIFF
        try:
            async with session.post(f"{base}/v1/reviews/", json={"diff_content": diff}, headers=headers) as response:
                if response.status == 202:
                    accepted.append((await response.json())["review_id"])
                else:
                    assert response.status in (503,), await response.text()
        except (TimeoutError, aiohttp.ClientError):
            return  # the server was killed under us: this request was never acknowledged


async def test_kill9_at_random_points_loses_and_corrupts_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data = tmp_path / "data"
    env = {**UNTHROTTLED, "WFC_REVIEW_MAX_ATTEMPTS": "50"}
    server = ServerProcess(data, env)
    accepted: list[str] = []
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            server.start()
            await server.wait_ready()
            headers = await create_project(session, server.url, "crashy")
            for cycle in range(KILL_CYCLES):
                if cycle:
                    server.start()
                    await server.wait_ready()
                stop = asyncio.Event()
                streams = [asyncio.create_task(_stream(session, server.url, headers, accepted, stop, rng))
                           for _ in range(4)]
                await asyncio.sleep(rng.uniform(0.1, 0.5))  # mid-burst; a longer burst only adds reviews to wait for
                server.kill9()  # the whole group: server, forkserver, workers, analyzers
                stop.set()
                await asyncio.gather(*streams)
                assert not _stored_files_parse(data), f"cycle {cycle}: {_stored_files_parse(data)}"
            server.start()
            await server.wait_ready()
            lost, states = [], {}
            for review_id in accepted:
                async with session.get(f"{server.url}/v1/reviews/{review_id}", headers=headers) as response:
                    if response.status != 200:
                        lost.append((review_id, response.status))
            assert not lost, f"{len(lost)} of {len(accepted)} acknowledged reviews lost: {lost[:5]}"
            deadline = time.monotonic() + 90
            for review_id in accepted:
                states[review_id] = (await wait_review(session, server.url, headers, review_id,
                                                       timeout=max(deadline - time.monotonic(), 1)))["status"]
    finally:
        server.stop()
    print(f"kill -9 x{KILL_CYCLES} (seed {SEED}): {len(accepted)} acknowledged, {len(lost)} lost, "
          f"outcomes {dict(Counter(states.values()))}")
    assert len(accepted) >= KILL_CYCLES, f"too few submissions to prove anything: {len(accepted)}"
    assert all(status in TERMINAL for status in states.values())
    assert not _stored_files_parse(data)
    assert not list((data / "quarantine").rglob("*")), list((data / "quarantine").rglob("*"))
    assert not list((data / "reviews").rglob("*.tmp"))


def _mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir(parents=True)
    if os.geteuid() != 0:
        pytest.skip("ENOSPC test needs root to mount a small tmpfs; not root here")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()}); no other ENOSPC source without LD_PRELOAD")


def _umount(path: Path) -> None:
    """Lazy unmount (the killed server's files may still be closing)."""
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)


def _fill(directory: Path) -> Path:
    """Fill the filesystem holding ``directory`` to the last byte."""
    filler = directory / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (1 << 20, 65536, 512, 1):
            try:
                while handle.write(b"\0" * chunk):
                    pass
            except OSError:
                pass
    return filler


async def test_full_disk_fails_cleanly_damages_nothing_and_recovers(tmp_path: Path) -> None:
    mount = tmp_path / "small"
    _mount_tmpfs(mount, "8m")
    data = mount / "data"
    server = ServerProcess(data, {**UNTHROTTLED}, log_path=tmp_path / "server.log")
    try:
        server.start()
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await create_project(session, server.url, "full")
            stored = []
            for _ in range(3):
                async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": SQLI_DIFF},
                                        headers=headers) as response:
                    stored.append((await response.json())["review_id"])
            before = {rid: await wait_review(session, server.url, headers, rid) for rid in stored}
            await asyncio.sleep(0.5)
            snapshot = {p: p.read_bytes() for p in data.glob("reviews/*/*")}
            filler = _fill(mount)

            refused = 0
            for diff in (SQLI_DIFF, CLEAN_DIFF, SQLI_DIFF.replace("users", "people")):
                async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": diff},
                                        headers=headers) as response:
                    text = await response.text()
                    if response.status == 202:
                        continue  # a write that still fitted: it must then be a real review
                    refused += 1
                    assert response.status in (500, 503, 507), (response.status, text)
                    body = json.loads(text)
                    assert body["error"] and body["detail"] and body["request_id"], body
                    assert "Traceback" not in text and "Errno" not in text, text
            big = SQLI_DIFF + "".join(f"# {'x' * 70}\n" for _ in range(30000))
            async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": big[:1_000_000]},
                                    headers=headers) as response:
                text = await response.text()
                assert response.status in (413, 422, 500, 503, 507), (response.status, text)
                assert "Traceback" not in text
            async with session.post(f"{server.url}/v1/projects/", json={
                    "project_id": "while-full", "developer_id": "d", "repo_path": "/x"}) as response:
                text = await response.text()
                assert response.status in (201, 500, 503, 507), (response.status, text)
                assert "Traceback" not in text
            assert refused, "every submit succeeded on a full disk: the fault was not injected"
            # What was stored before is untouched, and still served.
            for path, content in snapshot.items():
                assert path.read_bytes() == content, f"{path.name} changed while the disk was full"
            for rid, body in before.items():
                async with session.get(f"{server.url}/v1/reviews/{rid}", headers=headers) as response:
                    assert response.status == 200
                    assert (await response.json())["findings"] == body["findings"]
            async with session.get(f"{server.url}/health/live") as response:
                assert response.status == 200

            filler.unlink()  # space is back: the service recovers without a restart
            rid = None
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": SQLI_DIFF},
                                        headers=headers) as response:
                    if response.status == 202:
                        rid = (await response.json())["review_id"]
                        break
                await asyncio.sleep(0.5)
            assert rid, "submits still fail after space was freed"
            final = await wait_review(session, server.url, headers, rid)
            assert final["status"] == "completed" and final["findings"], final
        assert not _stored_files_parse(data)
    finally:
        server.stop()
        _umount(mount)


async def test_review_finishing_while_disk_is_full_ends_terminal(tmp_path: Path) -> None:
    """The completion write hits ENOSPC: the review still ends terminal and the worker survives.

    After space is freed the next review must complete without a restart (a save error must not
    kill the worker that ran the review), and after a restart the review is terminal with its
    result on disk.
    """
    mount = tmp_path / "small"
    _mount_tmpfs(mount, "16m")
    data = mount / "data"
    server = ServerProcess(data, {**UNTHROTTLED, "WFC_MAX_BODY_BYTES": str(4 << 20)},
                           log_path=tmp_path / "server.log")
    try:
        server.start()
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            headers = await create_project(session, server.url, "full")
            async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": slow_diff(30)},
                                    headers=headers) as response:
                assert response.status == 202
                rid = (await response.json())["review_id"]
            await _wait_status(session, server.url, headers, rid, "in_progress")
            filler = _fill(mount)
            try:
                final = await wait_review(session, server.url, headers, rid, timeout=90)
                await asyncio.sleep(0.5)
            finally:
                filler.unlink()
            assert final["status"] in TERMINAL
            async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": SQLI_DIFF},
                                    headers=headers) as response:
                assert response.status == 202, await response.text()
                nxt = (await response.json())["review_id"]
            after = await wait_review(session, server.url, headers, nxt, timeout=30)
            assert after["status"] == "completed" and after["findings"], after
        server.kill9()
        server.start()
        await server.wait_ready()
        async with aiohttp.ClientSession() as session:
            restarted = await wait_review(session, server.url, headers, rid, timeout=120)
        assert restarted["status"] == final["status"], (final, restarted)  # what the client was shown
        if restarted["status"] == "completed":
            assert restarted["coverage"] is not None, restarted
        assert not _stored_files_parse(data)
    finally:
        server.stop()
        _umount(mount)


async def _wait_status(session: aiohttp.ClientSession, base: str, headers: dict[str, str], rid: str,
                       status: str, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with session.get(f"{base}/v1/reviews/{rid}", headers=headers) as response:
            body = await response.json()
        if body["status"] == status:
            return dict(body)
        await asyncio.sleep(0.05)
    raise AssertionError(f"review {rid} never reached {status}: {body['status']}")


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return -1


def _engine_workers(server: ServerProcess) -> list[int]:
    """The warm pool's worker processes: the direct children of the engine's forkserver."""
    assert server.proc is not None
    tree = descendants(server.proc.pid)
    forkservers = {pid for pid in tree if _parent(pid) == server.proc.pid
                   and "multiprocessing.forkserver" in cmdline(pid)}
    return [pid for pid in tree if _parent(pid) in forkservers]


async def _kill_workers_during_review(server: ServerProcess, sig: signal.Signals, round_: int = 1) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        headers = await create_project(session, server.url, f"victim-{sig.name.lower()}-{round_}")
        async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": slow_diff(30)},
                                headers=headers) as response:
            rid = (await response.json())["review_id"]
        await _wait_status(session, server.url, headers, rid, "in_progress")
        await asyncio.sleep(0.5)
        victims = _engine_workers(server)
        assert victims, "no engine worker process found below the server"
        for pid in victims:
            os.kill(pid, sig)
        final = await wait_review(session, server.url, headers, rid, timeout=60)
        assert final["status"] == "failed", final
        assert final["error"] and "Traceback" not in final["error"], final
        # The pool recovered: the next review completes with its findings.
        async with session.post(f"{server.url}/v1/reviews/", json={"diff_content": SQLI_DIFF},
                                headers=headers) as response:
            nxt = (await response.json())["review_id"]
        after = await wait_review(session, server.url, headers, nxt, timeout=60)
        assert after["status"] == "completed" and after["findings"], after
        return final


async def test_worker_killed_mid_review_fails_it_and_pool_recovers(tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data", {**UNTHROTTLED}).start()
    try:
        await server.wait_ready()
        await _kill_workers_during_review(server, signal.SIGKILL)
        await _kill_workers_during_review(server, signal.SIGKILL, 2)  # twice: replacements work too
    finally:
        server.stop()


async def test_hung_worker_times_out_and_pool_recovers(tmp_path: Path) -> None:
    env = {**UNTHROTTLED, "WFC_ENGINE_REVIEWER_TIMEOUT_SECONDS": "3", "WFC_REVIEW_TIMEOUT_SECONDS": "20"}
    server = ServerProcess(tmp_path / "data", env).start()
    try:
        await server.wait_ready()
        started = time.monotonic()
        final = await _kill_workers_during_review(server, signal.SIGSTOP)  # frozen, not dead
        assert "timed out" in final["error"] or "timeout" in final["error"], final
        assert time.monotonic() - started < 60
    finally:
        server.stop()
