"""Connection hygiene: caps on open connections, in total and per client address.

Connections cost a file descriptor each and need no credentials; at the open-file limit the
service stopped answering anyone. Past a cap, the oldest connection with no request in flight
(an idle keep-alive, or one that never sent a request) is closed to make room; if every
connection is busy, the new one gets a short 503 and is closed. Refusals are logged once per
interval with a count, never once per connection.
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections import OrderedDict
from typing import Any

import orjson

from wfc_server.logs import get_logger

log = get_logger("wfc.connections")

_RESERVED_FDS_MIN = 128  # files, pipes to workers, git, logs: never given to connections


def connection_cap(configured: int) -> int:
    """``configured`` or, when 0, what the open-file limit leaves after a reserve."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        derived = 10_000
    else:
        derived = max(16, soft - max(_RESERVED_FDS_MIN, soft // 8))
    return min(configured, derived) if configured > 0 else derived


class IntervalLog:
    """Log an event at most once per ``interval`` seconds, with how many were folded in."""

    def __init__(self, event: str, interval: float = 10.0) -> None:
        self._event = event
        self._interval = interval
        self._last = -interval
        self._suppressed = 0

    def __call__(self, **fields: Any) -> None:
        now = time.monotonic()
        if now - self._last < self._interval:
            self._suppressed += 1
            return
        log.warning(self._event, suppressed=self._suppressed, interval_seconds=self._interval, **fields)
        self._last = now
        self._suppressed = 0


_BUSY_BODY = orjson.dumps({
    "error": "ServiceUnavailable",
    "detail": "Too many open connections; retry shortly",
    "request_id": None,
})
BUSY_RESPONSE = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
    b"Connection: close\r\nContent-Length: " + str(len(_BUSY_BODY)).encode() + b"\r\n\r\n" + _BUSY_BODY
)


class ConnectionGuard:
    """Tracks open connections (oldest first) and enforces the caps when one is added."""

    def __init__(self, max_total: int, max_per_address: int) -> None:
        self.max_total = max_total
        self.max_per_address = max_per_address
        self._all: OrderedDict[Any, str] = OrderedDict()  # handler -> address, oldest first
        self._by_address: dict[str, OrderedDict[Any, None]] = {}
        self._log_reached = IntervalLog("connections.limit_reached")

    def __len__(self) -> int:
        return len(self._all)

    def opened(self, handler: Any, transport: asyncio.Transport) -> bool:
        """Register a new connection; False when it was refused (already answered and closed)."""
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else "unknown"
        mine = self._by_address.setdefault(address, OrderedDict())
        for cap, group, limit in (("per_address", mine, self.max_per_address), ("total", self._all, self.max_total)):
            if len(group) < limit:
                continue
            evicted = self._evict_idle(group)
            self._log_reached(cap=cap, open=len(group), address=address,
                              action="closed the oldest idle connection" if evicted else "refused")
            if not evicted:
                self._refuse(transport)
                return False
        self._all[handler] = address
        self._by_address.setdefault(address, mine)[handler] = None  # (an eviction may have dropped it)
        return True

    def closed(self, handler: Any) -> None:
        address = self._all.pop(handler, None)
        if address is None:
            return
        mine = self._by_address.get(address)
        if mine is not None:
            mine.pop(handler, None)
            if not mine:
                del self._by_address[address]

    def _evict_idle(self, candidates: OrderedDict[Any, Any]) -> bool:
        """Close the oldest connection among ``candidates`` with no request in flight."""
        for handler in candidates:
            if _is_idle(handler):
                handler.force_close()
                transport = handler.transport
                if transport is not None:
                    transport.close()
                self.closed(handler)
                return True
        return False

    @staticmethod
    def _refuse(transport: asyncio.Transport) -> None:
        try:
            transport.write(BUSY_RESPONSE)
        finally:
            transport.close()


def _is_idle(handler: Any) -> bool:
    """No request being handled and none parsed waiting: closing it loses nobody's work."""
    return not getattr(handler, "_request_in_progress", False) and not getattr(handler, "_messages", None)
