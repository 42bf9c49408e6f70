"""Token bucket arithmetic: independence of keys, header rounding, retry hints."""

from __future__ import annotations

import time

from wfc_server.api.ratelimit import RateLimiter


def test_buckets_are_independent_and_headers_are_integers() -> None:
    limiter = RateLimiter(capacity=3, rate=0.001)
    states = [limiter.take("a") for _ in range(4)]
    assert [s.allowed for s in states] == [True, True, True, False]
    assert limiter.take("b").allowed  # another key's budget is untouched
    last = states[-1]
    headers = last.headers()
    assert headers["X-RateLimit-Limit"] == "3"
    assert headers["X-RateLimit-Remaining"] == "0"
    assert int(headers["X-RateLimit-Reset"]) >= int(time.time())
    assert last.retry_after >= 1


def test_refill_restores_tokens() -> None:
    limiter = RateLimiter(capacity=2, rate=1000.0)
    limiter.take("a")
    limiter.take("a")
    time.sleep(0.01)
    assert limiter.take("a").allowed


def test_least_recently_used_keys_are_forgotten() -> None:
    limiter = RateLimiter(capacity=1, rate=0.001, max_keys=2)
    limiter.take("a")
    limiter.take("b")
    limiter.take("c")  # evicts "a", which comes back with a full bucket
    assert limiter.take("a").allowed
