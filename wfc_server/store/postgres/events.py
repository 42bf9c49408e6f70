"""Event streams across replicas: the ``review_events`` table is the truth, NOTIFY the wake-up.

Each review with local subscribers has one channel. A notification carries the event (when it
fits in a NOTIFY): if it is the next one every subscriber is waiting for, it is handed out at once,
without a query. Otherwise (a gap, a subscriber that just joined, a body too long to carry) the
channel reads the events its least advanced subscriber has not seen (one query however many
subscribers) and hands each subscriber, in order, exactly the events past its own cursor. Events committed while the
notification connection was down are caught up on reconnect, and polled for until then, so a
subscriber never misses one. A subscriber that falls behind its bounded buffer is disconnected
(it resumes with ``?after=SEQ``), so memory never grows with a slow client.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from wfc_server.logs import get_logger
from wfc_server.store.events import TERMINAL_EVENTS, StreamSignal, StreamSubscriber
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.reviews import EVENTS_CHANNEL, PgReviewStore
from wfc_server.store.postgres.tasks import cancel_bounded
from wfc_server.store.protocols import StoreUnavailable
from wfc_server.store.records import ReviewRecord

log = get_logger("wfc.postgres")


@dataclass(eq=False, slots=True)
class _Channel:
    review_id: str
    subscribers: set[StreamSubscriber] = field(default_factory=set)
    refreshing: asyncio.Task[None] | None = None
    dirty: bool = False


class PgEventBus:
    def __init__(
        self, db: Database, reviews: PgReviewStore, *, buffer: int = 256, poll_seconds: float = 1.0
    ) -> None:
        self._db = db
        self._reviews = reviews
        self._buffer = buffer
        self._poll_seconds = poll_seconds
        self._channels: dict[str, _Channel] = {}
        self._poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._db.listener.on(EVENTS_CHANNEL, self._notified, on_reconnect=self._refresh_all)
        self._poller = asyncio.create_task(self._poll_while_deaf(), name="postgres-event-poller")

    async def stop(self) -> None:
        await cancel_bounded([self._poller, *(c.refreshing for c in self._channels.values())], "event bus")
        self._poller = None

    async def subscribe(
        self, record: ReviewRecord, after: int | None
    ) -> tuple[StreamSubscriber, int, list[str]]:
        """Register; returns the subscriber, the snapshot's seq and the events to replay.

        The snapshot is ``record`` as read, so its seq is ``record.event_seq``; with ``after``
        the snapshot says ``after`` and the events up to ``record.event_seq`` are replayed.
        Either way the live stream continues with ``record.event_seq + 1``.
        """
        subscriber = StreamSubscriber(asyncio.Queue(self._buffer), record.review_id, cursor=record.event_seq)
        cursor, replay = record.event_seq, []
        if after is not None and 0 <= after < record.event_seq:
            stored = await self._reviews.events(record.review_id, after, record.event_seq)
            replay, cursor = [event.body for event in stored], after
        if not record.terminal:
            channel = self._channels.setdefault(record.review_id, _Channel(record.review_id))
            channel.subscribers.add(subscriber)
            self._schedule(channel)  # whatever was committed since ``record`` was read
        return subscriber, cursor, replay

    def unsubscribe(self, subscriber: StreamSubscriber) -> None:
        channel = self._channels.get(subscriber.review_id)
        if channel is None:
            return
        channel.subscribers.discard(subscriber)
        if not channel.subscribers and channel.refreshing is None:
            self._channels.pop(subscriber.review_id, None)

    def forget(self, review_ids: list[str]) -> None:
        """Deleted reviews: nothing is kept in memory but their subscribers' channels."""
        for review_id in review_ids:
            channel = self._channels.pop(review_id, None)
            if channel is not None and channel.refreshing is not None:
                channel.refreshing.cancel()

    def subscriber_count(self) -> int:
        return sum(len(c.subscribers) for c in self._channels.values())

    async def progress(self, review_id: str) -> int | None:
        return await self._reviews.progress(review_id)

    # -- delivery ---------------------------------------------------------------------------

    def _notified(self, payload: str) -> None:
        review_id, _, rest = payload.partition(":")
        channel = self._channels.get(review_id)
        if channel is None:
            return
        seq_text, _, carried = rest.partition(":")
        if not seq_text.isdigit():
            self._schedule(channel)
            return
        seq = int(seq_text)
        low = min((s.cursor for s in channel.subscribers), default=seq)
        if low >= seq:
            return  # already delivered (e.g. by the catch-up after subscribing)
        kind, _, body = carried.partition(":")
        if body and channel.refreshing is None and low == seq - 1:
            # The next event, carried in the notification: fan out without reading the table.
            for subscriber in list(channel.subscribers):
                if subscriber.cursor == seq - 1:
                    self._deliver(channel, subscriber, body, kind in TERMINAL_EVENTS)
                    subscriber.cursor = seq
            if not channel.subscribers:
                self._channels.pop(channel.review_id, None)
            return
        self._schedule(channel)  # a gap (or no body): the table has what is missing

    def _schedule(self, channel: _Channel) -> None:
        if channel.refreshing is not None:
            channel.dirty = True  # the running refresh reads again before it ends
            return
        channel.refreshing = asyncio.create_task(self._refresh(channel))

    async def _refresh(self, channel: _Channel) -> None:
        try:
            while True:
                channel.dirty = False
                if not channel.subscribers:
                    break
                low = min(s.cursor for s in channel.subscribers)
                try:
                    events = await self._reviews.events(channel.review_id, low)
                except StoreUnavailable as exc:
                    log.warning("postgres.events_unavailable", review_id=channel.review_id, error=str(exc))
                    break  # the poller (or the reconnect catch-up) reads again
                for event in events:
                    for subscriber in list(channel.subscribers):
                        if event.seq > subscriber.cursor:
                            self._deliver(channel, subscriber, event.body, event.kind in TERMINAL_EVENTS)
                            subscriber.cursor = event.seq
                if not channel.dirty:
                    break
        finally:
            channel.refreshing = None
            if not channel.subscribers:
                self._channels.pop(channel.review_id, None)

    def _deliver(self, channel: _Channel, subscriber: StreamSubscriber, text: str, last: bool) -> None:
        try:
            subscriber.offer(text)
            if last:
                subscriber.queue.put_nowait(StreamSignal.CLOSE)
        except asyncio.QueueFull:
            # Drop what it could not keep up with and tell it to go away; memory stays bounded.
            while not subscriber.queue.empty():
                subscriber.queue.get_nowait()
            subscriber.queue.put_nowait(StreamSignal.OVERFLOW)
            channel.subscribers.discard(subscriber)
            return
        if last:
            channel.subscribers.discard(subscriber)

    async def _refresh_all(self) -> None:
        for channel in list(self._channels.values()):
            self._schedule(channel)

    async def _poll_while_deaf(self) -> None:
        """Without the notification connection, read every channel on a timer until it is back."""
        while True:
            await asyncio.sleep(self._poll_seconds)
            if not self._db.listener.connected:
                await self._refresh_all()
