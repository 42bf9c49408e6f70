"""A local webhook receiver for the tests, verifying Standard Webhooks signatures itself.

The verification follows the spec (https://www.standardwebhooks.com/): the signed content is
``{webhook-id}.{webhook-timestamp}.{body}``, the key is the base64-decoded part of the secret
after ``whsec_``, the signature is base64 HMAC-SHA256, sent as ``v1,<sig>`` (space-separated
when several). It deliberately does not import the service's signing code.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.helpers import free_port


def spec_signatures(secret: str, headers: dict[str, str], body: bytes) -> list[bool]:
    """For each ``v1`` signature in the header: does it verify with ``secret``?"""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    found = []
    for part in headers["webhook-signature"].split(" "):
        version, _, value = part.partition(",")
        if version == "v1":
            found.append(hmac.compare_digest(expected, value))
    return found


def verifies(secret: str, headers: dict[str, str], body: bytes, tolerance: int = 300) -> bool:
    if abs(time.time() - int(headers["webhook-timestamp"])) > tolerance:
        return False
    return any(spec_signatures(secret, headers, body))


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Answers each request with the next scripted status (then ``default``)."""

    script: list[int] = field(default_factory=list)
    default: int = 200
    received: list[Received] = field(default_factory=list)
    delay: float = 0.0  # seconds each answer takes (an attempt stays in flight that long)
    port: int = field(default_factory=free_port)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.received.append(Received({k.lower(): v for k, v in request.headers.items()}, body))
        status = self.script.pop(0) if self.script else self.default
        if self.delay:
            await asyncio.sleep(self.delay)
        return web.Response(status=status, text="ok" if status < 400 else "receiver failure " * 100)

    async def __aenter__(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"receiver got {len(self.received)} of {count} requests")
            await asyncio.sleep(0.05)
        return self.received
