"""A least-recently-used cache bounded by the bytes its values take, not by their count.

Counting entries let memory grow with the size of reviews (a few large results cost more than
thousands of small ones); every cache of results or encoded bodies is bounded here in bytes.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteLRU(Generic[V]):
    """``put(key, value, size)``; the least recently used go once the sizes exceed ``max_bytes``.
    A single value larger than a quarter of the budget is not cached at all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: str) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def peek(self, key: str) -> V | None:
        """The value without refreshing its recency."""
        item = self._items.get(key)
        return None if item is None else item[0]

    def put(self, key: str, value: V, size: int) -> None:
        self.discard(key)
        if size > self.max_bytes // 4:
            return
        self._items[key] = (value, size)
        self._bytes += size
        while self._bytes > self.max_bytes and self._items:
            _key, (_value, dropped) = self._items.popitem(last=False)
            self._bytes -= dropped

    def discard(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= item[1]
