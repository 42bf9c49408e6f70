"""Token buckets: one per project for authenticated requests, one per address for sign-ups."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from wfc_server.store.buckets import BucketState, next_refill_epoch


@dataclass(slots=True)
class TokenBucket:
    capacity: int
    rate: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now


class RateLimiter:
    """Independent buckets by key; the least recently used are forgotten past ``max_keys``."""

    def __init__(self, capacity: int, rate: float, max_keys: int = 100_000) -> None:
        self.capacity = capacity
        self.rate = rate
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def _bucket(self, key: str, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.capacity, self.rate, float(self.capacity), now)
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket.refill(now)
        return bucket

    def take(self, key: str) -> BucketState:
        """Spend one token if there is one; the state either way."""
        now = time.monotonic()
        bucket = self._bucket(key, now)
        allowed = bucket.tokens >= 1.0
        if allowed:
            bucket.tokens -= 1.0
        return self._state(bucket, allowed)

    def has(self, key: str) -> bool:
        """Whether ``key`` has a bucket (one that was never taken from is full)."""
        return key in self._buckets

    def peek(self, key: str) -> BucketState:
        now = time.monotonic()
        return self._state(self._bucket(key, now), True)

    def next_refill_epoch(self, key: str) -> float:
        """When the next whole token arrives (now if the bucket is full)."""
        bucket = self._bucket(key, time.monotonic())
        return next_refill_epoch(bucket.tokens, bucket.capacity, bucket.rate)

    def _state(self, bucket: TokenBucket, allowed: bool) -> BucketState:
        return BucketState.measure(allowed, bucket.capacity, bucket.tokens, bucket.rate)


class LocalRateLimits:
    """This process's buckets behind the coroutine interface a shared (database) limiter has.

    ``protocols.RateLimits``: the request path awaits either backend the same way.
    """

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter
        self.capacity = limiter.capacity
        self.rate = limiter.rate

    async def take(self, key: str) -> BucketState:
        return self._limiter.take(key)

    async def peek(self, key: str) -> BucketState:
        return self._limiter.peek(key)

    async def next_refill_epoch(self, key: str) -> float:
        return self._limiter.next_refill_epoch(key)


class FailureLimiter:
    """Failed authentications per client address: a burst, then 429 until tokens trickle back.

    Only failures spend tokens, so a valid client is never slowed by someone else's mistakes,
    and an address that runs out is reported once per ``report_every`` seconds, not per try.
    """

    def __init__(self, burst: int, rate: float, report_every: float = 600.0) -> None:
        self._buckets = RateLimiter(burst, rate)
        self._reported: OrderedDict[str, float] = OrderedDict()
        self._report_every = report_every

    def blocked(self, address: str) -> int:
        """Seconds the address must wait (0 when it may try)."""
        if not self._buckets.has(address):
            return 0  # never failed (or long forgotten): a full bucket, and none is made for it
        state = self._buckets.peek(address)
        return 0 if state.remaining >= 1.0 else state.retry_after

    def fail(self, address: str) -> bool:
        """Count one failure; True when this one exhausted the burst and should be reported."""
        state = self._buckets.take(address)
        if state.remaining >= 1.0:
            return False
        now = time.monotonic()
        last = self._reported.get(address)
        if last is not None and now - last < self._report_every:
            return False
        self._reported[address] = now
        self._reported.move_to_end(address)
        while len(self._reported) > 10_000:
            self._reported.popitem(last=False)
        return True
