"""The API tests run on both backends: every app a test builds uses ``embedded``, then ``postgres``
(a fresh schema on the session's PostgreSQL). A test about the embedded files themselves is
marked ``embedded_only``; one that picks its backend (``store=...``) keeps its choice."""

from __future__ import annotations

import pytest

from tests.conftest import SettingsFactory, settings_factory

BACKENDS = ("embedded", "postgres")
#: Modules about what no store touches (connections, pages, error rendering, unit limits): their
#: postgres run would repeat the embedded one and cost suite time for nothing.
STORE_INDEPENDENT = frozenset({"test_connections", "test_docs_and_pages", "test_errors", "test_ratelimit_unit",
                               "test_site"})


@pytest.fixture(params=BACKENDS)
def make_settings(request: pytest.FixtureRequest, tmp_path) -> SettingsFactory:  # type: ignore[no-untyped-def]
    if request.param == "postgres" and request.node.get_closest_marker("embedded_only"):
        pytest.skip("about the embedded backend's files")
    if request.param == "postgres" and request.module.__name__.rsplit(".", 1)[-1] in STORE_INDEPENDENT:
        pytest.skip("no store is involved: the embedded run covers it")
    return settings_factory(tmp_path, request, request.param)
