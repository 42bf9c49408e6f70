"""The API tests run on both backends: every app a test builds uses ``embedded``, then ``postgres``
(a fresh schema on the session's PostgreSQL). A test about the embedded files themselves is
marked ``embedded_only``; one that picks its backend (``store=...``) keeps its choice."""

from __future__ import annotations

import pytest

from tests.conftest import SettingsFactory, settings_factory

BACKENDS = ("embedded", "postgres")


@pytest.fixture(params=BACKENDS)
def make_settings(request: pytest.FixtureRequest, tmp_path) -> SettingsFactory:  # type: ignore[no-untyped-def]
    if request.param == "postgres" and request.node.get_closest_marker("embedded_only"):
        pytest.skip("about the embedded backend's files")
    return settings_factory(tmp_path, request, request.param)
