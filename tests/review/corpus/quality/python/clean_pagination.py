"""Cursor-based pagination helpers for the public API."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, Sequence, TypeVar

T = TypeVar("T")
MAX_PAGE_SIZE = 200


class InvalidCursor(ValueError):
    """The client sent a cursor we did not issue."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_cursor: str | None


def encode_cursor(position: dict[str, Any]) -> str:
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidCursor("malformed cursor") from exc
    if not isinstance(value, dict):
        raise InvalidCursor("malformed cursor")
    return value


def clamp_page_size(requested: int | None, default: int = 50) -> int:
    if requested is None:
        return default
    return max(1, min(requested, MAX_PAGE_SIZE))


def paginate(rows: Sequence[dict[str, Any]], size: int, key: str = "id") -> Page[dict[str, Any]]:
    items = rows[:size]
    if len(rows) <= size or not items:
        return Page(items=items, next_cursor=None)
    return Page(items=items, next_cursor=encode_cursor({key: items[-1][key]}))
