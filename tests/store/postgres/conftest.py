"""One throw-away PostgreSQL per test session; each test gets its own empty schema in it.

Without the server binaries the tests are skipped on a developer's machine, but under CI
(``CI`` set) a missing PostgreSQL is an error: the backend must never silently go untested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import psycopg
import pytest

from tests.support.postgres import PostgresMissing, PostgresServer, start_server
from wfc_server.store.postgres.database import Database


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        server = start_server()
    except PostgresMissing as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"{exc}; these tests run under CI")
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_dsn(postgres_server: PostgresServer) -> Iterator[str]:
    """A DSN whose search_path is a fresh schema, dropped afterwards (much faster than a database)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = postgres_server.dsn()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{admin} options='-c search_path={schema}'"
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    except psycopg.OperationalError:
        pass  # the test left the server stopped; the session tears it down anyway


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
