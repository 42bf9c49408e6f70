"""The event document streamed to subscribers, and the signals a subscriber's queue carries.

Backend-neutral: the PostgreSQL event log stores exactly these documents, encoded once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TERMINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})


class StreamSignal:
    """Sentinels a subscriber's queue can carry instead of an event."""

    CLOSE = "close"  # the review ended: close normally (1000)
    OVERFLOW = "overflow"  # the subscriber fell too far behind: disconnect


#: Writes an event straight to a subscriber's socket; False when it cannot now (use the queue).
DirectSend = Callable[[str], bool]


@dataclass(eq=False, slots=True)
class StreamSubscriber:
    queue: asyncio.Queue[str]
    review_id: str
    cursor: int = 0  # the seq of the last event it was given
    #: Set by the WebSocket while it streams live: an event with nothing queued ahead of it is
    #: written at once, without waking the subscriber's task (a hundred subscribers, a hundred
    #: writes in one pass instead of a hundred task switches).
    direct: DirectSend | None = None

    def offer(self, text: str) -> None:
        """Hand over ``text``, in order after what is queued; raises QueueFull when the buffer is."""
        if self.direct is not None and self.queue.empty() and self.direct(text):
            return
        self.queue.put_nowait(text)


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
