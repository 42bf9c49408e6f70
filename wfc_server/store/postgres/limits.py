"""Token buckets shared by every replica: one row per key, refilled and spent in one SQL call.

Three replicas together admit what one would: ``wfc_lease_tokens`` refills by the time elapsed
and grants under the row's lock, so concurrent requests on any replica serialise on the bucket.

A busy bucket would make every request wait for that lock, so a replica *leases* tokens: it takes
a small batch in one call and spends it locally for at most ``lease_seconds``; what it has not
spent by then goes back to the bucket (at its next call, or by the sweeper). The batch starts at
one token, doubles while leases run out before they expire, halves when they do not, and never
exceeds ``lease_tokens`` nor a twentieth of the capacity. So the replicas never admit more than
the bucket holds, and at most ``replicas x batch`` tokens sit unspent on other replicas while a
request is refused. ``X-RateLimit-Remaining`` is the bucket's level as last read, refilled since,
plus the tokens this replica holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass

from wfc_server.logs import get_logger
from wfc_server.store.buckets import BucketState, next_refill_epoch
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.tasks import cancel_bounded

log = get_logger("wfc.postgres")

#: A lease holds at most this share of the capacity (1/20), whatever ``lease_tokens`` says.
LEASE_SHARE = 20


@dataclass(slots=True)
class _Lease:
    batch: int = 1
    tokens: int = 0  # leased here and not spent yet
    expires: float = 0.0  # monotonic
    shared: float = 0.0  # the shared bucket's level after this replica's last call
    read_at: float = 0.0  # monotonic
    refilling: asyncio.Task[BucketState] | None = None


class PgRateLimiter:
    def __init__(self, db: Database, capacity: int, rate: float, *, scope: str = "project",
                 lease_tokens: int = 1, lease_seconds: float = 1.0) -> None:
        self._db = db
        self.capacity = capacity
        self.rate = rate
        self._scope = scope  # keeps e.g. project and sign-up buckets apart in one table
        self.max_batch = max(1, min(lease_tokens, capacity // LEASE_SHARE))
        self.lease_seconds = lease_seconds
        self._leases: dict[str, _Lease] = {}
        self._sweeper: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Give back what expired leases did not spend, even when no request comes to do it."""
        if self.max_batch > 1 and self._sweeper is None:
            self._sweeper = asyncio.create_task(self._sweep_forever(), name=f"rate-lease-sweeper-{self._scope}")

    async def close(self) -> None:
        await cancel_bounded([self._sweeper], "rate lease sweeper")
        self._sweeper = None
        with contextlib.suppress(Exception):  # best effort: the bucket refills by itself anyway
            await asyncio.wait_for(self.give_back(everything=True), 2.0)

    async def take(self, key: str) -> BucketState:
        """Spend one token if there is one; the state either way."""
        lease = self._leases.get(key)
        if lease is None:
            lease = self._leases[key] = _Lease()
        while True:
            now = time.monotonic()
            if lease.tokens >= 1 and now < lease.expires:
                lease.tokens -= 1
                return self._state(lease, True, now)
            if lease.refilling is None:
                # A task, not this request: its tokens land in the lease even if the request is
                # cancelled, and every request waiting meanwhile shares its one call.
                lease.refilling = asyncio.create_task(self._renew(key, lease))
                lease.refilling.add_done_callback(lambda task: _renewed(lease, task))
            renewal = lease.refilling
            outcome = await asyncio.shield(renewal)
            if lease.refilling is renewal:
                # Done, though its callback may not have run yet: awaiting it again would return
                # at once, and this loop would spin without ever yielding.
                lease.refilling = None
            if not outcome.allowed:
                return outcome

    async def peek(self, key: str) -> BucketState:
        lease = self._leases.get(key)
        held = lease.tokens if lease is not None and time.monotonic() < lease.expires else 0
        _, remaining = await self._call(key, 0, 0.0)
        return BucketState.measure(True, self.capacity, min(remaining + held, self.capacity), self.rate)

    async def next_refill_epoch(self, key: str) -> float:
        """When the next whole token arrives (now if the bucket is full)."""
        state = await self.peek(key)
        return next_refill_epoch(state.remaining, self.capacity, self.rate)

    async def forget_full(self) -> int:
        """Delete this scope's buckets that have refilled completely (returns how many).

        A bucket untouched for as long as it takes to refill is full, exactly what a missing row
        means, so per-address buckets (sign-ups) never pile up in the table.
        """
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "DELETE FROM rate_buckets WHERE starts_with(key, %s)"
                " AND updated_at < clock_timestamp() - make_interval(secs => %s)",
                (f"{self._scope}:", self.capacity / self.rate),
            )
            return cursor.rowcount

    async def give_back(self, *, everything: bool = False) -> int:
        """Return expired leases' unspent tokens (all leases' with ``everything``); how many keys.

        Also forgets leases idle for a while, so per-address keys never pile up in memory.
        """
        now = time.monotonic()
        returns: list[tuple[str, int]] = []
        for key, lease in list(self._leases.items()):
            if lease.refilling is not None or not (everything or now >= lease.expires):
                continue
            if lease.tokens:
                returns.append((key, lease.tokens))
                lease.tokens = 0
                lease.batch = max(1, lease.batch // 2)
            elif now >= lease.expires + 10 * self.lease_seconds:
                del self._leases[key]
        if returns:
            async with self._db.connection() as conn, conn.cursor() as cursor:
                await cursor.executemany(
                    "SELECT wfc_lease_tokens(%s, %s, %s, 0, %s)",
                    [(f"{self._scope}:{key}", float(self.capacity), float(self.rate), float(n)) for key, n in returns],
                )
        return len(returns)

    async def _sweep_forever(self) -> None:
        while True:
            await asyncio.sleep(self.lease_seconds)
            try:
                await self.give_back()
            except Exception as exc:  # noqa: BLE001 - the database may be down; buckets refill anyway
                log.warning("postgres.rate_lease_return_failed", error=str(exc)[:200])

    async def _renew(self, key: str, lease: _Lease) -> BucketState:
        """Return what the lease did not spend and take the next batch into it."""
        now = time.monotonic()
        returned = lease.tokens
        if returned:
            lease.batch = max(1, lease.batch // 2)  # it expired unspent: ask for less
        elif now < lease.expires:
            lease.batch = min(lease.batch * 2, self.max_batch)  # ran out early: ask for more
        lease.tokens, lease.expires = 0, 0.0
        granted, remaining = await self._call(key, lease.batch, float(returned))
        lease.shared, lease.read_at = remaining, time.monotonic()
        if granted >= 1:
            lease.tokens, lease.expires = granted, lease.read_at + self.lease_seconds
        return self._state(lease, granted >= 1, lease.read_at)

    def _state(self, lease: _Lease, allowed: bool, now: float) -> BucketState:
        level = min(self.capacity, lease.shared + (now - lease.read_at) * self.rate) + lease.tokens
        return BucketState.measure(allowed, self.capacity, min(level, self.capacity), self.rate)

    async def _call(self, key: str, wanted: int, returned: float) -> tuple[int, float]:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT granted, remaining FROM wfc_lease_tokens(%s, %s, %s, %s, %s)",
                (f"{self._scope}:{key}", float(self.capacity), float(self.rate), wanted, returned),
            )
            row = await cursor.fetchone()
        assert row is not None
        return int(row[0]), float(row[1])


def _renewed(lease: _Lease, task: asyncio.Task[BucketState]) -> None:
    if lease.refilling is task:
        lease.refilling = None
    if not task.cancelled():
        task.exception()  # retrieved here: the requests that waited for it re-raise it themselves
