"""The worktree pool: bounded, waits when full, always releases, reaps only old orphans."""

from __future__ import annotations

import asyncio
import os
import re
import time
from pathlib import Path

from wfc_server.review.settings import PoolSettings
from wfc_server.review.workspace import WorktreePool

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


async def test_pool_never_exceeds_its_bound_and_waits(tmp_path: Path) -> None:
    pool = WorktreePool(tmp_path / "worktrees", PoolSettings(max_worktrees=2))
    await pool.start()
    peak = 0
    on_disk_peak = 0

    async def review(n: int) -> None:
        nonlocal peak, on_disk_peak
        async with pool.acquire("proj", f"r{n}") as ws:
            peak = max(peak, pool.in_use())
            on_disk_peak = max(on_disk_peak, len(os.listdir(pool.root)))
            assert ws.path.name == f"proj-r{n}"
            assert ws.src.is_dir()
            await asyncio.sleep(0.05)

    started = time.perf_counter()
    await asyncio.gather(*(review(n) for n in range(6)))
    elapsed = time.perf_counter() - started
    assert peak == 2
    assert on_disk_peak == 2
    assert elapsed >= 0.15  # six 50 ms reviews, two at a time, had to wait
    assert pool.in_use() == 0
    assert os.listdir(pool.root) == []
    await pool.close()


async def test_workspace_is_released_when_the_review_fails_or_is_cancelled(tmp_path: Path) -> None:
    pool = WorktreePool(tmp_path / "worktrees", PoolSettings(max_worktrees=1))
    await pool.start()
    try:
        async with pool.acquire("p", "boom") as ws:
            (ws.src / "file.py").write_text("x = 1\n")
            raise RuntimeError("reviewer crashed")
    except RuntimeError:
        pass
    assert pool.in_use() == 0 and not (pool.root / "p-boom").exists()

    entered = asyncio.Event()

    async def hold() -> None:
        async with pool.acquire("p", "held"):
            entered.set()
            await asyncio.sleep(60)

    task = asyncio.create_task(hold())
    await entered.wait()
    waiter = asyncio.create_task(_acquire_once(pool))
    await asyncio.sleep(0.05)
    assert not waiter.done()  # pool full: the second review waits
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await asyncio.wait_for(waiter, 5)
    assert pool.in_use() == 0
    assert os.listdir(pool.root) == []
    await pool.close()


async def _acquire_once(pool: WorktreePool) -> None:
    async with pool.acquire("p", "next"):
        pass


async def test_status_shape_and_project_filter(tmp_path: Path) -> None:
    pool = WorktreePool(tmp_path / "worktrees", PoolSettings(max_worktrees=3))
    await pool.start()
    async with pool.acquire("alpha", "1"), pool.acquire("beta", "2"):
        status = pool.status("alpha")
        assert status["max_worktrees"] == 3
        assert status["current_usage"] == 2
        assert status["available"] == 1
        assert status["orphaned_count"] == 0
        (entry,) = status["in_use"]
        assert entry["worktree_id"] == "alpha-1"
        assert entry["project_id"] == "alpha"
        assert ISO_Z.match(entry["created_at"]) and ISO_Z.match(entry["last_used"])
        assert pool.status("gamma")["in_use"] == []
    await pool.close()


async def test_unsafe_ids_stay_inside_the_root(tmp_path: Path) -> None:
    pool = WorktreePool(tmp_path / "worktrees", PoolSettings(max_worktrees=2))
    await pool.start()
    async with pool.acquire("../../etc", "x/../../y") as ws:
        assert ws.path.parent == pool.root
        assert "/" not in ws.worktree_id and not ws.worktree_id.startswith(".")
    await pool.close()


async def test_orphans_are_reported_and_old_ones_reaped(tmp_path: Path) -> None:
    root = tmp_path / "worktrees"
    old = root / "p-crashed-long-ago"
    young = root / "p-crashed-just-now"
    for path in (old, young):
        (path / "src").mkdir(parents=True)
        (path / "src" / "a.py").write_text("x = 1\n")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    pool = WorktreePool(root, PoolSettings(max_worktrees=2, orphan_max_age_hours=24,
                                           reap_interval_seconds=0.05))
    await pool.start()
    assert not old.exists()
    assert young.exists()
    assert pool.status("p")["orphaned_count"] == 1
    os.utime(young, (two_days_ago, two_days_ago))
    for _ in range(500):  # the periodic reaper picks it up (up to 10 s on a busy machine)
        if not young.exists():
            break
        await asyncio.sleep(0.02)
    assert not young.exists()
    assert pool.status("p")["orphaned_count"] == 0
    await pool.close()


async def test_in_use_workspace_is_never_reaped(tmp_path: Path) -> None:
    pool = WorktreePool(tmp_path / "worktrees", PoolSettings(orphan_max_age_hours=0))
    await pool.start()
    async with pool.acquire("p", "busy") as ws:
        assert await pool.reap() == 0
        assert ws.path.exists()
    await pool.close()
