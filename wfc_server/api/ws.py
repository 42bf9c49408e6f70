"""Live review progress over a WebSocket.

Authentication (headers, or ``?project_id=&token=`` for browsers) and ownership are checked
before the upgrade, so a refused client gets a plain 401/403/404 JSON error. The first frame is
always a ``snapshot``; a finished review gets its snapshot and an immediate close (1000).
"""

from __future__ import annotations

import asyncio
import struct
from typing import Any

import orjson
from aiohttp import WSMsgType, web
from aiohttp_apigami import match_info_schema, querystring_schema

from wfc_server.api.auth import current_principal, requires_auth
from wfc_server.store.keys import SCOPE_READ
from wfc_server.api.docs import documented
from wfc_server.api.reviews import owned_review
from wfc_server.api.schemas import ReviewPathSchema, WebSocketQuerySchema
from wfc_server.service.events import Signal, Subscriber
from wfc_server.state import KEY_SESSIONS, LIFECYCLE, METRICS, RATE_HEADERS, REQUEST_ID, SERVICE, SETTINGS
from wfc_server.store.events import DirectSend
from wfc_server.store.records import utc_now

CLOSE_NORMAL = 1000
CLOSE_GOING_AWAY = 1001
CLOSE_POLICY = 1008  # the subscriber fell too far behind


@documented(
    "WebSocket stream of a review's progress events",
    tags=["reviews"],
    errors=(400, 403, 404, 422),
    authenticated=True,
    description="Upgrade to a WebSocket. Each text frame is one JSON event {seq, type, review_id, "
    "status, progress, timestamp, data}; types: snapshot (always first), queued, started, stage, "
    "completed, failed, cancelled. ?after=SEQ resumes after a known event. Browsers may "
    "authenticate with ?project_id=&token= instead of headers.",
)
@requires_auth(SCOPE_READ, query_token=True)
@match_info_schema(ReviewPathSchema)
@querystring_schema(WebSocketQuerySchema)
async def review_events(request: web.Request) -> web.StreamResponse:
    record = await owned_review(request)
    after: int | None = request["querystring"]["after"]
    settings = request.app[SETTINGS].websocket
    service = request.app[SERVICE]
    ws = web.WebSocketResponse(heartbeat=settings.heartbeat_seconds, max_msg_size=4096)
    if not ws.can_prepare(request).ok:
        raise web.HTTPBadRequest(text="Expected a WebSocket upgrade request")
    ws.headers["X-Request-ID"] = request[REQUEST_ID]
    ws.headers.update(request.get(RATE_HEADERS, {}))
    subscriber, cursor, replay = await service.subscribe(record, after)
    lifecycle = request.app[LIFECYCLE]
    metrics = request.app[METRICS]
    principal = current_principal(request)
    key_id = principal.key.key_id if principal is not None and principal.key is not None else None
    try:
        await ws.prepare(request)
        lifecycle.websockets.add(ws)
        if key_id is not None:
            request.app[KEY_SESSIONS].add(key_id, ws)  # revoking the key closes this socket
        metrics.websockets_open.inc()
        try:
            snapshot = await service.render(record)
            await ws.send_str(_event(record.review_id, cursor, "snapshot", snapshot))
            for text in replay:
                await ws.send_str(text)
            if record.terminal:
                await ws.close(code=CLOSE_NORMAL)
                return ws
            await _pump(ws, subscriber, _direct_sender(request, ws))
        finally:
            metrics.websockets_open.dec()
    finally:
        service.unsubscribe(subscriber)
        if key_id is not None:
            request.app[KEY_SESSIONS].discard(key_id, ws)
        # aiohttp re-arms its heartbeat timer when the client's close frame arrives after ours;
        # the timer would keep this closed socket (~13 KiB) alive for a whole heartbeat interval,
        # which under connection churn is hundreds of MiB. Disarm it for good.
        ws._heartbeat = None  # noqa: SLF001 - no public way; checked by tests/api/test_ws.py
        ws._cancel_heartbeat()  # noqa: SLF001
    return ws


def _event(review_id: str, seq: int, kind: str, status_body: dict[str, Any]) -> str:
    return orjson.dumps(
        {
            "seq": seq,
            "type": kind,
            "review_id": review_id,
            "status": status_body["status"],
            "progress": status_body.get("progress", 0),
            "timestamp": utc_now(),
            "data": status_body,
        }
    ).decode()


#: Put in a subscriber's queue when its client went away (events are JSON, never this word).
_GONE = "gone"


async def _pump(ws: web.WebSocketResponse, subscriber: Subscriber, direct: DirectSend | None) -> None:
    """Send the subscriber's events until the review ends, the client leaves or falls behind.

    While nothing is queued, the event bus writes each event straight to the socket through
    ``direct``; what it queues (a full socket buffer, signals) is sent from here, in order. A
    reader runs alongside so pongs and the client's close frame are processed; clients are not
    expected to send anything else, and whatever they send is ignored. When the reader ends (the
    client left) it stops the direct writes and wakes this loop through the queue.
    """
    queue = subscriber.queue
    reader = asyncio.create_task(_drain_incoming(ws))

    def client_left(_: object) -> None:
        subscriber.direct = None
        _nudge(queue)

    reader.add_done_callback(client_left)
    subscriber.direct = direct
    try:
        while not ws.closed:
            item = await queue.get()
            if item == _GONE:
                return  # the client went away
            if item == Signal.CLOSE:
                await ws.close(code=CLOSE_NORMAL)
                return
            if item == Signal.OVERFLOW:
                await ws.close(code=CLOSE_POLICY, message=b"too slow: resume with ?after=SEQ")
                return
            await ws.send_str(item)
    except (ConnectionResetError, RuntimeError):
        return  # the transport closed under us
    finally:
        subscriber.direct = None
        reader.cancel()


#: Past this many unsent bytes on a socket, events wait in the subscriber's queue (and its task
#: applies aiohttp's flow control) instead of being written directly.
_DIRECT_BUFFER_LIMIT = 64 * 1024


def _direct_sender(request: web.Request, ws: web.WebSocketResponse) -> DirectSend | None:
    """A synchronous writer of one text frame to this socket; None when frames are compressed
    (permessage-deflate keeps per-socket state: those go through aiohttp's writer)."""
    transport = request.transport
    if ws.compress or transport is None:
        return None

    def send(text: str) -> bool:
        if ws.closed or transport.is_closing() or transport.get_write_buffer_size() > _DIRECT_BUFFER_LIMIT:
            return False
        transport.write(text_frame(text))
        return True

    return send


def text_frame(text: str) -> bytes:
    """One unmasked, final WebSocket text frame (RFC 6455 section 5.2), as a server sends it."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x81, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x81, 126, size)
    else:
        header = struct.pack("!BBQ", 0x81, 127, size)
    return header + payload


def _nudge(queue: asyncio.Queue[str]) -> None:
    try:
        queue.put_nowait(_GONE)
    except asyncio.QueueFull:
        pass  # the pump is busy with what is queued; the closed socket ends it


async def _drain_incoming(ws: web.WebSocketResponse) -> None:
    async for message in ws:
        if message.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
            break


async def close_all(app: web.Application) -> None:
    """On shutdown: tell every subscriber the server is going away (1001)."""
    sockets = list(app[LIFECYCLE].websockets)
    await asyncio.gather(
        *(ws.close(code=CLOSE_GOING_AWAY, message=b"server shutting down") for ws in sockets),
        return_exceptions=True,
    )
