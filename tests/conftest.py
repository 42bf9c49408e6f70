"""Shared fixtures: real apps on real files (aiohttp_client), and real server processes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from tests.helpers import Credentials, wait_ready
from wfc_server.app import create_app
from wfc_server.config import Settings, load_settings

SettingsFactory = Callable[..., Settings]


@pytest.fixture
def make_settings(tmp_path: Path) -> SettingsFactory:
    """Settings on a fresh data dir, small and fast; override any section's keys by keyword."""

    def make(**sections: dict[str, Any]) -> Settings:
        base = load_settings(environ={})
        overrides: dict[str, dict[str, Any]] = {
            "server": {"data_dir": str(tmp_path / "data"), "drain_grace_seconds": 5.0},
            "review": {"workers": 1},
            "engine": {"process_pool_size": 1},
            "rate_limit": {"capacity": 1000, "refill_rate": 1000.0},
        }
        for name, values in sections.items():
            overrides.setdefault(name, {}).update(values)
        replaced = {
            name: dataclasses.replace(getattr(base, name), **values) for name, values in overrides.items()
        }
        return dataclasses.replace(base, **replaced)

    return make


@pytest.fixture
async def make_client(aiohttp_client: Any, make_settings: SettingsFactory) -> Callable[..., Any]:
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




def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the browser tests last: Playwright's sync API keeps its own event loop marked as
    running on the main thread, which pytest-asyncio's tests must not inherit."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
