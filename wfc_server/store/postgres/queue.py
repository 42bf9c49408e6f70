"""The review queue shared by every replica: claims, leases, reclaims and cancels in SQL.

A worker claims the oldest runnable review with ``FOR UPDATE SKIP LOCKED``, so two workers never
get the same one and neither waits for the other. The claim leases the review to this replica for
``lease_seconds``; while it runs, the lease is renewed every second (or more often for short
leases). A renewal that finds the review no longer ours (cancelled, or reclaimed after we stalled)
stops the run: that bounds how late a cancel is seen even when NOTIFY is lost, and NOTIFY makes it
immediate otherwise. A review whose lease expired (its replica died) is claimable again: it
restarts with ``attempts + 1``, or ends ``failed`` with the reason once ``max_attempts`` is spent.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Callable

from psycopg import AsyncConnection

from wfc_server.logs import get_logger
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.reviews import COLUMNS, JOBS_CHANNEL, record_from_row, update_review
from wfc_server.store.postgres.tasks import cancel_bounded
from wfc_server.store.protocols import Announce
from wfc_server.store.records import CANCELLED, FAILED, IN_PROGRESS, PENDING, ReviewRecord, utc_now

log = get_logger("wfc.postgres")

CANCEL_CHANNEL = "wfc_cancel"
_ACTIVE = (PENDING, IN_PROGRESS)


def replica_name() -> str:
    """Who holds a lease: host, pid and a random part (a restarted process is someone else)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class PgJobQueue:
    def __init__(
        self,
        db: Database,
        *,
        max_attempts: int,
        lease_seconds: float = 30.0,
        owner: str | None = None,
    ) -> None:
        self._db = db
        self.owner = owner or replica_name()
        self.max_attempts = max_attempts
        self.lease_seconds = lease_seconds
        self.renew_interval = min(1.0, lease_seconds / 3)
        self._work = asyncio.Event()
        self._watched: dict[str, Callable[[], None]] = {}
        self._keeper: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Listen for submits and cancels from any replica; renew this replica's leases."""
        await self._db.listener.on(JOBS_CHANNEL, lambda _payload: self._work.set(), on_reconnect=self._wake)
        await self._db.listener.on(CANCEL_CHANNEL, self._cancelled, on_reconnect=self._check_watched)
        self._keeper = asyncio.create_task(self._keep_leases(), name="postgres-lease-keeper")

    async def stop(self) -> None:
        await cancel_bounded([self._keeper], "lease keeper")
        self._keeper = None

    # -- claiming ---------------------------------------------------------------------------

    async def claim(self) -> ReviewRecord | None:
        """Lease the oldest runnable review to this replica (now ``in_progress``); None if none.

        Expired leases past ``max_attempts`` are ended ``failed`` on the way, each in its own
        committed transaction, so no review is ever claimed beyond its attempts.
        """
        while True:
            async with self._db.transaction() as conn:
                cursor = await conn.execute(
                    "SELECT review_id, status, attempts FROM reviews"
                    " WHERE status = 'pending'"
                    "    OR (status = 'in_progress' AND lease_expires_at < clock_timestamp())"
                    " ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED"
                )
                row = await cursor.fetchone()
                if row is None:
                    return None
                review_id, status, attempts = row
                if status == IN_PROGRESS and attempts >= self.max_attempts:
                    await self._give_up(conn, review_id, attempts)
                    continue
                if status == IN_PROGRESS:
                    log.warning("review.lease_expired", review_id=review_id, attempts=attempts)
                return await update_review(
                    conn, review_id, (status,),
                    {"status": IN_PROGRESS, "started_at": utc_now(), "attempts": attempts + 1},
                    Announce("started", 1, {"attempt": attempts + 1}),
                    lease_owner=self.owner, lease_seconds=self.lease_seconds,
                )

    async def _give_up(self, conn: AsyncConnection, review_id: str, attempts: int) -> None:
        reason = (f"Review was interrupted {attempts} times (the server running it stopped "
                  f"responding); giving up")
        await update_review(
            conn, review_id, (IN_PROGRESS,),
            {"status": FAILED, "completed_at": utc_now(), "passed": False, "consensus_score": None,
             "error": reason},
            Announce("failed", 0, {"error": reason}),
        )
        log.warning("review.failed", review_id=review_id, error=reason)

    async def depth(self) -> int:
        """Reviews waiting to start, across all replicas (the admission limit counts these)."""
        async with self._db.connection() as conn:
            cursor = await conn.execute("SELECT count(*) FROM reviews WHERE status = 'pending'")
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def wait_for_work(self, timeout: float) -> None:
        """Until a submit on any replica (or ``timeout``: expired leases need no wake-up)."""
        try:
            await asyncio.wait_for(self._work.wait(), timeout)
        except TimeoutError:
            pass
        self._work.clear()

    async def _wake(self) -> None:
        self._work.set()

    # -- while running ----------------------------------------------------------------------

    async def renew(self, review_id: str) -> bool:
        """Extend our lease; False when the review is no longer ours to run."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "UPDATE reviews SET lease_expires_at = clock_timestamp() + make_interval(secs => %s)"
                " WHERE review_id = %s AND status = 'in_progress' AND lease_owner = %s RETURNING 1",
                (self.lease_seconds, review_id, self.owner),
            )
            return await cursor.fetchone() is not None

    async def release(self, review_id: str) -> bool:
        """Back to pending for another replica; a clean shutdown is not a failed attempt."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE reviews SET status = 'pending', started_at = NULL,"
                " attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL"
                " WHERE review_id = %s AND status = 'in_progress' AND lease_owner = %s RETURNING project_id",
                (review_id, self.owner),
            )
            row = await cursor.fetchone()
            if row is not None:
                await conn.execute("SELECT pg_notify(%s, %s)", (JOBS_CHANNEL, row[0]))
        return row is not None

    async def cancel(self, review_id: str) -> ReviewRecord | None:
        """Cancel wherever it runs: the state changes now; its replica is told on commit."""
        async with self._db.transaction() as conn:
            record = await update_review(
                conn, review_id, _ACTIVE, {"status": CANCELLED, "completed_at": utc_now()},
                Announce("cancelled", 0, {}),
            )
            if record is not None:
                await conn.execute("SELECT pg_notify(%s, %s)", (CANCEL_CHANNEL, review_id))
        return record

    def watch(self, review_id: str, on_lost: Callable[[], None]) -> None:
        self._watched[review_id] = on_lost

    def unwatch(self, review_id: str) -> None:
        self._watched.pop(review_id, None)

    def _lost(self, review_id: str) -> None:
        callback = self._watched.pop(review_id, None)
        if callback is not None:
            callback()

    def _cancelled(self, review_id: str) -> None:
        self._lost(review_id)

    async def _check_watched(self) -> None:
        """After missed notifications: stop whatever is no longer ours."""
        for review_id in list(self._watched):
            if not await self.renew(review_id):
                self._lost(review_id)

    async def _keep_leases(self) -> None:
        while True:
            await asyncio.sleep(self.renew_interval)
            try:
                await self._check_watched()
            except Exception as exc:  # noqa: BLE001 - the database may be down; leases outlast it
                log.warning("postgres.lease_renewal_failed", error=str(exc)[:200])

    async def running(self) -> list[ReviewRecord]:
        """Reviews leased to this replica (diagnostics and tests)."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {COLUMNS} FROM reviews"
                " WHERE status = 'in_progress' AND lease_owner = %s ORDER BY seq",
                (self.owner,),
            )
            return [record_from_row(row) for row in await cursor.fetchall()]
