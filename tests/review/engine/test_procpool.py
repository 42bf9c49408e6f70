"""The warm process pool on its own: exclusive slots, recycling, kills and error transport."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from tests.review.engine import fake_reviewers as fake
from wfc_server.review.procpool import WarmPool, WorkerError


async def _settle(pool: WarmPool, size: int) -> list[int]:
    for _ in range(250):
        pids = pool.pids()
        if len(pids) == size:
            return pids
        await asyncio.sleep(0.02)
    raise AssertionError(f"pool did not return to {size} workers")


async def test_slots_are_recycled_after_k_calls() -> None:
    pool = WarmPool(1, recycle_after=3)
    await pool.start()
    try:
        seen = [await pool.run(fake.worker_pid, timeout=10) for _ in range(3)]
        assert len(set(seen)) == 1
        fresh = await pool.run(fake.worker_pid, timeout=10)
        assert fresh != seen[0]
        assert await _settle(pool, 1) == [fresh]
    finally:
        await pool.close()


async def test_timeout_kills_and_replaces_the_worker() -> None:
    pool = WarmPool(1)
    await pool.start()
    try:
        (before,) = pool.pids()
        started = time.perf_counter()
        with pytest.raises(TimeoutError):
            await pool.run(time.sleep, 30, timeout=0.3)
        assert time.perf_counter() - started < 5
        (after,) = await _settle(pool, 1)
        assert after != before
        with pytest.raises(ProcessLookupError):
            os.kill(before, 0)
        assert await pool.run(fake.worker_pid, timeout=10) == after
    finally:
        await pool.close()


async def test_errors_come_back_with_their_kind() -> None:
    pool = WarmPool(1)
    await pool.start()
    try:
        with pytest.raises(WorkerError) as info:
            await pool.run(int, "not a number", timeout=10)
        assert info.value.kind == "crash"
        assert str(info.value).startswith("ValueError: invalid literal")
        with pytest.raises(WorkerError, match="result could not be sent back"):
            await pool.run(fake.unpicklable_result, timeout=10)
        with pytest.raises(WorkerError) as died:
            await pool.run(os._exit, 3, timeout=10)
        assert died.value.kind == "died" and "exit code 3" in str(died.value)
        assert len(await _settle(pool, 1)) == 1
    finally:
        await pool.close()


async def test_checkout_is_exclusive_and_bounded() -> None:
    pool = WarmPool(2)
    await pool.start()
    try:
        active = 0
        peak = 0

        async def use() -> int:
            nonlocal active, peak
            async with pool.checkout() as slot:
                active += 1
                peak = max(peak, active)
                pid = await slot.call(fake.worker_pid, timeout=10)
                assert pid == slot.pid
                await asyncio.sleep(0.02)
                active -= 1
                return pid

        pids = await asyncio.gather(*(use() for _ in range(8)))
        assert peak == 2
        workers = pool.pids()
        assert set(pids) <= set(workers)
    finally:
        await pool.close()
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


async def test_close_wakes_callers_waiting_for_a_slot() -> None:
    pool = WarmPool(1)
    await pool.start()
    async with pool.checkout():
        waiter = asyncio.create_task(pool.run(fake.worker_pid, timeout=10))
        await asyncio.sleep(0.05)
        assert not waiter.done()
        await pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        await asyncio.wait_for(waiter, 5)
