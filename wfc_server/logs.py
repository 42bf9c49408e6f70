"""structlog JSON lines on stdout, with a last line of defence against leaking API keys.

Every log line is one JSON object keeping structlog's ``event`` key for the message. The stdlib
loggers (aiohttp's own errors, asyncio) go through the same renderer and the same buffered sink,
so a log pipeline sees one format, in order.

Info lines (one access line per request) are buffered rather than written one syscall each:
:func:`flush_periodically` bounds their delay to a fraction of a second, and warnings and errors
are flushed at once.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import sys
import threading
import time
from typing import Any, BinaryIO

import orjson
import structlog

# Only the shapes the service makes (a prefix + URL-safe/base64 characters, standing alone):
# a project id or path that merely contains "wfc_sk_" is not a secret and stays readable.
_SECRET = re.compile(r"(?<![A-Za-z0-9_\-])(?:wfc_sk_[A-Za-z0-9_\-]{43}|wfc_admin_[A-Za-z0-9_\-]{16,}|whsec_[A-Za-z0-9+/=]{16,})(?![A-Za-z0-9_\-])")
_REDACTED = "[REDACTED]"
_BUFFER_BYTES = 64 * 1024


class UtcTimestamp:
    """structlog's ``TimeStamper(fmt="iso", utc=True)`` output (``2026-01-02T03:04:05.123456Z``),
    with the date and time of day formatted once per second instead of once per line: every
    request writes an access line, and formatting a datetime was a third of its cost."""

    __slots__ = ("_second",)

    def __init__(self) -> None:
        self._second: tuple[int, str] = (-1, "")  # one tuple, swapped whole: threads log too

    def __call__(self, _: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        now = time.time()
        second = int(now)
        cached, prefix = self._second
        if cached != second:
            prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
            self._second = (second, prefix)
        micros = int((now - second) * 1_000_000)
        event_dict["timestamp"] = f"{prefix}.{micros:06d}Z" if micros else f"{prefix}Z"
        return event_dict


def redact(text: str) -> str:
    """Replace anything shaped like an API key."""
    return _SECRET.sub(_REDACTED, text)


def _redact_secrets(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    for key, value in event_dict.items():
        if isinstance(value, str) and ("wfc_sk_" in value or "wfc_admin_" in value or "whsec_" in value):
            event_dict[key] = redact(value)
    return event_dict


class RedactingJSONRenderer:
    """Render the line, then look for anything shaped like a secret in the rendered bytes: three
    scans of one short line instead of three per string field (one line per request), and only
    a line that holds a prefix has its fields redacted and is rendered again."""

    __slots__ = ("_render",)

    def __init__(self) -> None:
        self._render = structlog.processors.JSONRenderer(serializer=orjson.dumps)

    def __call__(self, logger: Any, name: str, event_dict: dict[str, Any]) -> bytes:
        line: bytes = self._render(logger, name, event_dict)
        if b"wfc_sk_" in line or b"wfc_admin_" in line or b"whsec_" in line:
            line = self._render(logger, name, _redact_secrets(logger, name, event_dict))
        return line


class LineSink:
    """One buffered binary stream for every log line of the process (thread-safe)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def write(self, line: bytes, *, flush: bool = False) -> None:
        with self._lock:
            self._stream.write(line + b"\n")
            if flush:
                self._stream.flush()

    def flush(self) -> None:
        with self._lock:
            self._stream.flush()


class LineLogger:
    """structlog's logger: rendered lines into the sink; warnings and worse flushed at once."""

    def __init__(self, sink: LineSink) -> None:
        self._sink = sink

    def _buffered(self, message: bytes) -> None:
        self._sink.write(message)

    def _immediate(self, message: bytes) -> None:
        self._sink.write(message, flush=True)

    debug = info = msg = _buffered
    warning = warn = error = err = critical = fatal = exception = failure = _immediate


class _SinkHandler(logging.Handler):
    """stdlib records, rendered by structlog's ProcessorFormatter, into the same sink."""

    def __init__(self, sink: LineSink) -> None:
        super().__init__()
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record).encode("utf-8", "replace")
            self._sink.write(line, flush=record.levelno >= logging.WARNING)
        except Exception:
            self.handleError(record)


def _open_sink() -> LineSink:
    # stdout may be unbuffered (PYTHONUNBUFFERED=1, as in containers): buffer it ourselves.
    raw = io.FileIO(os.dup(sys.stdout.fileno()), "wb")
    return LineSink(io.BufferedWriter(raw, buffer_size=_BUFFER_BYTES))


def configure_logging(level: str = "info") -> LineSink:
    """Configure structlog and stdlib logging once per process (the CLI calls this); returns
    the sink for :func:`flush_periodically`."""
    numeric = logging.getLevelName(level.upper())
    sys.stdout.flush()
    sink = _open_sink()
    shared: list[Any] = [
        structlog.processors.add_log_level,
        UtcTimestamp(),
    ]
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.format_exc_info,
            RedactingJSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=lambda *_: LineLogger(sink),
        cache_logger_on_first_use=True,
    )
    handler = _SinkHandler(sink)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                _redact_secrets,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(numeric)
    # Our access middleware writes the access lines; aiohttp's would duplicate them unredacted.
    logging.getLogger("aiohttp.access").disabled = True
    return sink


async def flush_periodically(sink: LineSink, interval: float = 0.2) -> None:
    """Bound how long a buffered log line waits (runs for the life of the server)."""
    try:
        while True:
            await asyncio.sleep(interval)
            sink.flush()
    finally:
        sink.flush()


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
