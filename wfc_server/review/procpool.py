"""A warm process pool whose workers can be killed one by one.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one running task: cancelling a review or
timing out a reviewer must kill the process doing it. So each slot here is one worker process
with its own pipe, checked out exclusively; a slot whose call times out, is cancelled or dies is
killed (SIGTERM first so the worker's analyzer subprocesses are killed by ``run_tool``'s
cleanup, then SIGKILL) and replaced by a fresh warm one. Slots are recycled by hand after
``recycle_after`` calls (``max_tasks_per_child`` deadlocks on 3.11).

Workers start from a forkserver whose preload imports the engine and the reviewers once: forking
the service process itself is unsafe (event loop, threads), spawning from scratch is slow.
Blocking pipe I/O (and pickling of big inputs) happens on the pool's own threads, never on the
event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from wfc_server.cpus import usable_cpus
from wfc_server.review.model import ReviewFailed

#: Modules every worker imports before it reports ready (the forkserver preloads them too).
PRELOAD: tuple[str, ...] = ("wfc_server.review.warmup",)
_TERMINATE_GRACE_SECONDS = 1.0
_START_TIMEOUT_SECONDS = 60.0


class WorkerError(Exception):
    """A call failed inside a worker: ``kind`` is ``failed`` (ReviewFailed), ``memory``, ``crash`` or
    ``died``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class _Terminated(BaseException):
    """Raised in a worker by SIGTERM so ``finally`` blocks (analyzer kills) run before exit."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


def _describe(exc: BaseException, memory_limit: int = 0) -> tuple[str, str]:
    if isinstance(exc, MemoryError):
        limit = f" (limit {memory_limit // (1024 * 1024)} MiB per analysis process)" if memory_limit else ""
        return ("memory", f"ran out of memory{limit}")
    if isinstance(exc, ReviewFailed):
        return ("failed", str(exc)[:500] or type(exc).__name__)
    text = str(exc).strip().splitlines()
    detail = f": {text[0][:200]}" if text else ""
    return ("crash", f"{type(exc).__name__}{detail}")


#: Analysis processes run this much nicer than the service: under CPU contention the event loop
#: (every tenant's polls) comes first, the analysis of one tenant's big diff second.
WORKER_NICENESS = 10


def lower_priority() -> None:
    """Make the calling (helper) process yield the CPU to the service process."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


def _limit_memory(limit: int) -> None:
    """Cap this worker's address space (its analyzer subprocesses inherit the cap): a crafted
    input then costs a MemoryError in one review, never the machine's memory."""
    if limit <= 0:
        return
    with contextlib.suppress(ValueError, OSError):  # e.g. a hard limit already lower
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _worker_main(conn: multiprocessing.connection.Connection, preload: tuple[str, ...],
                 memory_limit: int = 0) -> None:
    """Worker loop: receive ``(fn, args)``, send back ``("ok", result)`` or ``("error", ...)``."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in preload:
        with contextlib.suppress(Exception):  # a broken optional module must not stop the worker
            importlib.import_module(name)
    _limit_memory(memory_limit)
    lower_priority()
    try:
        conn.send(("ready", os.getpid()))
        while True:
            try:
                message = conn.recv()
            except EOFError:
                return
            except Exception as exc:  # noqa: BLE001 - an unpicklable request is the caller's bug
                conn.send(("error", _describe(exc, memory_limit)))
                continue
            fn, args = message
            try:
                reply: tuple[str, Any] = ("ok", fn(*args))
            except Exception as exc:  # noqa: BLE001 - every failure goes back to the engine
                reply = ("error", _describe(exc, memory_limit))
            del message, fn, args  # free the input before the next one arrives
            try:
                conn.send(reply)
            except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                conn.send(("error", ("crash", f"result could not be sent back: {_describe(exc)[1]}")))
    except _Terminated:
        return


class _Slot:
    """One worker process and the parent's end of its pipe (all methods block: run on threads)."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, preload: tuple[str, ...],
                 memory_limit: int = 0) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn = parent
        self.process = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, preload, memory_limit), daemon=True,
            name="wfc-review-worker",
        )
        self.process.start()
        child.close()
        self.calls = 0
        if not parent.poll(_START_TIMEOUT_SECONDS):
            self.kill()
            raise RuntimeError("review worker did not start in time")
        try:
            kind, self.pid = parent.recv()
        except (EOFError, OSError):
            self.kill()
            raise RuntimeError("review worker exited during start") from None
        if kind != "ready":
            self.kill()
            raise RuntimeError("review worker sent an unexpected greeting")

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
        try:
            self.conn.send((fn, args))
        except (OSError, EOFError):
            return ("dead", None)
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return ("dead", None)

    def kill(self) -> None:
        """SIGTERM, wait a moment, then SIGKILL; always leaves the process reaped."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_TERMINATE_GRACE_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5.0)
        else:
            self.process.join(0.1)

    def close_conn(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()


class SlotHandle:
    """A checked-out slot; ``call`` runs one function in it with a timeout."""

    def __init__(self, pool: WarmPool, slot: _Slot) -> None:
        self._pool = pool
        self._slot = slot
        self.broken = False

    @property
    def pid(self) -> int:
        return self._slot.pid

    async def call(self, fn: Callable[..., Any], *args: Any, timeout: float | None) -> Any:
        """Run ``fn(*args)`` in the worker; kill the worker on timeout, cancel or death."""
        if self.broken:
            raise RuntimeError("slot is broken")
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool._executor, self._slot.call, fn, args)
        try:
            async with asyncio.timeout(timeout):
                kind, payload = await asyncio.shield(future)
        except BaseException:
            self.broken = True
            await self._pool._kill(self._slot, future)
            raise
        self._slot.calls += 1
        if kind == "ok":
            return payload
        if kind == "error":
            err_kind, message = payload
            if err_kind == "memory":
                self.broken = True  # a worker that hit its ceiling is replaced, not reused
            raise WorkerError(err_kind, message)
        self.broken = True
        await self._pool._kill(self._slot, future)
        code = self._slot.process.exitcode
        raise WorkerError("died", f"worker process exited unexpectedly (exit code {code})")


class WarmPool:
    """N single-process slots created at start, checked out exclusively, replaced when killed."""

    def __init__(self, size: int, *, recycle_after: int = 500,
                 preload: tuple[str, ...] = PRELOAD, memory_limit_bytes: int = 0) -> None:
        self.size = size if size > 0 else usable_cpus()
        self._recycle_after = recycle_after
        self._memory_limit = memory_limit_bytes
        self._preload = preload
        self._ctx = _context(preload)
        self._executor = ThreadPoolExecutor(
            max_workers=2 * self.size + 2, thread_name_prefix="wfc-procpool"
        )
        self._idle: asyncio.Queue[_Slot | None] = asyncio.Queue()  # None: the pool closed
        self._all: set[_Slot] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._started = False
        self._closed = False

    async def start(self) -> None:
        if self._started:
            return
        self._started = True
        slots = await asyncio.gather(*(self._new_slot() for _ in range(self.size)))
        for slot in slots:
            self._idle.put_nowait(slot)

    async def _new_slot(self) -> _Slot:
        loop = asyncio.get_running_loop()
        slot = await loop.run_in_executor(self._executor, _Slot, self._ctx, self._preload, self._memory_limit)
        self._all.add(slot)
        return slot

    def pids(self) -> list[int]:
        """Worker pids alive now (tests and diagnostics)."""
        return sorted(s.pid for s in self._all if s.process.is_alive())

    @contextlib.asynccontextmanager
    async def checkout(self) -> AsyncIterator[SlotHandle]:
        """Wait for a free slot and hold it exclusively for the block."""
        if self._closed or not self._started:
            raise RuntimeError("process pool is not running")
        slot = await self._idle.get()
        if slot is None:
            self._idle.put_nowait(None)  # wake the next waiter too
            raise RuntimeError("process pool closed")
        handle = SlotHandle(self, slot)
        try:
            yield handle
        finally:
            if handle.broken or slot.calls >= self._recycle_after or not slot.process.is_alive():
                self._replace(slot)
            else:
                self._idle.put_nowait(slot)

    async def run(self, fn: Callable[..., Any], *args: Any, timeout: float | None) -> Any:
        """Check out a slot, run one call, give the slot back."""
        async with self.checkout() as handle:
            return await handle.call(fn, *args, timeout=timeout)

    async def _kill(self, slot: _Slot, pending: asyncio.Future[Any] | None = None) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.shield(loop.run_in_executor(self._executor, slot.kill))
        if pending is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(asyncio.shield(pending), 5.0)
        slot.close_conn()

    def _replace(self, slot: _Slot) -> None:
        """Retire ``slot`` and start a fresh warm one in the background."""
        self._all.discard(slot)
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._replace_task(slot))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _replace_task(self, slot: _Slot) -> None:
        await self._kill(slot)
        if self._closed:
            return
        while True:
            try:
                fresh = await self._new_slot()
            except RuntimeError:
                await asyncio.sleep(1.0)  # could not start; try again rather than shrink the pool
                continue
            if self._closed:
                await self._kill(fresh)
                return
            self._idle.put_nowait(fresh)
            return

    async def close(self) -> None:
        """Kill every worker and stop the pool's threads."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        slots = list(self._all)
        self._all.clear()
        self._idle.put_nowait(None)
        await asyncio.gather(*(self._kill(s) for s in slots), return_exceptions=True)
        self._executor.shutdown(wait=False, cancel_futures=True)


def worker_context() -> multiprocessing.context.BaseContext:
    """The context other helper processes use: the same forkserver, the engine preloaded."""
    return _context(PRELOAD)


def _context(preload: tuple[str, ...]) -> multiprocessing.context.BaseContext:
    """Forkserver with the engine preloaded (fork is unsafe beside a running event loop)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")
