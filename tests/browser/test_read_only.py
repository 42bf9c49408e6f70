"""A read-only key in the dashboard: history and live views work, submit and cancel are gone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Credentials, Server, Tab

pytestmark = pytest.mark.browser


def test_read_only_key_sees_history_but_no_submit_or_cancel(tab: Tab, server: Server, project: Credentials) -> None:
    code, key = server.request("POST", f"/v1/projects/{project.project_id}/keys",
                               {"name": "dashboard", "scopes": ["reviews:read"]}, project)
    assert code == 201, key
    reader = Credentials(project.project_id, key["api_key"])
    page: Any = tab.page
    page.goto(server.base_url + "/dashboard/")
    page.get_by_test_id("project-id").fill(reader.project_id)
    page.get_by_test_id("api-key").fill(reader.api_key)
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("page-info")).to_be_visible()
    expect(page.get_by_test_id("diff-input")).to_be_hidden()
    expect(page.get_by_test_id("submit-review")).to_be_hidden()
    assert page.evaluate("document.body.classList.contains('read-only')")
    page.evaluate("document.getElementById('cancel-review').hidden = false")  # as for a running review
    expect(page.get_by_test_id("cancel-review")).to_be_hidden()
