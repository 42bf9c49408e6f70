"""Large request bodies are parsed and validated in a helper process, never on the event loop.

Validating a 1 MiB diff takes a few hundred milliseconds of pure Python; on the event loop that
is a stall for every tenant, and one tenant at its rate limit made everyone's polls 100 x slower.
Routes marked with :func:`offloaded` have bodies of :data:`OFFLOAD_ABOVE` bytes or more decoded
and loaded with their schema in a process of their own; smaller bodies stay on the loop, where
they cost less than the round trip.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError

from wfc_server.api.errors import ApiError, flatten_messages
from wfc_server.review.procpool import lower_priority, worker_context

#: Bodies at least this large are validated off the event loop.
OFFLOAD_ABOVE = 64 * 1024
_OFFLOAD_ATTR = "wfc_offloaded_schema"
_TIMEOUT_SECONDS = 30.0

HandlerT = TypeVar("HandlerT", bound=Callable[..., Any])


def offloaded(schema: type[Schema]) -> Callable[[HandlerT], HandlerT]:
    """Mark a handler whose JSON body (``schema``) is validated off the loop when large; the
    loaded data lands in ``request["data"]`` as with ``request_schema``."""

    def mark(handler: HandlerT) -> HandlerT:
        setattr(handler, _OFFLOAD_ATTR, schema)
        return handler

    return mark


def offloaded_schema(handler: object) -> type[Schema] | None:
    return getattr(handler, _OFFLOAD_ATTR, None)


def load_body(schema_path: str, body: bytes) -> tuple[str, Any]:
    """In the helper process: ``("ok", data)``, ``("json", reason)`` or ``("invalid", messages)``."""
    module, _, name = schema_path.partition(":")
    schema_cls = getattr(importlib.import_module(module), name)
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return ("json", "Malformed request: the body is not valid JSON")
    try:
        return ("ok", schema_cls().load(document))
    except ValidationError as exc:
        return ("invalid", exc.messages)


class BodyValidator:
    """One helper process (started on first use, replaced if it dies) that loads large bodies."""

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=worker_context(),
                                                 initializer=lower_priority)
        return self._executor

    async def load(self, schema: type[Schema], body: bytes) -> dict[str, Any]:
        """The schema-loaded body, or ApiError 400/422 as the on-loop validation would give."""
        path = f"{schema.__module__}:{schema.__qualname__}"
        loop = asyncio.get_running_loop()
        for attempt in range(2):
            try:
                async with asyncio.timeout(_TIMEOUT_SECONDS):
                    kind, payload = await loop.run_in_executor(self._pool(), load_body, path, body)
                break
            except BrokenProcessPool:
                self.close()  # the helper died: start a fresh one and try once more
                if attempt:
                    raise ApiError(503, "Request validation is unavailable; retry shortly",
                                   headers={"Retry-After": "1"}) from None
            except TimeoutError:
                self.close(kill=True)
                raise ApiError(503, "Request validation timed out; retry shortly",
                               headers={"Retry-After": "1"}) from None
        if kind == "json":
            raise ApiError(400, payload)
        if kind == "invalid":
            raise ApiError(422, "; ".join(flatten_messages(payload)) or "Invalid request")
        return payload  # type: ignore[no-any-return]

    async def warm(self) -> None:
        """Start the helper now, so the first large submit does not pay for it."""
        loop = asyncio.get_running_loop()
        path = f"{Schema.__module__}:{Schema.__qualname__}"
        try:
            await loop.run_in_executor(self._pool(), load_body, path, b"{}")
        except (BrokenProcessPool, RuntimeError):
            self.close()

    def close(self, *, kill: bool = False) -> None:
        """Stop the helper; ``kill`` also ends one stuck in a call (shutdown alone would wait)."""
        if self._executor is None:
            return
        processes = list((getattr(self._executor, "_processes", None) or {}).values())
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        if kill:
            for process in processes:
                process.kill()
