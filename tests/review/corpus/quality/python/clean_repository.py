"""SQLite-backed repository for bookmarks."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Bookmark:
    id: int
    url: str
    title: str


class BookmarkRepository:
    def __init__(self, path: str) -> None:
        self._path = path

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self._path)
        try:
            yield conn
            conn.commit()
        finally:
            conn.close()

    def add_many(self, items: list[tuple[str, str]]) -> None:
        with self._connect() as conn:
            conn.executemany("INSERT INTO bookmarks (url, title) VALUES (?, ?)", items)

    def by_ids(self, ids: list[int]) -> list[Bookmark]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT id, url, title FROM bookmarks WHERE id IN ({marks})", ids
            ).fetchall()
        return [Bookmark(*row) for row in rows]

    def titles_for(self, ids: list[int]) -> dict[int, str]:
        wanted = set(ids)
        return {b.id: b.title for b in self.by_ids(ids) if b.id in wanted}
