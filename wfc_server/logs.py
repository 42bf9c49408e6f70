"""structlog JSON lines on stdout, with a last line of defence against leaking API keys.

Every log line is one JSON object keeping structlog's ``event`` key for the message. The stdlib
loggers (aiohttp's own errors, asyncio) go through the same renderer so a log pipeline sees one
format.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any, TextIO

import orjson
import structlog

_SECRET = re.compile(r"wfc_sk_[A-Za-z0-9_\-]+")
_REDACTED = "[REDACTED]"


def redact(text: str) -> str:
    """Replace anything shaped like an API key."""
    return _SECRET.sub(_REDACTED, text)


def _redact_secrets(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    for key, value in event_dict.items():
        if isinstance(value, str) and "wfc_sk_" in value:
            event_dict[key] = redact(value)
    return event_dict


def configure_logging(level: str = "info", stream: TextIO | None = None) -> None:
    """Configure structlog and stdlib logging once per process (the CLI calls this)."""
    numeric = logging.getLevelName(level.upper())
    stream = stream or sys.stdout
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp"),
    ]
    # orjson renders bytes straight to the binary stream: an access line per request is cheap.
    binary = getattr(stream, "buffer", None)
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.format_exc_info,
            _redact_secrets,
            structlog.processors.JSONRenderer(serializer=orjson.dumps)
            if binary is not None
            else structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.BytesLoggerFactory(binary)
        if binary is not None
        else structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(stream)
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


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    return structlog.get_logger(name)
