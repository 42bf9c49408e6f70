"""The byte-bounded LRU behind the result and body caches."""

from __future__ import annotations

from wfc_server.store.cache import ByteLRU


def test_least_recently_used_values_go_once_the_bytes_exceed_the_budget() -> None:
    cache: ByteLRU[str] = ByteLRU(100)
    cache.put("a", "A", 20)
    cache.put("b", "B", 20)
    cache.put("c", "C", 20)
    assert cache.get("a") == "A"  # now the most recent
    cache.put("d", "D", 25)
    cache.put("e", "E", 25)  # 110 bytes: the oldest unused ("b") goes
    assert "b" not in cache and "a" in cache and cache.bytes == 90


def test_a_value_over_a_quarter_of_the_budget_is_not_kept() -> None:
    cache: ByteLRU[str] = ByteLRU(100)
    cache.put("big", "x", 26)
    assert "big" not in cache and cache.bytes == 0


def test_discard_and_replace_keep_the_byte_count_exact() -> None:
    cache: ByteLRU[str] = ByteLRU(100)
    cache.put("a", "A", 10)
    cache.put("a", "A2", 15)
    assert cache.bytes == 15 and cache.peek("a") == "A2"
    cache.discard("a")
    cache.discard("missing")
    assert cache.bytes == 0 and len(cache) == 0
