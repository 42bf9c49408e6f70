"""Token buckets shared by every replica: one row per key, refilled and spent in one SQL call.

Three replicas together admit what one would: ``wfc_take_tokens`` refills by the time elapsed
and spends under the row's lock, so concurrent requests on any replica serialise on the bucket.
"""

from __future__ import annotations

from wfc_server.store.buckets import BucketState, next_refill_epoch
from wfc_server.store.postgres.database import Database


class PgRateLimiter:
    def __init__(self, db: Database, capacity: int, rate: float, *, scope: str = "project") -> None:
        self._db = db
        self.capacity = capacity
        self.rate = rate
        self._scope = scope  # keeps e.g. project and sign-up buckets apart in one table

    async def take(self, key: str) -> BucketState:
        """Spend one token if there is one; the state either way."""
        return await self._call(key, 1.0)

    async def peek(self, key: str) -> BucketState:
        return await self._call(key, 0.0)

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

    async def _call(self, key: str, cost: float) -> BucketState:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT admitted, remaining FROM wfc_take_tokens(%s, %s, %s, %s)",
                (f"{self._scope}:{key}", float(self.capacity), float(self.rate), cost),
            )
            row = await cursor.fetchone()
        assert row is not None
        allowed, tokens = bool(row[0]), float(row[1])
        return BucketState.measure(allowed, self.capacity, tokens, self.rate)
