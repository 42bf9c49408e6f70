"""Open WebSockets by the key that authenticated them, so revoking a key closes them at once."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterable

from aiohttp import web

CLOSE_POLICY = 1008


class KeySessions:
    def __init__(self) -> None:
        self._by_key: dict[str, weakref.WeakSet[web.WebSocketResponse]] = {}

    def add(self, key_id: str, ws: web.WebSocketResponse) -> None:
        self._by_key.setdefault(key_id, weakref.WeakSet()).add(ws)

    def discard(self, key_id: str, ws: web.WebSocketResponse) -> None:
        sockets = self._by_key.get(key_id)
        if sockets is not None:
            sockets.discard(ws)
            if not sockets:
                del self._by_key[key_id]

    async def close(self, key_ids: Iterable[str], reason: str) -> int:
        """Close (1008) every socket opened with these keys; how many were open."""
        sockets = [ws for key_id in key_ids for ws in list(self._by_key.pop(key_id, ()))]
        await asyncio.gather(
            *(ws.close(code=CLOSE_POLICY, message=reason.encode()[:120]) for ws in sockets),
            return_exceptions=True,
        )
        return len(sockets)
