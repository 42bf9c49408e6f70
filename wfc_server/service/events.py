"""Per-review event streams for WebSocket subscribers.

Each event is serialised to JSON once and the same string is handed to every subscriber, so a
thousand subscribers cost a thousand socket writes (or queue puts), not a thousand encodings. Each subscriber has a
bounded buffer: one that falls behind is disconnected (it can resume with ``?after=SEQ``) and can
never make server memory grow. A review's history is kept while it runs and for a bounded number
of finished reviews afterwards, to serve resumes.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from wfc_server.store.events import StreamSubscriber
from wfc_server.store.records import ReviewRecord, utc_now

TERMINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})
#: After a restart the stream of a resumed review continues this far past the last persisted
#: seq, so events delivered (but not persisted) before the crash are never numbered twice.
RESTART_SEQ_GAP = 100


class Signal:
    """Sentinels a subscriber's queue can carry instead of an event."""

    CLOSE = "close"  # the review ended: close normally (1000)
    OVERFLOW = "overflow"  # the subscriber fell too far behind: disconnect


#: One subscriber of one review, the same on either backend.
Subscriber = StreamSubscriber


@dataclass(slots=True)
class Channel:
    seq: int
    progress: int = 0
    history: list[tuple[int, str]] = field(default_factory=list)
    subscribers: set[Subscriber] = field(default_factory=set)
    finished: bool = False


class EventHub:
    def __init__(self, buffer: int = 256, history_reviews: int = 500) -> None:
        self._buffer = buffer
        self._history_reviews = history_reviews
        self._channels: dict[str, Channel] = {}
        self._finished: OrderedDict[str, None] = OrderedDict()
        self._on_terminal: list[Callable[[ReviewRecord, str], None]] = []

    def on_terminal(self, listener: Callable[[ReviewRecord, str], None]) -> None:
        """Call ``listener(record, kind)`` when a review ends (webhooks subscribe here)."""
        self._on_terminal.append(listener)

    def open(self, record: ReviewRecord, *, resumed: bool = False) -> Channel:
        """The review's channel, created on first use (after a restart, past a seq gap)."""
        channel = self._channels.get(record.review_id)
        if channel is None:
            start = record.event_seq + (RESTART_SEQ_GAP if resumed and record.event_seq else 0)
            channel = Channel(seq=start)
            self._channels[record.review_id] = channel
        return channel

    def progress(self, review_id: str) -> int | None:
        channel = self._channels.get(review_id)
        return channel.progress if channel else None

    def publish(
        self, record: ReviewRecord, kind: str, progress: int, data: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Number, serialise once and fan out one event; returns it."""
        channel = self.open(record)
        channel.seq += 1
        channel.progress = max(channel.progress, min(max(progress, 0), 100))
        record.event_seq = channel.seq
        event = {
            "seq": channel.seq,
            "type": kind,
            "review_id": record.review_id,
            "status": record.status,
            "progress": channel.progress,
            "timestamp": utc_now(),
            "data": data or {},
        }
        text = orjson.dumps(event).decode()
        channel.history.append((channel.seq, text))
        finished = kind in TERMINAL_EVENTS
        for subscriber in list(channel.subscribers):
            self._offer(subscriber, text)
            if finished:
                self._offer(subscriber, Signal.CLOSE, signal=True)
        if finished:
            channel.finished = True
            channel.subscribers.clear()
            self._retire(record.review_id)
            for listener in self._on_terminal:
                listener(record, kind)
        return event

    def subscribe(self, record: ReviewRecord, after: int | None) -> tuple[Subscriber, int, list[str]]:
        """Register a subscriber; returns it, the snapshot's seq and the events to replay.

        The snapshot (sent first) carries ``seq`` = the cursor the stream continues from: with
        ``after`` it is ``after`` and the events after it are replayed; without, it is the latest
        seq. Either way every later event has a larger seq.
        """
        subscriber = Subscriber(asyncio.Queue(self._buffer), record.review_id)
        if record.terminal and record.review_id not in self._channels:
            return subscriber, record.event_seq, []  # history retired: the snapshot says it all
        channel = self.open(record)
        replay: list[str] = []
        cursor = channel.seq
        if after is not None and 0 <= after < channel.seq:
            missed = [text for seq, text in channel.history if seq > after]
            oldest = channel.history[0][0] if channel.history else channel.seq + 1
            if missed and oldest <= after + 1:
                replay, cursor = missed, after
        if not channel.finished and not record.terminal:
            channel.subscribers.add(subscriber)
        return subscriber, cursor, replay

    def unsubscribe(self, subscriber: Subscriber) -> None:
        channel = self._channels.get(subscriber.review_id)
        if channel is not None:
            channel.subscribers.discard(subscriber)

    def forget(self, review_ids: list[str]) -> None:
        """Drop the event history of deleted reviews."""
        for review_id in review_ids:
            self._channels.pop(review_id, None)
            self._finished.pop(review_id, None)

    def subscriber_count(self) -> int:
        return sum(len(c.subscribers) for c in self._channels.values())

    def _offer(self, subscriber: Subscriber, item: str, *, signal: bool = False) -> None:
        try:
            if signal:  # for the subscriber's task, never written to its socket
                subscriber.queue.put_nowait(item)
            else:
                subscriber.offer(item)
        except asyncio.QueueFull:
            # Drop what it could not keep up with and tell it to go away; memory stays bounded.
            while not subscriber.queue.empty():
                subscriber.queue.get_nowait()
            subscriber.queue.put_nowait(Signal.OVERFLOW)
            self.unsubscribe(subscriber)

    def _retire(self, review_id: str) -> None:
        self._finished[review_id] = None
        self._finished.move_to_end(review_id)
        while len(self._finished) > self._history_reviews:
            old, _ = self._finished.popitem(last=False)
            self._channels.pop(old, None)
