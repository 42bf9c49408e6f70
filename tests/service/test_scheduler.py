"""The fair queue: projects interleave, each within its queued and running caps."""

from __future__ import annotations

import asyncio

import pytest

from wfc_server.service.scheduler import FairQueue, ProjectQueueFull, QueueFull, QueueLimits


def queue(total: int = 100, queued: int = 10, running: int = 1) -> FairQueue:
    return FairQueue(QueueLimits(total=total, per_project_queued=queued, per_project_running=running))


def submit(q: FairQueue, project_id: str, review_id: str) -> None:
    q.reserve(project_id)
    q.push(project_id, review_id)


async def test_a_backlog_does_not_delay_another_projects_first_review() -> None:
    q = queue(running=2)
    for n in range(6):
        submit(q, "attacker", f"a{n}")
    assert await q.next() == ("attacker", "a0")
    submit(q, "victim", "v0")  # arrives behind five waiting attacker reviews
    assert await q.next() == ("victim", "v0")  # fewest running goes first
    assert await q.next() == ("attacker", "a1")


async def test_equal_projects_take_turns() -> None:
    q = queue(running=5)
    for n in range(3):
        submit(q, "a", f"a{n}")
        submit(q, "b", f"b{n}")
    order = []
    for _ in range(6):
        project_id, _review = await q.next()
        order.append(project_id)
        q.finished(project_id)
    assert order == ["a", "b", "a", "b", "a", "b"]


async def test_a_project_at_its_running_cap_is_passed_over_until_one_finishes() -> None:
    q = queue(running=1)
    submit(q, "a", "a0")
    submit(q, "a", "a1")
    assert await q.next() == ("a", "a0")
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.1):
            await q.next()
    q.finished("a")
    assert await q.next() == ("a", "a1")


def test_caps_on_waiting_reviews_per_project_and_in_total() -> None:
    q = queue(total=3, queued=2)
    submit(q, "a", "a0")
    q.reserve("a")  # a place held while the review is written counts as waiting
    with pytest.raises(ProjectQueueFull) as refused:
        q.check("a")
    assert refused.value.limit == 2
    q.release("a")  # the write failed: the place is given back
    submit(q, "a", "a1")
    submit(q, "b", "b0")
    with pytest.raises(QueueFull):
        q.check("c")
    q.remove("a", "a0")  # cancelled while waiting
    assert q.waiting() == 2 and q.waiting("a") == 1
    q.check("c")


async def test_recovered_reviews_are_queued_past_the_caps() -> None:
    q = queue(total=1, queued=1)
    for n in range(3):
        q.push("a", f"a{n}", reserved=False)
    assert q.waiting("a") == 3
    assert await q.next() == ("a", "a0")
