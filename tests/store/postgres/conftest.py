"""Replicas of the database layer on the session's PostgreSQL (``postgres_server``, ``pg_dsn``:
tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from wfc_server.store.postgres.database import Database


@pytest.fixture
async def open_replica(pg_dsn: str) -> AsyncIterator[Callable[[], Awaitable[Database]]]:
    """Open another connection pool on the same database, as another replica would."""
    opened: list[Database] = []

    async def open_one() -> Database:
        db = Database(pg_dsn, min_size=1, max_size=8, acquire_timeout=2.0)
        await db.open()
        opened.append(db)
        return db

    yield open_one
    for db in reversed(opened):
        await db.close()


@pytest.fixture
async def database(open_replica: Callable[[], Awaitable[Database]]) -> Database:
    """An open, migrated database with a small pool that gives up on a dead server quickly."""
    return await open_replica()
