"""The quality gate in the dashboard, in a real Chromium: baseline states, suppressions and fixed
findings visible and filterable, report downloads, and the policy shown and edited (validated)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Credentials, Server, Tab, open_tab
from tests.gate import scenario

pytestmark = pytest.mark.browser

def sign_in(page: Any, server: Server, creds: Credentials) -> None:
    page.goto(server.base_url + "/dashboard/")
    page.get_by_test_id("project-id").fill(creds.project_id)
    page.get_by_test_id("api-key").fill(creds.api_key)
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("page-info")).to_be_visible()


def open_review(page: Any, review_id: str) -> None:
    page.locator(f'[data-testid="review-row"][data-review-id="{review_id}"]').click()
    expect(page.get_by_test_id("review-status")).to_have_text("completed")
    expect(page.get_by_test_id("review-id")).to_have_text(review_id)


@pytest.fixture(scope="module")
def gated(server: Server) -> dict[str, Any]:
    """A project with a baseline on main, a change against it (one new finding suppressed inline,
    one existing) and a fix of the baseline's finding."""
    code, body = server.request("POST", "/v1/projects/", {"project_id": "gated", "developer_id": "gate-dev"})
    assert code == 201, body
    owner = Credentials("gated", body["api_key"])
    main = server.review(owner, scenario.diff(None, scenario.MAIN), branch="main")
    change = server.review(owner, scenario.diff(scenario.MAIN, scenario.FEATURE_SUPPRESSED),
                      branch="feature", baseline="main")
    fix = server.review(owner, scenario.diff(scenario.MAIN, scenario.FIXED), baseline="main")
    code, key = server.request("POST", "/v1/projects/gated/keys", {"name": "ci-reader", "scopes": ["reviews:read"]},
                               owner)
    assert code == 201, key
    return {"owner": owner, "reader": Credentials("gated", key["api_key"]),
            "main": main, "change": change, "fix": fix}


def test_baseline_states_suppressions_and_fixed_findings_are_shown_and_filterable(
    tab: Tab, server: Server, gated: dict[str, Any], artifacts: Path
) -> None:
    page = tab.page
    change = gated["change"]
    new = [f for f in change["findings"] if f["baseline_state"] == "new"]
    existing = [f for f in change["findings"] if f["baseline_state"] == "existing"]
    suppressed = [f for f in change["findings"] if f["suppressed"]]
    assert new and existing and len(suppressed) == 1 and change["passed"] is True
    sign_in(page, server, gated["owner"])
    open_review(page, change["review_id"])

    gate = page.get_by_test_id("gate-summary")
    expect(gate).to_be_visible()
    expect(page.get_by_test_id("gate-status")).to_have_attribute("data-status", "pass")
    counts = change["gate"]["counts"]
    expect(page.get_by_test_id("gate-counts")).to_contain_text(
        f"{counts['new']} new · {counts['existing']} existing · 0 fixed · 1 suppressed")
    expect(page.get_by_test_id("gate-baseline")).to_contain_text(gated["main"]["review_id"])

    inline = page.get_by_test_id("diff-finding")
    expect(inline).to_have_count(len(change["findings"]))
    expect(page.locator('[data-testid="diff-finding"][data-baseline-state="new"]')).to_have_count(len(new))
    expect(page.locator('[data-testid="diff-finding"][data-baseline-state="existing"]')).to_have_count(len(existing))
    card = page.locator('[data-testid="diff-finding"][data-suppressed="inline"]')
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("suppressed-tag")).to_have_text("suppressed · inline")
    expect(card.get_by_test_id("suppression-reason")).to_contain_text(scenario.REASON)
    expect(card).to_have_attribute("data-line", str(suppressed[0]["line"]))

    states = page.get_by_test_id("state-filter")
    options = states.locator("option").all_inner_texts()
    counted = [f for f in change["findings"] if f["counted"]]
    # Only the states this review has are offered.
    assert options == ["Any state", "new", "existing", "suppressed", *(["counted"] if counted else [])], options
    states.select_option("suppressed")
    expect(inline).to_have_count(1)
    expect(inline).to_have_attribute("data-suppressed", "inline")
    states.select_option("existing")
    expect(inline).to_have_count(len(existing))
    page.get_by_test_id("show-findings").click()
    expect(page.get_by_test_id("finding")).to_have_count(len(existing))
    for tag in page.get_by_test_id("finding").get_by_test_id("baseline-state").all_inner_texts():
        assert tag == "existing"
    states.select_option("new")
    expect(page.get_by_test_id("finding")).to_have_count(len(new))
    expect(page.get_by_test_id("filter-count")).to_have_text(f"{len(new)} of {len(change['findings'])} shown")
    states.select_option("")
    page.screenshot(path=str(artifacts / "gate-states-1280.png"), full_page=True)

    fix = gated["fix"]
    assert fix["findings"] == []
    # A history row names the files of its diff, even for a review without findings.
    row_files = page.locator(f'[data-testid="review-row"][data-review-id="{fix["review_id"]}"] '
                             '[data-testid="row-files"]')
    expect(row_files).to_have_text("1 file: users.py")
    expect(row_files).to_have_attribute("title", scenario.PATH)
    open_review(page, fix["review_id"])
    fixed = page.get_by_test_id("fixed-finding")
    expect(fixed).to_have_count(1)
    expect(fixed).to_have_attribute("data-file", scenario.PATH)
    expect(fixed).to_contain_text("WFC-SEC-SQLI")
    expect(page.get_by_test_id("gate-counts")).to_contain_text("1 fixed")
    states = page.get_by_test_id("state-filter")
    assert states.locator("option").all_inner_texts() == ["Any state", "fixed"]
    states.select_option("fixed")
    expect(fixed).to_have_count(1)
    expect(page.get_by_test_id("fixed-findings")).to_be_visible()
    assert tab.watch.problems() == [], tab.watch.problems()


def test_review_page_downloads_reports_with_a_read_only_key(
    tab: Tab, server: Server, gated: dict[str, Any]
) -> None:
    page = tab.page
    review_id = gated["change"]["review_id"]
    sign_in(page, server, gated["reader"])
    open_review(page, review_id)
    expect(page.get_by_test_id("report-links")).to_be_visible()
    with page.expect_download() as sarif_download:
        page.get_by_test_id("report-sarif").click()
    sarif = sarif_download.value
    assert sarif.suggested_filename == f"wfc-{review_id}.sarif"
    log = json.loads(Path(sarif.path()).read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == len(gated["change"]["findings"])
    with page.expect_download() as markdown_download:
        page.get_by_test_id("report-markdown").click()
    assert markdown_download.value.suggested_filename == f"wfc-{review_id}.md"
    assert "WFC-SEC-SQLI" in Path(markdown_download.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as quality_download:
        page.get_by_test_id("report-codequality").click()
    issues = json.loads(Path(quality_download.value.path()).read_text(encoding="utf-8"))
    assert len({i["fingerprint"] for i in issues}) == len(issues) > 0
    # A read-only key reads the policy but cannot change it.
    page.get_by_test_id("open-policy").click()
    expect(page.get_by_test_id("policy-readonly")).to_be_visible()
    expect(page.get_by_test_id("policy-mode")).to_be_disabled()
    expect(page.get_by_test_id("policy-save")).to_be_disabled()
    assert tab.watch.problems() == [], tab.watch.problems()


def test_project_page_shows_and_edits_the_policy_with_validation(
    browser: Any, server: Server, gated: dict[str, Any], artifacts: Path
) -> None:
    owner = gated["owner"]
    context, tab = open_tab(browser, width=390, height=844)
    try:
        page = tab.page
        sign_in(page, server, owner)
        page.get_by_test_id("open-policy").click()
        view = page.get_by_test_id("policy-view")
        expect(view).to_be_visible()
        expect(page.get_by_test_id("policy-version")).to_contain_text("Version 0")
        expect(page.get_by_test_id("policy-mode")).to_have_value("block")
        expect(page.get_by_test_id("policy-new-only")).to_be_checked()
        expect(page.get_by_test_id("policy-readonly")).to_be_hidden()

        page.get_by_test_id("policy-mode").select_option("warn")
        page.get_by_test_id("policy-fail-on").select_option("high")
        page.get_by_test_id("policy-disabled").fill("WFC-NOT-A-RULE")
        page.get_by_test_id("policy-save").click()
        result = page.get_by_test_id("policy-result")
        expect(result).to_contain_text("unknown rule id")
        expect(result).to_contain_text("WFC-NOT-A-RULE")
        assert server.request("GET", "/v1/projects/gated/policy", creds=owner)[1]["version"] == 0

        page.get_by_test_id("policy-overrides").fill("WFC-SEC-SQLI = loud")
        page.get_by_test_id("policy-disabled").fill("")
        page.get_by_test_id("policy-save").click()
        expect(result).to_contain_text("is not RULE-ID = severity")  # checked before sending

        page.get_by_test_id("policy-overrides").fill("WFC-SEC-SQLI = critical")
        page.get_by_test_id("policy-ignore").fill("vendor/**\nbuild/*.py")
        page.get_by_test_id("policy-new-only").uncheck()
        page.get_by_test_id("policy-save").click()
        expect(result).to_contain_text("Saved as version 1")
        expect(page.get_by_test_id("policy-version")).to_contain_text("Version 1, set by gate-dev")
        code, stored = server.request("GET", "/v1/projects/gated/policy", creds=owner)
        assert code == 200
        assert (stored["mode"], stored["fail_on"], stored["new_findings_only"]) == ("warn", "high", False)
        assert stored["severity_overrides"] == {"WFC-SEC-SQLI": "critical"}
        assert stored["ignore_paths"] == ["vendor/**", "build/*.py"] and stored["disabled_rules"] == []
        assert int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth")) <= 0
        page.screenshot(path=str(artifacts / "policy-editor-390.png"), full_page=True)

        # Reopened, the form shows what is stored.
        page.get_by_test_id("policy-close").click()
        page.get_by_test_id("open-policy").click()
        expect(page.get_by_test_id("policy-overrides")).to_have_value("WFC-SEC-SQLI = critical")
        expect(page.get_by_test_id("policy-new-only")).not_to_be_checked()
        # The only problems are the one refused save (422) and the console line Chromium logs for it.
        problems = tab.watch.problems()
        assert problems and all("422" in p for p in problems), problems
    finally:
        context.close()


def test_repository_mode_without_a_baseline_shows_new_and_existing_from_the_base(
    tab: Tab, server: Server, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    scenario.git(repo, "init", "-q", "-b", "main")
    scenario.commit(repo, scenario.MAIN, "base")
    creds = server.create_project("gated-repo", repo)
    change = server.review(creds, scenario.diff(scenario.MAIN, scenario.FEATURE))
    assert change["coverage"]["mode"] == "repo" and change["baseline"]["source"] == "pre-image"
    page = tab.page
    sign_in(page, server, creds)
    open_review(page, change["review_id"])
    expect(page.get_by_test_id("gate-baseline")).to_contain_text("the base's version of the changed files")
    expect(page.get_by_test_id("gate-status")).to_have_attribute("data-status", "fail")
    expect(page.get_by_test_id("gate-counts")).to_contain_text(f"{change['gate']['counts']['new']} new")
    expect(page.locator('[data-testid="diff-finding"][data-baseline-state="existing"]')).to_have_count(
        sum(1 for f in change["findings"] if f["baseline_state"] == "existing"))
    assert tab.watch.problems() == [], tab.watch.problems()
