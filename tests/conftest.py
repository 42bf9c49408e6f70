"""Shared fixtures: real apps on real files (aiohttp_client), and real server processes.

PostgreSQL: one throw-away server per test session, each test its own empty schema in it.
Without the server binaries those tests are skipped on a developer's machine, but under CI
(``CI`` set) a missing PostgreSQL is an error: the backend must never silently go untested.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import Credentials, wait_ready
from tests.support.postgres import PostgresMissing, PostgresServer, start_server
from wfc_server.app import create_app
from wfc_server.config import Settings, load_settings

SettingsFactory = Callable[..., Settings]


#: ``WFC_TEST_STORE_BACKEND=postgres``: every in-process app of the run uses the postgres backend
#: (a fresh schema per test) unless the test chooses a backend itself (tests/api runs both anyway).
TEST_BACKEND = os.environ.get("WFC_TEST_STORE_BACKEND", "embedded")


@pytest.fixture
def make_settings(tmp_path: Path, request: pytest.FixtureRequest) -> SettingsFactory:
    """Settings on a fresh data dir, small and fast; override any section's keys by keyword."""
    return settings_factory(tmp_path, request, TEST_BACKEND)


def settings_factory(tmp_path: Path, request: pytest.FixtureRequest, backend: str) -> SettingsFactory:
    """``make_settings`` for ``backend`` (postgres: a fresh schema of the session's server)."""
    store: dict[str, Any] = {}
    if backend == "postgres":
        store = {"backend": "postgres", "dsn": request.getfixturevalue("pg_dsn"), "lease_seconds": 3.0}

    def make(**sections: dict[str, Any]) -> Settings:
        base = load_settings(environ={})
        overrides: dict[str, dict[str, Any]] = {
            "server": {"data_dir": str(tmp_path / "data"), "drain_grace_seconds": 5.0},
            "review": {"workers": 1},
            "engine": {"process_pool_size": 1},
            "rate_limit": {"capacity": 1000, "refill_rate": 1000.0},
            **({"store": dict(store)} if store and "store" not in sections else {}),
        }
        for name, values in sections.items():
            overrides.setdefault(name, {}).update(values)
        replaced = {
            name: dataclasses.replace(getattr(base, name), **values) for name, values in overrides.items()
        }
        return dataclasses.replace(base, **replaced)

    return make


@pytest.fixture
async def make_client(make_settings: SettingsFactory, aiohttp_client: Any) -> Callable[..., Any]:
    async def make(settings: Settings | None = None, *, engine: Any = None, **sections: dict[str, Any]) -> TestClient:
        app = create_app(settings or make_settings(**sections), engine=engine)
        client = await aiohttp_client(app)
        await wait_ready(client)
        return client

    return make


@pytest.fixture
async def client(make_client: Callable[..., Any]) -> TestClient:
    return await make_client()


@pytest.fixture
async def project(client: TestClient) -> Credentials:
    return await Credentials.create(client, "alpha")


@pytest.fixture
async def other_project(client: TestClient) -> Credentials:
    return await Credentials.create(client, "beta")




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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the browser tests last: Playwright's sync API keeps its own event loop marked as
    running on the main thread, which pytest-asyncio's tests must not inherit."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
