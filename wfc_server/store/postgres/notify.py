"""LISTEN/NOTIFY wake-ups on one dedicated connection per replica.

A notification only says "look again": every consumer re-reads the tables, which are the truth.
Notifications sent while the connection was down are lost, so after every reconnect each
consumer's ``on_reconnect`` hook runs to catch up. LISTEN needs a real session: the DSN must
reach PostgreSQL directly or through a session-mode pooler, never a transaction-mode one.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable

import psycopg
from psycopg import AsyncConnection, sql

from wfc_server.logs import get_logger
from wfc_server.store.postgres.tasks import cancel_bounded

log = get_logger("wfc.postgres")

Handler = Callable[[str], None]
Reconnected = Callable[[], Awaitable[None]]

_BACKOFF_FIRST = 0.1
_BACKOFF_MAX = 2.0


class Listener:
    def __init__(self, dsn: str, *, application_name: str = "wfc-server-listen") -> None:
        self._dsn = dsn
        self._application_name = application_name
        self._handlers: dict[str, list[Handler]] = defaultdict(list)
        self._reconnected: list[Reconnected] = []
        self._task: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()
        self._ever_listened = False
        self._lost_session = False
        self._session = 0

    @property
    def connected(self) -> bool:
        return self._listening.is_set()

    @property
    def session(self) -> int | None:
        """Which listening session runs now (None while there is none). A cache kept current by
        notifications is trustworthy only within the session it was filled in: one gone means
        notifications may have been missed."""
        return self._session if self._listening.is_set() else None

    async def on(self, channel: str, handler: Handler, *, on_reconnect: Reconnected | None = None) -> None:
        """Call ``handler(payload)`` for each notification on ``channel``.

        A channel added while listening reconnects the session (once, at start-up) to LISTEN on it.
        """
        new_channel = channel not in self._handlers
        self._handlers[channel].append(handler)
        if on_reconnect is not None:
            self._reconnected.append(on_reconnect)
        if new_channel and self._task is not None:
            self._lost_session = False  # a deliberate restart, not worth a log line
            await self.stop()
            await self.start()

    async def start(self, timeout: float = 5.0) -> None:
        """Start listening; waits (bounded) for the first LISTEN so nothing sent after is missed."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="postgres-listener")
        try:
            await asyncio.wait_for(self._listening.wait(), timeout)
        except TimeoutError:
            log.warning("postgres.listener_not_connected", timeout=timeout)

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_bounded([self._task], "notification listener")
            self._task = None
        self._listening.clear()

    async def _run(self) -> None:
        delay = _BACKOFF_FIRST
        while True:
            try:
                conn = await AsyncConnection.connect(
                    self._dsn, autocommit=True, application_name=self._application_name
                )
            except psycopg.OperationalError as exc:
                self._lost_session = True
                log.warning("postgres.listener_connect_failed", error=str(exc).strip()[:200], retry_in=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, _BACKOFF_MAX)
                continue
            try:
                async with conn:
                    for channel in self._handlers:
                        await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    self._session += 1
                    self._listening.set()
                    delay = _BACKOFF_FIRST
                    if self._ever_listened:
                        if self._lost_session:
                            log.info("postgres.listener_reconnected")
                        await self._catch_up()
                    self._ever_listened = True
                    async for note in conn.notifies():
                        self._dispatch(note.channel, note.payload)
            except psycopg.OperationalError as exc:
                self._lost_session = True
                log.warning("postgres.listener_lost", error=str(exc).strip()[:200])
            finally:
                self._listening.clear()
            await asyncio.sleep(delay)

    def _dispatch(self, channel: str, payload: str) -> None:
        for handler in self._handlers.get(channel, ()):
            try:
                handler(payload)
            except Exception:  # noqa: BLE001 - one consumer's bug must not deafen the others
                log.exception("postgres.listener_handler_failed", channel=channel)

    async def _catch_up(self) -> None:
        for hook in self._reconnected:
            try:
                await hook()
            except Exception:  # noqa: BLE001 - one consumer's failure must not stop the others
                log.exception("postgres.listener_catch_up_failed")
