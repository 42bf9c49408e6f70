"""The connection pool every PostgreSQL store shares, and the one error a dead database gives.

Operations never hang on a database that is down: taking a connection waits at most
``acquire_timeout`` seconds, and any connection-level failure surfaces as
:class:`~wfc_server.store.protocols.StoreUnavailable` (the API answers 503 with Retry-After).
After a failure the pool re-checks its idle connections in the background, so connections
broken by a database restart are replaced without anyone having to notice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from wfc_server.logs import get_logger
from wfc_server.store.postgres.schema import migrate
from wfc_server.store.postgres.notify import Listener
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
        retry_after: int = 2,
        application_name: str = "wfc-server",
    ) -> None:
        self.dsn = dsn
        self.retry_after = retry_after
        self._pool = AsyncConnectionPool(
            dsn,
            min_size=min_size,
            max_size=max_size,
            open=False,
            timeout=acquire_timeout,
            reconnect_timeout=24 * 3600.0,  # keep trying: the database coming back is the normal case
            kwargs={"autocommit": True, "application_name": application_name},
            configure=_configure,
            name="wfc",
        )
        self.listener = Listener(dsn, application_name=f"{application_name}-listen")
        self._checking: asyncio.Task[None] | None = None

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
        except psycopg.OperationalError as exc:
            await self._pool.close()
            raise self.unavailable(exc) from exc
        await self.listener.start()

    async def close(self) -> None:
        await self.listener.stop()
        if self._checking is not None:
            self._checking.cancel()
            await asyncio.gather(self._checking, return_exceptions=True)
        await self._pool.close()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A pooled autocommit connection; connection-level failures become StoreUnavailable."""
        try:
            async with self._pool.connection() as conn:
                yield conn
        except psycopg.OperationalError as exc:  # includes PoolTimeout and admin shutdowns
            self._recheck_pool()
            raise self.unavailable(exc) from exc

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        async with self.connection() as conn, conn.transaction():
            yield conn

    def unavailable(self, exc: BaseException) -> StoreUnavailable:
        return unavailable(exc, self.retry_after)

    def _recheck_pool(self) -> None:
        """Replace the idle connections a restart broke (once at a time, in the background)."""
        if self._checking is None or self._checking.done():
            self._checking = asyncio.create_task(self._check())

    async def _check(self) -> None:
        try:
            await self._pool.check()
        except Exception as exc:  # noqa: BLE001 - a failed check is retried on the next failure
            log.debug("postgres.pool_check_failed", error=str(exc))


async def _configure(conn: AsyncConnection) -> None:
    """Every commit is durable before it returns, whatever the server's default: a 202, an event's
    seq and a state change are acknowledged only once they would survive a database crash."""
    await conn.execute("SET synchronous_commit TO on")


def unavailable(exc: BaseException, retry_after: int = 2) -> StoreUnavailable:
    """StoreUnavailable with the first line of libpq's reason (it never contains the password)."""
    text = str(exc).strip()
    reason = text.splitlines()[0] if text else type(exc).__name__
    return StoreUnavailable(f"database unavailable: {reason}", retry_after=retry_after)
