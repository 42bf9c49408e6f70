"""Backends against the protocols the service will talk to: names, parameters, sync or async.

``runtime_checkable`` only looks at names, so the check here is stricter: every protocol method
must exist with the same parameter names, and be a coroutine exactly where the protocol's is.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from wfc_server.api.ratelimit import LocalRateLimits, RateLimiter
from wfc_server.store.buckets import BucketState
from wfc_server.service.events import EventHub
from wfc_server.store import protocols
from wfc_server.store.postgres.events import PgEventBus
from wfc_server.store.postgres.limits import PgRateLimiter
from wfc_server.store.postgres.projects import PgProjectStore
from wfc_server.store.postgres.queue import PgJobQueue
from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.projects import ProjectStore
from wfc_server.store.reviews import ReviewReader

PROTOCOLS = {
    protocols.ProjectRepository: (PgProjectStore, ProjectStore),
    protocols.ReviewRepository: (PgReviewStore, ReviewReader),
    protocols.JobQueue: (PgJobQueue, None),  # embedded: the service's own asyncio.Queue today
    protocols.EventBus: (PgEventBus, EventHub),
    protocols.RateLimits: (PgRateLimiter, LocalRateLimits),
}

#: Where the embedded classes differ, and why that is safe. Projects are read from memory on
#: both backends (the postgres one mirrors the table, ``store.postgres.directory``); the embedded
#: review service writes through its own store, so the shared reads need no writes; its event hub
#: is reached through the review service's coroutines (``subscribe``), never directly.
EMBEDDED_DIFFERENCES = {
    "ProjectStore": {"get": "sync", "all": "sync", "count": "missing"},
    "ReviewReader": {"create": "missing", "transition": "missing"},
    "EventHub": {"subscribe": "sync", "progress": "sync"},
}


def _methods(protocol: type) -> dict[str, Any]:
    return {
        name: member
        for name, member in vars(protocol).items()
        if callable(member) and not name.startswith("_")
    }


def differences(protocol: type, implementation: type) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, expected in _methods(protocol).items():
        actual = getattr(implementation, name, None)
        if actual is None:
            found[name] = "missing"
            continue
        if inspect.iscoroutinefunction(expected) != inspect.iscoroutinefunction(actual):
            found[name] = "sync" if inspect.iscoroutinefunction(expected) else "async"
            continue
        wanted = list(inspect.signature(expected).parameters)
        have = list(inspect.signature(actual).parameters)
        if wanted != have:
            found[name] = "parameters"
    return found


@pytest.mark.parametrize("protocol", list(PROTOCOLS), ids=lambda p: p.__name__)
def test_the_postgres_backend_implements_each_protocol_exactly(protocol: type) -> None:
    implementation = PROTOCOLS[protocol][0]
    assert differences(protocol, implementation) == {}


def test_where_the_embedded_classes_differ_is_exactly_what_is_documented() -> None:
    found = {
        embedded.__name__: diff
        for protocol, (_, embedded) in PROTOCOLS.items()
        if embedded is not None and (diff := differences(protocol, embedded))
    }
    assert found == EMBEDDED_DIFFERENCES


def test_a_limiter_decision_carries_what_the_rate_limit_headers_need() -> None:
    for state in (BucketState(True, 10, 4.5, 1_700_000_000, 1),):
        assert isinstance(state, protocols.RateState)
        assert state.headers() == {
            "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "1700000000",
        }


def test_the_limiters_expose_their_capacity_and_rate() -> None:
    embedded = LocalRateLimits(RateLimiter(5, 2.0))
    assert (embedded.capacity, embedded.rate) == (5, 2.0)
    shared = PgRateLimiter(None, 5, 2.0)  # type: ignore[arg-type]
    assert isinstance(shared, protocols.RateLimits) and isinstance(embedded, protocols.RateLimits)
