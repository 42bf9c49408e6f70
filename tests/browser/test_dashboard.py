"""The dashboard in a real Chromium against a real server: sign-in, live review, cancel, errors."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import (
    Credentials,
    Server,
    Tab,
    make_git_repo,
    open_tab,
    run_server,
)

pytestmark = pytest.mark.browser

SQLI_LINE = """    cursor.execute("SELECT * FROM users WHERE name = '" + request.args["name"] + "'")"""
XSS = "<img src=x onerror=alert(1)>"
REVIEW_TIMEOUT_MS = 60_000
TERMINAL_RE = re.compile(r"^(completed|failed|cancelled)$")

# Big enough that one worker needs a while, well under the 1 MiB body limit.
LARGE_LINES = [
    line
    for i in range(4000)
    for line in (
        f"def handler_{i}(cursor, value):",
        f"    return cursor.execute('SELECT {i}' + value)",
        "",
    )
]


def added_file_diff(path: str, lines: list[str]) -> str:
    """A unified diff that adds `path` with `lines`."""
    body = "".join(f"+{line}\n" for line in lines)
    return (
        f"diff --git a/{path} b/{path}\n"
        "new file mode 100644\n"
        "--- /dev/null\n"
        f"+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n"
        f"{body}"
    )


SQLI_DIFF = added_file_diff(
    "app/users.py",
    [
        "from flask import request",
        "",
        "",
        "def find_user(cursor):",
        SQLI_LINE,
        "    return cursor.fetchall()",
    ],
)


@pytest.fixture(scope="module")
def completed_review(server: Server, project: Credentials) -> str:
    """A review submitted over HTTP and finished, for tests that browse history."""
    code, body = server.request(
        "POST", "/v1/reviews/", {"diff_content": SQLI_DIFF}, project
    )
    assert code == 202, (code, body)
    review_id = body["review_id"]
    deadline = time.monotonic() + REVIEW_TIMEOUT_MS / 1000
    while True:
        code, review = server.request("GET", f"/v1/reviews/{review_id}", creds=project)
        assert code == 200, (code, review)
        if review["status"] in ("completed", "failed", "cancelled"):
            break
        assert time.monotonic() < deadline, f"review still {review['status']}"
        time.sleep(0.2)
    assert review["status"] == "completed", review.get("error")
    return str(review_id)


def sign_in(tab: Tab, server: Server, creds: Credentials) -> None:
    page = tab.page
    page.goto(server.base_url + "/dashboard/")
    page.get_by_test_id("project-id").fill(creds.project_id)
    page.get_by_test_id("api-key").fill(creds.api_key)
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("diff-input")).to_be_visible()


def submit(tab: Tab, diff: str) -> str:
    """Submit through the form; returns the review id the live view opened."""
    page = tab.page
    page.get_by_test_id("diff-input").fill(diff)
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("submit-result")).to_contain_text("Accepted")
    review_id = page.get_by_test_id("review-id").inner_text()
    assert review_id
    return review_id


def show_findings_list(page: Any) -> None:
    """The diff view opens first; the findings list is the second tab."""
    page.get_by_test_id("show-findings").click()


def wait_until_completed(page: Any) -> None:
    """Wait for the live status to turn terminal, then insist it is `completed`."""
    status = page.get_by_test_id("review-status")
    expect(status).to_have_text(TERMINAL_RE, timeout=REVIEW_TIMEOUT_MS)
    if status.inner_text() != "completed":
        error = page.get_by_test_id("review-error")
        reason = error.inner_text() if error.is_visible() else "(no error shown)"
        raise AssertionError(f"review ended {status.inner_text()!r}: {reason}")


def watch_status_changes(page: Any) -> None:
    """Record every text the live status element takes (to prove it changed without reloads)."""
    page.evaluate(
        """() => {
            window.__statusSeen = [];
            window.__notReloaded = true;
            const target = document.querySelector('[data-testid="review-status"]');
            new MutationObserver(() => window.__statusSeen.push(target.textContent))
                .observe(target, {childList: true, characterData: true, subtree: true});
        }"""
    )


def test_sign_in_submit_and_follow_review_live(
    tab: Tab, server: Server, project: Credentials, artifacts: Path
) -> None:
    page = tab.page
    sign_in(tab, server, project)
    assert page.evaluate("sessionStorage.getItem('wfc.apiKey')") == project.api_key
    watch_status_changes(page)
    review_id = submit(tab, SQLI_DIFF)

    status = page.get_by_test_id("review-status")
    expect(status).to_have_count(1)
    wait_until_completed(page)
    assert page.evaluate("window.__notReloaded") is True, "the page reloaded"
    seen = page.evaluate("window.__statusSeen")
    assert seen[-1] == "completed"
    assert any(s in ("pending", "in_progress") for s in seen), seen

    show_findings_list(page)
    findings = page.get_by_test_id("finding")
    expect(findings.first).to_be_visible()
    texts = findings.all_inner_texts()
    assert any("app/users.py" in t for t in texts), texts
    rank = ["critical", "high", "medium", "low", "info"]
    groups = page.get_by_test_id("file-group").evaluate_all(
        """els => els.map(g => [...g.querySelectorAll('[data-testid="finding"]')]
                                  .map(f => f.dataset.severity))"""
    )
    for severities in groups:
        ranks = [rank.index(s) for s in severities]
        assert ranks == sorted(ranks), f"findings not sorted by severity: {severities}"
    assert {"critical", "high"} & {s for g in groups for s in g}, groups
    expect(page.get_by_test_id("verdict")).to_have_text("failed")
    expect(page.get_by_test_id("consensus-score")).not_to_have_text("—")
    stages = page.get_by_test_id("stage")
    expect(stages).to_have_count(5)
    for i in range(5):
        expect(stages.nth(i)).to_contain_text("done")

    row = page.locator(f'[data-testid="review-row"][data-review-id="{review_id}"]')
    expect(row).to_contain_text("completed", timeout=10_000)
    page.screenshot(
        path=str(artifacts / "dashboard-completed-1280.png"), full_page=True
    )
    assert tab.watch.problems() == [], tab.watch.problems()
    assert tab.watch.dialogs == []


def test_wrong_key_shows_error_and_stays_on_sign_in(
    tab: Tab, server: Server, project: Credentials, artifacts: Path
) -> None:
    page = tab.page
    page.goto(server.base_url + "/dashboard/")
    page.get_by_test_id("project-id").fill(project.project_id)
    page.get_by_test_id("api-key").fill("wrong-key")
    page.get_by_test_id("sign-in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Not authorized")
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    expect(page.get_by_test_id("diff-input")).to_be_hidden()
    assert page.evaluate("sessionStorage.length") == 0
    page.screenshot(path=str(artifacts / "dashboard-wrong-key.png"))
    assert tab.watch.page_errors == []
    assert [e for e in tab.watch.console_errors if "401" not in e] == []


def test_invalid_diff_shows_422_message(
    tab: Tab, server: Server, project: Credentials
) -> None:
    page = tab.page
    sign_in(tab, server, project)
    page.get_by_test_id("diff-input").fill("this is not a diff at all")
    page.get_by_test_id("submit-review").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Invalid input")
    expect(page.get_by_test_id("review-view")).to_be_hidden()
    assert tab.watch.page_errors == []


def test_html_in_findings_is_rendered_as_text(
    tab: Tab, server: Server, project: Credentials, artifacts: Path
) -> None:
    page = tab.page
    sign_in(tab, server, project)
    path = f"web/{XSS}.py"
    diff = added_file_diff(
        path,
        [
            "def lookup(cursor, request):",
            f"    # {XSS}",
            f"""    cursor.execute("SELECT '{XSS}' FROM users WHERE name = '" + request.args["name"] + "'")""",
        ],
    )
    submit(tab, diff)
    wait_until_completed(page)
    expect(page.get_by_test_id("diff-finding").first).to_be_visible()
    assert any(XSS in t for t in page.get_by_test_id("diff-view").all_inner_texts())
    show_findings_list(page)
    findings = page.get_by_test_id("finding")
    expect(findings.first).to_be_visible()
    assert any(XSS in t for t in findings.all_inner_texts()), findings.all_inner_texts()
    assert page.locator("#findings img, #review-view img, [onerror]").count() == 0
    assert (
        page.evaluate("document.querySelectorAll('img').length") == 1
    )  # the logo only
    page.screenshot(path=str(artifacts / "dashboard-html-as-text.png"), full_page=True)
    assert tab.watch.dialogs == []
    assert tab.watch.problems() == [], tab.watch.problems()


def test_history_rows_open_with_keyboard_and_sign_out_clears_session(
    tab: Tab, server: Server, project: Credentials, completed_review: str
) -> None:
    page = tab.page
    sign_in(tab, server, project)
    review_id = completed_review
    rows = page.get_by_test_id("review-row")
    row = page.locator(f'[data-testid="review-row"][data-review-id="{review_id}"]')
    expect(row).to_contain_text("completed")
    expect(page.get_by_test_id("review-view")).to_be_hidden()
    page.get_by_test_id("status-filter").focus()
    for _ in range(30):  # reach the row the way a keyboard user does
        page.keyboard.press("Tab")
        if row.evaluate("el => el === document.activeElement"):
            break
    expect(row).to_be_focused()
    outline = row.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("none", ""), "focused row has no visible focus outline"
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("review-view")).to_be_visible()
    expect(page.get_by_test_id("review-id")).to_have_text(review_id)
    expect(page.get_by_test_id("review-status")).to_have_count(1)
    expect(page.get_by_test_id("review-status")).to_have_text("completed")
    # The review's diff has arrived (a reload while it is in flight would abort the request).
    expect(page.get_by_test_id("diff-finding").first).to_be_visible()

    page.reload()  # the session and the review in view survive a reload
    expect(page.get_by_test_id("review-id")).to_have_text(review_id)
    expect(page.get_by_test_id("review-status")).to_have_text("completed")
    expect(page.get_by_test_id("diff-finding").first).to_be_visible()

    page.get_by_test_id("status-filter").select_option("cancelled")
    expect(page.get_by_test_id("page-info")).to_contain_text("of 0")
    page.get_by_test_id("status-filter").select_option("completed")
    expect(rows.first).to_contain_text("completed")

    page.get_by_test_id("sign-out").click()
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    assert page.evaluate("sessionStorage.length") == 0
    page.reload()
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    assert tab.watch.problems() == [], tab.watch.problems()


def test_phone_width_renders_without_horizontal_scroll(
    browser: Any,
    server: Server,
    project: Credentials,
    completed_review: str,
    artifacts: Path,
) -> None:
    context, tab = open_tab(browser, width=390, height=844)
    try:
        page = tab.page
        sign_in(tab, server, project)
        row = page.locator(
            f'[data-testid="review-row"][data-review-id="{completed_review}"]'
        )
        row.click()
        expect(page.get_by_test_id("review-status")).to_have_text("completed")
        expect(page.get_by_test_id("diff-finding").first).to_be_visible()
        diff_overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert diff_overflow <= 0, f"the diff view is {diff_overflow}px wider than the phone"
        page.screenshot(path=str(artifacts / "dashboard-phone-390-diff.png"), full_page=True)
        show_findings_list(page)
        expect(page.get_by_test_id("finding").first).to_be_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
        for testid in ("diff-input", "submit-review", "review-status"):
            box = page.get_by_test_id(testid).bounding_box()
            assert (
                box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
            ), (testid, box)
        page.screenshot(path=str(artifacts / "dashboard-phone-390.png"), full_page=True)
        assert tab.watch.problems() == [], tab.watch.problems()
    finally:
        context.close()


def test_cancel_pending_review(
    browser: Any, tmp_path: Path, chromium_path: Path, artifacts: Path
) -> None:
    """One worker busy with large diffs keeps the target pending, so cancel is deterministic."""
    env = {"WFC_REVIEW_WORKERS": "1", "WFC_DRAIN_GRACE_SECONDS": "1"}
    with run_server(tmp_path / "data", env) as srv:
        creds = srv.create_project("browser-cancel", make_git_repo(tmp_path / "repo"))
        blockers = []
        for n in range(3):
            status, body = srv.request(
                "POST",
                "/v1/reviews/",
                {"diff_content": added_file_diff(f"big{n}.py", LARGE_LINES)},
                creds,
            )
            assert status == 202, (status, body)
            blockers.append(body["review_id"])
        context, tab = open_tab(browser)
        try:
            page = tab.page
            sign_in(tab, srv, creds)
            review_id = submit(tab, SQLI_DIFF)
            status_el = page.get_by_test_id("review-status")
            expect(status_el).to_have_text("pending")
            cancel = page.get_by_test_id("cancel-review")
            expect(cancel).to_be_visible()
            cancel.click()
            expect(status_el).to_have_text("cancelled")
            expect(cancel).to_be_hidden()
            row = page.locator(
                f'[data-testid="review-row"][data-review-id="{review_id}"]'
            )
            expect(row).to_contain_text("cancelled")
            code, body = srv.request("GET", f"/v1/reviews/{review_id}", creds=creds)
            assert code == 200 and body["status"] == "cancelled", (code, body)
            page.screenshot(
                path=str(artifacts / "dashboard-cancelled.png"), full_page=True
            )
            assert tab.watch.problems() == [], tab.watch.problems()
        finally:
            context.close()
            for blocker in blockers:
                srv.request("DELETE", f"/v1/reviews/{blocker}", creds=creds)


def test_modules_sort_findings_and_describe_errors(tab: Tab, server: Server) -> None:
    """The page's own modules, loaded as the browser loads them (under the real CSP)."""
    page = tab.page
    page.goto(server.base_url + "/dashboard/")
    result = page.evaluate(
        """async () => {
            const { groupByFile } = await import("./findings.js");
            const { ApiError, describeError } = await import("./api.js");
            const f = (file, severity, line) => ({ file, severity, line, title: "t" });
            const groups = groupByFile([
                f("b.py", "low", 1), f("a.py", "info", 9), f("b.py", "critical", 7),
                f("a.py", "medium", 3), f("b.py", "high", 2), f("a.py", "medium", 1),
            ]);
            return {
                groups: groups.map(g => [g.file, g.findings.map(x => `${x.severity}:${x.line}`)]),
                limited: describeError(new ApiError(429, "rate_limited", "slow down",
                                                    { retryAfter: 3 })),
                busy: describeError(new ApiError(503, "unavailable", "", { retryAfter: 5 })),
                gone: describeError(new ApiError(404, "not_found", "Review not found")),
                offline: describeError(new ApiError(0, "network_error", "")),
            };
        }"""
    )
    assert result["groups"] == [
        ["b.py", ["critical:7", "high:2", "low:1"]],
        ["a.py", ["medium:1", "medium:3", "info:9"]],
    ]
    assert result["limited"] == "Too many requests: slow down. Retry in 3 s."
    assert "Retry in 5 s" in result["busy"] and result["busy"].startswith(
        "Service unavailable"
    )
    assert result["gone"] == "Not found: Review not found."
    assert result["offline"].startswith("Cannot reach the server")
    assert tab.watch.problems() == [], tab.watch.problems()


def test_rate_limited_submit_shows_retry_time(
    browser: Any, tmp_path: Path, chromium_path: Path, artifacts: Path
) -> None:
    """A real 429 from a server with a tiny token bucket is shown with its retry time."""
    env = {"WFC_RATE_LIMIT_CAPACITY": "2", "WFC_RATE_LIMIT_REFILL_RATE": "0.05"}
    with run_server(tmp_path / "data", env) as srv:
        creds = srv.create_project("browser-limited", make_git_repo(tmp_path / "repo"))
        context, tab = open_tab(browser)
        try:
            page = tab.page
            sign_in(tab, srv, creds)
            alert = page.get_by_role("alert")
            for _ in range(4):  # the bucket holds 2 tokens; sign-in spent one
                page.get_by_test_id("diff-input").fill("not a diff")
                page.get_by_test_id("submit-review").click()
                expect(alert).to_be_visible()
                if "Too many requests" in alert.inner_text():
                    break
            expect(alert).to_contain_text("Too many requests")
            expect(alert).to_have_text(re.compile(r"Retry in \d+(\.\d)? s\."))
            expect(page.get_by_test_id("diff-input")).to_be_visible()
            page.screenshot(path=str(artifacts / "dashboard-rate-limited.png"))
            assert tab.watch.page_errors == []
        finally:
            context.close()


def test_live_view_resumes_after_server_restart(
    browser: Any, tmp_path: Path, chromium_path: Path
) -> None:
    """The socket drops when the server restarts; the view reconnects with ?after=SEQ."""
    env = {"WFC_REVIEW_WORKERS": "1", "WFC_DRAIN_GRACE_SECONDS": "0.5"}
    data = tmp_path / "data"
    context, tab = open_tab(browser)
    sockets: list[str] = []
    tab.page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page = tab.page
        with run_server(data, env) as srv:
            port = int(srv.base_url.rsplit(":", 1)[1])
            creds = srv.create_project(
                "browser-restart", make_git_repo(tmp_path / "repo")
            )
            blockers = []
            for n in range(2):
                code, body = srv.request(
                    "POST",
                    "/v1/reviews/",
                    {"diff_content": added_file_diff(f"big{n}.py", LARGE_LINES)},
                    creds,
                )
                assert code == 202, (code, body)
                blockers.append(body["review_id"])
            sign_in(tab, srv, creds)
            review_id = submit(tab, SQLI_DIFF)
            expect(page.get_by_test_id("review-status")).to_have_text("pending")
            expect(page.get_by_test_id("review-connection")).to_have_text("(live)")
        # The server is gone: the view says so and keeps trying.
        expect(page.get_by_test_id("review-connection")).to_contain_text("retrying")
        with run_server(data, env, port=port) as srv:
            for blocker in blockers:
                srv.request("DELETE", f"/v1/reviews/{blocker}", creds=creds)
            wait_until_completed(page)
            expect(page.get_by_test_id("review-id")).to_have_text(review_id)
            show_findings_list(page)
            expect(page.get_by_test_id("finding").first).to_contain_text("app/users.py")
            resumed = [u for u in sockets[1:] if re.search(r"[?&]after=[1-9]\d*", u)]
            assert resumed, sockets
            assert tab.watch.page_errors == []
    finally:
        context.close()


def test_submit_from_patch_file_with_file_list(
    tab: Tab, server: Server, project: Credentials, tmp_path: Path
) -> None:
    page = tab.page
    sign_in(tab, server, project)
    patch = tmp_path / "change.patch"
    patch.write_text(SQLI_DIFF, encoding="utf-8")
    page.get_by_test_id("diff-file").set_input_files(str(patch))
    expect(page.get_by_test_id("diff-input")).to_have_value(SQLI_DIFF)
    page.get_by_test_id("files-input").fill("app/users.py,\n other.py")
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("submit-result")).to_contain_text("Accepted")
    review_id = page.get_by_test_id("review-id").inner_text()
    wait_until_completed(page)
    code, body = server.request("GET", f"/v1/reviews/{review_id}", creds=project)
    assert code == 200 and body.get("files") == ["app/users.py", "other.py"], body
    show_findings_list(page)
    expect(page.get_by_test_id("finding").first).to_contain_text("app/users.py")
    assert tab.watch.problems() == [], tab.watch.problems()


def test_unknown_and_foreign_reviews_show_404_and_403(
    tab: Tab, server: Server, project: Credentials, tmp_path: Path
) -> None:
    """Deep links to a missing review or another project's review explain themselves."""
    other = server.create_project("browser-other", make_git_repo(tmp_path / "other"))
    code, body = server.request(
        "POST", "/v1/reviews/", {"diff_content": SQLI_DIFF}, other
    )
    assert code == 202, (code, body)
    page = tab.page
    alert = page.get_by_role("alert")

    sign_in(tab, server, project)
    page.goto(
        server.base_url + "/dashboard/#review=00000000-0000-4000-8000-000000000000"
    )
    expect(alert).to_contain_text("Not found")
    expect(page.get_by_test_id("review-view")).to_be_hidden()

    page.goto("about:blank")  # a full load: the saved session reopens the linked review
    page.goto(server.base_url + f"/dashboard/#review={body['review_id']}")
    expect(alert).to_contain_text("Forbidden")
    expect(page.get_by_test_id("review-view")).to_be_hidden()
    expect(page.get_by_test_id("diff-input")).to_be_visible()
    assert tab.watch.page_errors == []
