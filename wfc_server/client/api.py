"""Talking to the server: submit with retries and an idempotency key, follow, fetch.

Every request is retried on 429 and 503 (honouring ``Retry-After``) and on connection errors,
within the run's deadline. The submit carries one ``Idempotency-Key`` for all its attempts, so a
retry after a lost answer gets the original review, never a second one.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

TERMINAL = ("completed", "failed", "cancelled")
RETRY_STATUSES = (429, 503)


class ServerError(Exception):
    """The server refused or failed a request; ``str(exc)`` is the envelope's detail (exit 2)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}" if status else detail)
        self.status = status


class DeadlineExceeded(Exception):
    """The run's time budget ran out (exit 3)."""


@dataclass(frozen=True, slots=True)
class Target:
    url: str  # server base URL, no trailing slash
    project_id: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Project-ID": self.project_id, "Authorization": f"Bearer {self.api_key}"}


def retry_after_seconds(value: str | None, default: float) -> float:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _detail(status: int, text: str) -> str:
    try:
        body = json.loads(text)
    except ValueError:
        return text.strip()[:500] or f"HTTP {status}"
    if isinstance(body, dict) and body.get("detail"):
        return f"{body.get('error', 'Error')}: {body['detail']}"
    return text.strip()[:500]


class Client:
    def __init__(self, session: aiohttp.ClientSession, target: Target, deadline: float,
                 say: Callable[[str], None]) -> None:
        self._session = session
        self._target = target
        self._deadline = deadline  # time.monotonic() value
        self._say = say  # one line of progress for the user

    def remaining(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded()
        return left

    async def _sleep(self, seconds: float) -> None:
        if seconds >= self.remaining():
            raise DeadlineExceeded()
        await asyncio.sleep(seconds)

    async def request(self, method: str, path: str, *, json_body: Any = None,
                      headers: dict[str, str] | None = None, expect: tuple[int, ...] = (200,)) -> dict[str, Any]:
        """One API call, retried on 429/503 and connection errors until the deadline."""
        attempt = 0
        while True:
            attempt += 1
            backoff = min(30.0, 0.5 * 2 ** min(attempt, 6))
            try:
                timeout = aiohttp.ClientTimeout(total=min(60.0, self.remaining()))
                async with self._session.request(
                    method, self._target.url + path, json=json_body,
                    headers={**self._target.headers, **(headers or {})}, timeout=timeout,
                ) as response:
                    text = await response.text()
                    if response.status in expect:
                        return json.loads(text) if text else {}
                    if response.status in RETRY_STATUSES:
                        wait = retry_after_seconds(response.headers.get("Retry-After"), backoff)
                        self._say(f"server answered {response.status} ({_detail(response.status, text)}); "
                                  f"retrying in {wait:g} s")
                        await self._sleep(wait)
                        continue
                    raise ServerError(response.status, _detail(response.status, text))
            except (TimeoutError, aiohttp.ClientConnectionError) as exc:
                if attempt >= 8:
                    raise ServerError(0, f"cannot reach {self._target.url}: {exc or type(exc).__name__}") from None
                self._say(f"cannot reach the server ({type(exc).__name__}); retrying in {backoff:g} s")
                await self._sleep(backoff)

    async def submit(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        return await self.request("POST", "/v1/reviews/", json_body=body,
                                  headers={"Idempotency-Key": idempotency_key}, expect=(202,))

    async def review(self, review_id: str) -> dict[str, Any]:
        return await self.request("GET", f"/v1/reviews/{review_id}")

    async def follow(self, review_id: str, on_event: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Wait for the review to end: the WebSocket stream, or polling when that fails."""
        try:
            await self._watch(review_id, on_event)
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            self._say(f"live updates unavailable ({type(exc).__name__}); polling instead")
        return await self.poll(review_id, on_event)

    async def _watch(self, review_id: str, on_event: Callable[[dict[str, Any]], None]) -> None:
        """Stream events until a terminal one; returns early (for polling) if the stream ends."""
        url = self._target.url.replace("http", "ws", 1) + f"/v1/reviews/{review_id}/ws"
        async with self._session.ws_connect(url, headers=self._target.headers, heartbeat=30) as ws:
            while True:
                message = await ws.receive(timeout=self.remaining())
                if message.type != aiohttp.WSMsgType.TEXT:
                    return  # closed (review over, or the server restarting): polling settles it
                event = json.loads(message.data)
                on_event(event)
                if event.get("status") in TERMINAL:
                    return

    async def poll(self, review_id: str, on_event: Callable[[dict[str, Any]], None],
                   interval: float = 1.0) -> dict[str, Any]:
        last = None
        while True:
            review = await self.review(review_id)
            if review.get("status") in TERMINAL:
                return review
            seen = (review.get("status"), review.get("progress"))
            if seen != last:
                on_event({"type": "poll", "status": review.get("status"), "progress": review.get("progress"),
                          "data": {}})
                last = seen
            await self._sleep(interval)
