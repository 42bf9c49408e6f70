"""Retry helper with exponential backoff and jitter."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class RetryError(RuntimeError):
    """All attempts failed; the last error is the cause."""


def retry(
    fn: Callable[[], T],
    *,
    attempts: int = 5,
    base_delay: float = 0.2,
    max_delay: float = 10.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError),
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except retry_on as exc:
            if attempt == attempts:
                raise RetryError(f"gave up after {attempts} attempts") from exc
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay *= random.uniform(0.5, 1.0)
            log.info("attempt %d failed (%s); retrying in %.2fs", attempt, exc, delay)
            sleep(delay)
    raise AssertionError("unreachable")
