"""Fixtures for the browser suite: Debian's headless Chromium and a shared real server.

The browser is launched once per session; every test gets a fresh context (so a fresh
sessionStorage). Tests skip when Chromium is missing, except under CI where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Credentials,
    Server,
    Tab,
    make_git_repo,
    open_tab,
    run_server,
)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must `apt-get install -y chromium`")
        pytest.skip(
            f"{CHROMIUM} not installed (apt-get install -y chromium); browser tests skipped"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[Server]:
    """One shared server for the module's tests (the browser check runs first to skip cheaply);
    repository mode is on for repositories the tests make under pytest's temporary folder."""
    roots = {"WFC_REPOS_ALLOWED_ROOTS": str(tmp_path_factory.getbasetemp())}
    with run_server(tmp_path_factory.mktemp("wfc") / "data", roots) as srv:
        yield srv


@pytest.fixture(scope="module")
def project(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Credentials:
    repo = make_git_repo(tmp_path_factory.mktemp("repo") / "demo")
    return server.create_project("browser-demo", repo)


@pytest.fixture()
def tab(browser: Any) -> Iterator[Tab]:
    context, tab = open_tab(browser)
    try:
        yield tab
    finally:
        context.close()
