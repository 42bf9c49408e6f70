"""The event document streamed to subscribers, and the signals a subscriber's queue carries.

Backend-neutral: the PostgreSQL event log stores exactly these documents, encoded once.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

TERMINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})


class StreamSignal:
    """Sentinels a subscriber's queue can carry instead of an event."""

    CLOSE = "close"  # the review ended: close normally (1000)
    OVERFLOW = "overflow"  # the subscriber fell too far behind: disconnect


@dataclass(eq=False, slots=True)
class StreamSubscriber:
    queue: asyncio.Queue[str]
    review_id: str
    cursor: int = 0  # the seq of the last event it was given


def event_document(
    seq: int, kind: str, review_id: str, status: str, progress: int, timestamp: str,
    data: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "type": kind,
        "review_id": review_id,
        "status": status,
        "progress": progress,
        "timestamp": timestamp,
        "data": data or {},
    }
