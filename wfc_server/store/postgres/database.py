"""The connection pool every PostgreSQL store shares, and the one error a dead database gives.

Operations never hang on a database that is down: taking a connection waits at most
``acquire_timeout`` seconds (``down_timeout`` once the database is known to be down), and any
connection-level failure surfaces as :class:`~wfc_server.store.protocols.StoreUnavailable` (the
API answers 503 with Retry-After). After a failure a background task replaces the connections a
restart broke and probes until the database answers again, so recovery needs nobody's help.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from wfc_server.logs import get_logger
from wfc_server.store.postgres.notify import Listener
from wfc_server.store.postgres.schema import migrate
from wfc_server.store.postgres.tasks import CLOSE_TIMEOUT, cancel_bounded
from wfc_server.store.protocols import StoreUnavailable

log = get_logger("wfc.postgres")


class Database:
    def __init__(
        self,
        dsn: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        acquire_timeout: float = 5.0,
        down_timeout: float = 0.5,
        retry_after: int = 2,
        application_name: str = "wfc-server",
    ) -> None:
        self.dsn = dsn
        self.retry_after = retry_after
        self._pool_options = {"min_size": min_size, "max_size": max_size, "timeout": acquire_timeout,
                              "application_name": application_name}
        self._pool = self._new_pool()
        self.listener = Listener(dsn, application_name=f"{application_name}-listen")
        self._down_timeout = down_timeout
        self._down = False
        self._recovery: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._opened = False

    def _new_pool(self) -> AsyncConnectionPool:
        options = self._pool_options
        return AsyncConnectionPool(
            self.dsn,
            min_size=options["min_size"],
            max_size=options["max_size"],
            open=False,
            timeout=options["timeout"],
            # Give up a failing reconnect soon: the next checkout (or the recovery probe) starts a
            # fresh one, where psycopg_pool's own backoff would grow without bound.
            reconnect_timeout=3.0,
            kwargs={"autocommit": True, "application_name": options["application_name"]},
            configure=_configure,
            name="wfc",
        )

    async def open(self, *, apply_migrations: bool = True, timeout: float = 10.0) -> None:
        """Connect, bring the schema up to date under the migration lock, start listening.

        Raises StoreUnavailable, naming libpq's reason, if the database cannot be reached within
        ``timeout``, and SchemaError if its schema is newer than this code.
        """
        try:
            # One direct connection first: its error says why (no such host, bad password ...),
            # where a pool would only report that it is not filling up.
            async with await AsyncConnection.connect(
                self.dsn, autocommit=True, connect_timeout=max(int(timeout), 1)
            ) as conn:
                if apply_migrations:
                    await migrate(conn)
            await self._pool.open(wait=True, timeout=timeout)
            self._opened = True
        except psycopg.OperationalError as exc:
            await self._pool.close()
            self._pool = self._new_pool()  # a closed pool cannot be opened again: the next try gets a new one
            raise self.unavailable(exc) from exc
        await self.listener.start()

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        """Run ``work`` in the background (a refresh after a notification); failures are logged."""
        task = asyncio.create_task(self._logged(work), name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @staticmethod
    async def _logged(work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        except StoreUnavailable as exc:
            log.warning("postgres.background_unavailable", error=exc.reason)
        except Exception:  # noqa: BLE001 - a background refresh must not die silently
            log.exception("postgres.background_failed")

    async def close(self) -> None:
        """Stop everything, each step bounded: a database that stopped answering must not hang
        the teardown (the connections still held are dropped with the process)."""
        self._opened = False
        await cancel_bounded([*self._background, self._recovery], "database background tasks")
        await self.listener.stop()
        try:
            await asyncio.wait_for(self._pool.close(timeout=CLOSE_TIMEOUT), CLOSE_TIMEOUT * 2)
        except TimeoutError:
            log.warning("postgres.close_timed_out", what="connection pool", timeout=CLOSE_TIMEOUT * 2)

    @property
    def available(self) -> bool:
        """False from a connection failure until the database answers again (readiness)."""
        return not self._down

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A pooled autocommit connection; connection-level failures become StoreUnavailable.

        Query-level operational errors (a cancelled statement, a lock timeout) become
        StoreUnavailable too (the client should retry), without marking the database down.
        """
        if not self._opened:  # start-up has not reached the database yet: not an outage to recover from
            raise StoreUnavailable("database unavailable: not connected yet", retry_after=self.retry_after)
        conn: AsyncConnection | None = None
        try:
            async with self._pool.connection(self._down_timeout if self._down else None) as conn:
                yield conn
            self._down = False
        except psycopg.OperationalError as exc:  # includes PoolTimeout and admin shutdowns
            if conn is None or conn.closed or conn.broken:
                self._mark_down(exc)
            raise self.unavailable(exc) from exc

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        async with self.connection() as conn, conn.transaction():
            yield conn

    def unavailable(self, exc: BaseException) -> StoreUnavailable:
        return unavailable(exc, self.retry_after)

    def _mark_down(self, exc: BaseException) -> None:
        if not self._down:
            log.warning("postgres.unavailable", error=unavailable(exc).reason)
        self._down = True
        if self._recovery is None or self._recovery.done():
            self._recovery = asyncio.create_task(self._recover(), name="postgres-recovery")

    async def _recover(self) -> None:
        """Drop the broken idle connections, then probe until a fresh one works."""
        try:
            await self._pool.check()
        except Exception as exc:  # noqa: BLE001 - the probe below keeps trying
            log.debug("postgres.pool_check_failed", error=str(exc))
        while self._down:
            try:
                async with self._pool.connection(timeout=1.0) as conn:
                    await conn.execute("SELECT 1")
            except psycopg.OperationalError:
                await asyncio.sleep(0.5)
            else:
                self._down = False
                log.info("postgres.recovered")


async def _configure(conn: AsyncConnection) -> None:
    """Every commit is durable before it returns, whatever the server's default: a 202, an event's
    seq and a state change are acknowledged only once they would survive a database crash."""
    await conn.execute("SET synchronous_commit TO on")


def unavailable(exc: BaseException, retry_after: int = 2) -> StoreUnavailable:
    """StoreUnavailable with the first line of libpq's reason (it never contains the password)."""
    text = str(exc).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    return StoreUnavailable(f"database unavailable: {reason}", retry_after=retry_after)
