"""One bucket per key for the whole deployment, whatever replica a request lands on."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from wfc_server.store.postgres.database import Database
from wfc_server.store.buckets import BucketState
from wfc_server.store.postgres.limits import PgRateLimiter, _Lease


async def test_replicas_together_admit_one_projects_capacity_not_a_multiple(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    limiters = [PgRateLimiter(database, 20, 0.001)] + [
        PgRateLimiter(await open_replica(), 20, 0.001) for _ in range(2)
    ]
    decisions = await asyncio.gather(*(limiters[n % 3].take("alpha") for n in range(60)))
    assert sum(d.allowed for d in decisions) == 20
    refused = [d for d in decisions if not d.allowed]
    assert all(d.retry_after >= 1 and d.headers()["X-RateLimit-Remaining"] == "0" for d in refused)
    other = await limiters[1].take("beta")  # another project has its own bucket
    assert other.allowed and other.headers()["X-RateLimit-Remaining"] == "19"


async def test_the_bucket_refills_with_time_and_reports_headers(database: Database) -> None:
    limiter = PgRateLimiter(database, 3, 10.0)
    states = [await limiter.take("alpha") for _ in range(4)]
    assert [s.allowed for s in states] == [True, True, True, False]
    first = states[0]
    assert first.headers()["X-RateLimit-Limit"] == "3"
    assert first.headers()["X-RateLimit-Remaining"] == "2"
    assert int(first.headers()["X-RateLimit-Reset"]) >= int(time.time())
    await asyncio.sleep(0.25)
    peeked = await limiter.peek("alpha")
    assert peeked.allowed and 1.5 <= peeked.remaining <= 3
    assert (await limiter.take("alpha")).allowed
    assert await limiter.next_refill_epoch("alpha") >= time.time() - 0.01


async def test_scopes_keep_separate_buckets_for_the_same_key(database: Database) -> None:
    projects = PgRateLimiter(database, 1, 0.001, scope="project")
    signups = PgRateLimiter(database, 1, 0.001, scope="signup")
    assert (await projects.take("127.0.0.1")).allowed
    assert (await signups.take("127.0.0.1")).allowed
    assert not (await projects.take("127.0.0.1")).allowed


async def test_buckets_that_refilled_completely_are_forgotten_and_others_kept(database: Database) -> None:
    signups = PgRateLimiter(database, 2, 4.0, scope="signup")  # full again 0.5 s after a take
    projects = PgRateLimiter(database, 2, 0.001, scope="project")
    await signups.take("10.0.0.1")
    await projects.take("10.0.0.1")
    assert await signups.forget_full() == 0  # not full yet
    await asyncio.sleep(0.7)
    assert await signups.forget_full() == 1
    assert await projects.forget_full() == 0  # other scopes and slow buckets stay
    assert (await projects.peek("10.0.0.1")).remaining < 2
    assert (await signups.peek("10.0.0.1")).remaining == 2


async def test_a_leasing_replica_spends_a_local_batch_and_never_exceeds_the_shared_bucket(
    database: Database, open_replica: Callable[[], Awaitable[Database]]
) -> None:
    capacity = 400  # a lease holds at most capacity / 20 = 20 tokens
    limiters = [PgRateLimiter(database, capacity, 0.001, lease_tokens=64)] + [
        PgRateLimiter(await open_replica(), capacity, 0.001, lease_tokens=64) for _ in range(2)
    ]
    assert limiters[0].max_batch == 20
    decisions = await asyncio.gather(*(limiters[n % 3].take("alpha") for n in range(500)))
    admitted = sum(d.allowed for d in decisions)
    # Never more than the bucket; fewer by at most what the other replicas hold unspent.
    assert capacity - 2 * limiters[0].max_batch <= admitted <= capacity
    async with database.connection() as conn:
        row = await (await conn.execute("SELECT tokens FROM rate_buckets WHERE key = 'project:alpha'")).fetchone()
    held = sum(limiter._leases["alpha"].tokens for limiter in limiters)
    assert row is not None and round(row[0] + held + admitted) == capacity  # nothing made or lost
    for limiter in limiters:  # leases given back (as on expiry): the bucket holds them again
        await limiter.give_back(everything=True)
    state = await limiters[1].peek("alpha")
    assert round(state.remaining) == capacity - admitted


async def test_a_leased_batch_grows_under_load_and_headers_count_what_the_replica_holds(database: Database) -> None:
    limiter = PgRateLimiter(database, 1000, 0.001, lease_tokens=8)
    states = [await limiter.take("alpha") for _ in range(30)]
    assert all(s.allowed for s in states)
    # Remaining counts down by one per request, as without leases, though few calls reached the table.
    assert [int(s.headers()["X-RateLimit-Remaining"]) for s in states] == list(range(999, 969, -1))
    assert limiter._leases["alpha"].batch == 8
    async with database.connection() as conn:
        row = await (await conn.execute("SELECT tokens FROM rate_buckets WHERE key = 'project:alpha'")).fetchone()
    assert row is not None and 1000 - 30 - 8 < row[0] <= 1000 - 30


async def test_requests_arriving_together_on_one_replica_share_renewals_and_all_get_an_answer(
    database: Database,
) -> None:
    for capacity, expected in ((10, 10), (1000, 40)):  # no leasing (batch 1), then batches
        limiter = PgRateLimiter(database, capacity, 0.001, scope=f"together-{capacity}", lease_tokens=64)
        decisions = await asyncio.wait_for(asyncio.gather(*(limiter.take("alpha") for _ in range(40))), 10)
        assert sum(d.allowed for d in decisions) == expected


async def test_a_request_finding_a_finished_renewal_not_yet_cleared_renews_instead_of_spinning(
    database: Database,
) -> None:
    async def granted_and_spent() -> BucketState:
        return BucketState.measure(True, 10, 5.0, 0.001)

    finished = asyncio.create_task(granted_and_spent())
    await finished
    limiter = PgRateLimiter(database, 10, 0.001, scope="spin")
    # As between a renewal's end and its done-callback, with its tokens spent by another request.
    limiter._leases["alpha"] = _Lease(refilling=finished)
    state = await limiter.take("alpha")
    assert state.allowed and state.headers()["X-RateLimit-Remaining"] == "9"
