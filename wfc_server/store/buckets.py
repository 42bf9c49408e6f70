"""What a token bucket tells a client, whichever backend keeps the bucket (memory or PostgreSQL)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(slots=True)
class BucketState:
    allowed: bool
    limit: int
    remaining: float
    reset_epoch: int  # unix seconds (rounded up) when the bucket is full again
    retry_after: int  # whole seconds (>= 1) until one token is available

    @classmethod
    def measure(cls, allowed: bool, capacity: int, tokens: float, rate: float) -> BucketState:
        """The state of a bucket holding ``tokens`` now, refilling at ``rate`` per second."""
        to_full = (capacity - tokens) / rate
        to_one = max(1.0 - tokens, 0.0) / rate
        return cls(
            allowed=allowed,
            limit=capacity,
            remaining=tokens,
            reset_epoch=math.ceil(time.time() + to_full),
            retry_after=max(math.ceil(to_one), 1),
        )

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(math.floor(self.remaining), 0)),
            "X-RateLimit-Reset": str(self.reset_epoch),
        }


def next_refill_epoch(tokens: float, capacity: int, rate: float) -> float:
    """When the next whole token arrives (now if the bucket is full)."""
    if tokens >= capacity:
        return time.time()
    fraction = tokens - math.floor(tokens)
    return time.time() + (1.0 - fraction) / rate
