"""Token buckets shared by every replica: one row per key, refilled and spent in one SQL call.

Three replicas together admit what one would: ``wfc_take_tokens`` refills by the time elapsed
and spends under the row's lock, so concurrent requests on any replica serialise on the bucket.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from wfc_server.store.postgres.database import Database


@dataclass(frozen=True, slots=True)
class SharedBucketState:
    allowed: bool
    limit: int
    remaining: float
    reset_epoch: int  # unix seconds (rounded up) when the bucket is full again
    retry_after: int  # whole seconds (>= 1) until one token is available

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(math.floor(self.remaining), 0)),
            "X-RateLimit-Reset": str(self.reset_epoch),
        }


class PgRateLimiter:
    def __init__(self, db: Database, capacity: int, rate: float, *, scope: str = "project") -> None:
        self._db = db
        self.capacity = capacity
        self.rate = rate
        self._scope = scope  # keeps e.g. project and sign-up buckets apart in one table

    async def take(self, key: str) -> SharedBucketState:
        """Spend one token if there is one; the state either way."""
        return await self._call(key, 1.0)

    async def peek(self, key: str) -> SharedBucketState:
        return await self._call(key, 0.0)

    async def next_refill_epoch(self, key: str) -> float:
        """When the next whole token arrives (now if the bucket is full)."""
        state = await self.peek(key)
        if state.remaining >= self.capacity:
            return time.time()
        fraction = state.remaining - math.floor(state.remaining)
        return time.time() + (1.0 - fraction) / self.rate

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

    async def _call(self, key: str, cost: float) -> SharedBucketState:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT admitted, remaining FROM wfc_take_tokens(%s, %s, %s, %s)",
                (f"{self._scope}:{key}", float(self.capacity), float(self.rate), cost),
            )
            row = await cursor.fetchone()
        assert row is not None
        allowed, tokens = bool(row[0]), float(row[1])
        wall = time.time()
        return SharedBucketState(
            allowed=allowed,
            limit=self.capacity,
            remaining=tokens,
            reset_epoch=math.ceil(wall + (self.capacity - tokens) / self.rate),
            retry_after=max(math.ceil(max(1.0 - tokens, 0.0) / self.rate), 1),
        )
