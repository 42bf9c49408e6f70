"""The dashboard's first hour in a real Chromium: create a project, read findings in the diff,
filter them, and see the project's trend in the overview charts, at phone and laptop widths."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.harness import Credentials, Server, Tab, open_tab

pytestmark = pytest.mark.browser

REVIEW_TIMEOUT_S = 60.0

PY_DIFF = """diff --git a/app/users.py b/app/users.py
new file mode 100644
--- /dev/null
+++ b/app/users.py
@@ -0,0 +1,16 @@
+import subprocess
+
+from flask import request
+
+
+def find_user(cursor):
+    name = request.args["name"]
+    cursor.execute("SELECT * FROM users WHERE name = '" + name + "'")
+    return cursor.fetchall()
+
+
+def archive(path):
+    try:
+        subprocess.call("tar czf backup.tgz " + path, shell=True)
+    except:
+        pass
"""

JS_DIFF = """diff --git a/web/server.js b/web/server.js
new file mode 100644
--- /dev/null
+++ b/web/server.js
@@ -0,0 +1,9 @@
+const express = require("express");
+const app = express();
+
+app.get("/calc", (req, res) => {
+  // evaluate the user's expression
+  const result = eval(req.query.expr);
+  res.send(String(result));
+});
+app.listen(3000);
"""

CLEAN_GO = """diff --git a/cmd/add.go b/cmd/add.go
new file mode 100644
--- /dev/null
+++ b/cmd/add.go
@@ -0,0 +1,6 @@
+package cmd
+
+// Add returns the sum of two integers.
+func Add(a, b int) int {
+\treturn a + b
+}
"""


def no_overflow(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def create_in_page(tab: Tab, server: Server, project_id: str) -> str:
    """Create a project through the sign-in page's form; returns the key it showed."""
    page = tab.page
    page.goto(server.base_url + "/dashboard/")
    page.get_by_test_id("new-project-id").fill(project_id)
    page.get_by_test_id("new-developer-id").fill("first-hour")
    page.get_by_test_id("create-project").click()
    key_box = page.get_by_test_id("new-api-key")
    expect(key_box).to_be_visible()
    key = key_box.input_value()
    assert key.startswith("wfc_sk_") and len(key) > 30, key
    return key


def submit_in_page(page: Any, diff: str) -> str:
    page.get_by_test_id("diff-input").fill(diff)
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("submit-result")).to_contain_text("Accepted")
    status = page.get_by_test_id("review-status")
    expect(status).to_have_text("completed", timeout=REVIEW_TIMEOUT_S * 1000)
    # The submit line states no status that could go stale; the live view shows it.
    expect(page.get_by_test_id("submit-result")).not_to_contain_text("pending")
    return page.get_by_test_id("review-id").inner_text()


def test_create_project_from_sign_in_page_then_use_it(
    browser: Any, server: Server, artifacts: Path
) -> None:
    context, tab = open_tab(browser, width=1366, height=900)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = tab.page
        key = create_in_page(tab, server, "made-in-browser")
        expect(page.get_by_role("status")).to_contain_text("shown only once")
        page.get_by_test_id("copy-key").click()
        expect(page.locator("#copy-status")).to_contain_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == key
        assert no_overflow(page) <= 0
        page.screenshot(path=str(artifacts / "create-project-key-1366.png"), full_page=True)

        page.get_by_test_id("continue-created").click()
        expect(page.get_by_test_id("diff-input")).to_be_visible()
        assert page.evaluate("sessionStorage.getItem('wfc.apiKey')") == key
        # The key is not left on the page once used.
        assert page.get_by_test_id("new-api-key").input_value() == ""

        code, body = server.request("POST", "/v1/projects/", {
            "project_id": "made-in-browser", "developer_id": "x"})
        assert code == 409, body  # it really exists on the server
        assert tab.watch.problems() == [], tab.watch.problems()
    finally:
        context.close()

    phone_context, phone = open_tab(browser, width=390, height=844)
    try:
        create_in_page(phone, server, "made-on-a-phone")
        assert no_overflow(phone.page) <= 0, "the created-key panel overflows a phone"
        box = phone.page.get_by_test_id("copy-key").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, box
        phone.page.screenshot(path=str(artifacts / "create-project-key-390.png"), full_page=True)
        # Creating the same id again explains the conflict instead of failing silently.
        phone.page.reload()
        phone.page.get_by_test_id("new-project-id").fill("made-on-a-phone")
        phone.page.get_by_test_id("new-developer-id").fill("again")
        phone.page.get_by_test_id("create-project").click()
        expect(phone.page.get_by_role("alert")).to_contain_text("already exists")
        assert phone.watch.page_errors == []
    finally:
        phone_context.close()


def test_findings_sit_under_their_lines_in_two_languages_and_filter_by_severity(
    browser: Any, server: Server, artifacts: Path
) -> None:
    context, tab = open_tab(browser, width=1366, height=900)
    try:
        page = tab.page
        create_in_page(tab, server, "diff-views")
        page.get_by_test_id("continue-created").click()

        for diff, path in ((PY_DIFF, "app/users.py"), (JS_DIFF, "web/server.js")):
            review_id = submit_in_page(page, diff)
            creds = Credentials(
                "diff-views", page.evaluate("sessionStorage.getItem('wfc.apiKey')")
            )
            code, review = server.request("GET", f"/v1/reviews/{review_id}", creds=creds)
            assert code == 200 and review["findings"], review
            view = page.get_by_test_id("diff-view")
            expect(view).to_be_visible()  # the diff is the first view
            inline = page.get_by_test_id("diff-finding")
            expect(inline).to_have_count(len(review["findings"]))
            for finding in review["findings"]:
                card = page.locator(
                    f'[data-testid="diff-finding"][data-file="{finding["file"]}"]'
                    f'[data-line="{finding["line"]}"]'
                ).filter(has_text=finding["title"])
                expect(card).to_have_count(1)
                # The card's row follows the code row of that very line (number in the new-line column).
                line_row = card.evaluate(
                    """c => { let r = c.closest('tr').previousElementSibling;
                              while (r && r.classList.contains('finding-row')) r = r.previousElementSibling;
                              return r ? [r.dataset.line, r.querySelectorAll('td')[1].textContent,
                                          r.classList.contains('has-finding')] : null; }"""
                )
                assert line_row == [str(finding["line"]), str(finding["line"]), True], (finding, line_row)
                expect(card).to_contain_text(finding["description"].replace("`", ""))
                expect(card).to_contain_text(finding["suggestion"].split("`")[0].strip())
            # Syntax colour: keywords and strings are marked up in the code.
            assert view.locator(".tok-kw").count() > 0 and view.locator(".tok-str").count() > 0
            # Inline code in descriptions renders as <code>, not raw backticks.
            assert view.locator(".finding-desc code.inline-code").count() > 0
            assert "`" not in view.locator(".finding-desc").first.inner_text()
            nav = page.locator(f'[data-testid="diff-nav-file"][data-path="{path}"]')
            expect(nav).to_have_attribute("data-findings", str(len(review["findings"])))
            badges = nav.locator(".count").all_inner_texts()
            assert sum(int(b) for b in badges) == len(review["findings"]), badges
            page.screenshot(
                path=str(artifacts / f"diff-view-{path.rsplit('.', 1)[1]}-1366.png"), full_page=True
            )

        # Back to the Python review: four findings of four severities; keep only "high".
        page.get_by_test_id("review-row").nth(1).click()
        expect(page.get_by_test_id("diff-finding")).to_have_count(4)
        page.get_by_test_id("severity-filter").select_option("high")
        expect(page.get_by_test_id("diff-finding")).to_have_count(1)
        expect(page.get_by_test_id("diff-finding")).to_have_attribute("data-severity", "high")
        page.get_by_test_id("show-findings").click()
        expect(page.get_by_test_id("finding")).to_have_count(1)
        expect(page.get_by_test_id("finding")).to_have_attribute("data-severity", "high")
        expect(page.get_by_test_id("filter-count")).to_have_text("1 of 4 shown")
        page.get_by_test_id("severity-filter").select_option("")
        page.get_by_test_id("text-filter").fill("bare except")
        expect(page.get_by_test_id("finding")).to_have_count(1)
        expect(page.get_by_test_id("finding")).to_contain_text("Bare except")
        page.get_by_test_id("text-filter").fill("")
        expect(page.get_by_test_id("finding")).to_have_count(4)
        page.get_by_test_id("reviewer-filter").select_option("reliability")
        expect(page.get_by_test_id("finding")).to_have_count(2)
        assert set(page.get_by_test_id("finding").all_inner_texts()[0].split()) & {"reliability"}
        page.get_by_test_id("reviewer-filter").select_option("")
        page.get_by_test_id("file-filter").select_option("app/users.py")
        expect(page.get_by_test_id("finding")).to_have_count(4)
        page.get_by_test_id("file-filter").select_option("")

        # From the list to the line: the diff opens with that finding in view.
        medium = page.locator('[data-testid="finding"][data-severity="medium"]')
        medium.get_by_test_id("jump-to-line").click()
        expect(page.get_by_test_id("diff-view")).to_be_visible()
        target = page.locator('[data-testid="diff-finding"][data-line="15"]')
        expect(target).to_be_in_viewport()
        page.screenshot(path=str(artifacts / "diff-view-jumped-1366.png"))
        assert tab.watch.problems() == [], tab.watch.problems()
    finally:
        context.close()


def test_overview_charts_draw_the_last_reviews(
    browser: Any, server: Server, artifacts: Path
) -> None:
    code, body = server.request("POST", "/v1/projects/", {"project_id": "trend", "developer_id": "ci"})
    assert code == 201, body
    creds = Credentials(body["project_id"], body["api_key"])
    reviews = [server.review(creds, diff)
               for diff in (CLEAN_GO, PY_DIFF, JS_DIFF, CLEAN_GO, PY_DIFF, JS_DIFF)]
    for width, height in ((1366, 900), (390, 844)):
        context, tab = open_tab(browser, width=width, height=height)
        try:
            page = tab.page
            page.goto(server.base_url + "/dashboard/")
            page.get_by_test_id("project-id").fill(creds.project_id)
            page.get_by_test_id("api-key").fill(creds.api_key)
            page.get_by_test_id("sign-in").click()
            page.get_by_test_id("overview").click()
            score = page.get_by_test_id("chart-score")
            expect(score.locator('circle.mark[data-series="score"]')).to_have_count(len(reviews))
            marks = score.locator('circle.mark[data-series="score"]').evaluate_all(
                "ms => ms.map(m => [m.dataset.reviewId, Number(m.dataset.value),"
                " Number(m.getAttribute('cx')), Number(m.getAttribute('cy'))])"
            )
            expected = {r["review_id"]: r["consensus_score"] for r in reviews}
            assert [m[0] for m in marks] == [r["review_id"] for r in reviews]  # oldest first
            for review_id, value, _, _ in marks:
                assert abs(value - expected[review_id]) < 0.01
            xs = [m[2] for m in marks]
            assert xs == sorted(xs) and len(set(xs)) == len(xs)
            ys = {round(m[1], 2): m[3] for m in marks}
            lowest, highest = min(ys), max(ys)
            assert ys[highest] < ys[lowest], "a higher score is drawn higher up"
            risks = score.locator('rect.mark[data-series="risk"]')
            expect(risks).to_have_count(len(reviews))
            assert score.locator("polyline.series").count() == 2

            bars = page.get_by_test_id("chart-severity").locator("rect.bar")
            expect(bars).to_have_count(5)
            drawn = bars.evaluate_all(
                "bs => bs.map(b => [b.dataset.row, Number(b.dataset.count), Number(b.getAttribute('width'))])"
            )
            totals: dict[str, int] = {}
            for r in reviews:
                for f in r["findings"]:
                    totals[f["severity"]] = totals.get(f["severity"], 0) + 1
            assert {row: count for row, count, _ in drawn} == {
                s: totals.get(s, 0) for s in ("critical", "high", "medium", "low", "info")
            }
            widths = {row: w for row, _, w in drawn}
            assert widths["critical"] > 0
            assert (widths["info"] > 0) == bool(totals.get("info"))
            by_reviewer = page.get_by_test_id("chart-reviewer").locator("rect.bar")
            assert by_reviewer.count() == 5 * 5  # five reviewers x five severities
            assert no_overflow(page) <= 0, f"overview overflows at {width}px"
            page.screenshot(path=str(artifacts / f"overview-{width}.png"), full_page=True)

            # A mark opens its review.
            score.locator('circle.mark[data-series="score"]').first.click()
            expect(page.get_by_test_id("review-id")).to_have_text(reviews[0]["review_id"])
            expect(page.get_by_test_id("review-status")).to_have_text("completed")
            assert no_overflow(page) <= 0, f"review view overflows at {width}px"
            rows = page.get_by_test_id("review-row")
            expect(rows).to_have_count(len(reviews))
            first_row = rows.nth(0).inner_text()
            assert "1 file" in first_row, first_row
            # Full dates with the year, seconds and a time zone.
            assert re.search(r"submitted \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z][\w+:-]*", first_row), first_row
            page.screenshot(path=str(artifacts / f"dashboard-history-{width}.png"), full_page=True)
            assert tab.watch.problems() == [], tab.watch.problems()
        finally:
            context.close()


def many_files_diff(files: int) -> str:
    """A diff of `files` small Python files, each with an injection or two."""
    parts = []
    for i in range(files):
        body = [
            "from flask import request",
            "",
            "",
            f"def handler_{i}(cursor):",
            f"    cursor.execute(\"SELECT * FROM t{i} WHERE a = '\" + request.args[\"a\"] + \"'\")",
            "    return eval(request.args[\"b\"])",
        ]
        parts.append(
            f"diff --git a/pkg/mod_{i:03d}.py b/pkg/mod_{i:03d}.py\nnew file mode 100644\n"
            f"--- /dev/null\n+++ b/pkg/mod_{i:03d}.py\n@@ -0,0 +1,{len(body)} @@\n"
            + "".join(f"+{line}\n" for line in body)
        )
    return "".join(parts)


def test_a_large_review_renders_lazily_and_still_jumps_to_any_line(
    browser: Any, server: Server, artifacts: Path
) -> None:
    code, body = server.request("POST", "/v1/projects/", {"project_id": "big", "developer_id": "ci"})
    assert code == 201, body
    creds = Credentials(body["project_id"], body["api_key"])
    review = server.review(creds, many_files_diff(150))
    total = len(review["findings"])
    assert total >= 250, total
    context, tab = open_tab(browser, width=1366, height=900)
    try:
        page = tab.page
        page.goto(server.base_url + f"/dashboard/#review={review['review_id']}")
        page.get_by_test_id("project-id").fill(creds.project_id)
        page.get_by_test_id("api-key").fill(creds.api_key)
        page.get_by_test_id("sign-in").click()
        expect(page.get_by_test_id("review-status")).to_have_text("completed")
        expect(page.get_by_test_id("diff-finding").first).to_be_visible()
        # Only the files near the screen are drawn; the rest wait as placeholders.
        drawn = page.get_by_test_id("diff-finding").count()
        assert 0 < drawn < total, (drawn, total)
        assert page.locator("tbody.lazy").count() > 100
        expect(page.get_by_test_id("diff-nav-file")).to_have_count(150)

        page.get_by_test_id("show-findings").click()
        cards = page.get_by_test_id("finding")
        expect(cards.first).to_be_visible()
        first_slice = cards.count()
        assert first_slice < total, first_slice
        for _ in range(40):  # scrolling down brings the rest, slice by slice
            page.mouse.wheel(0, 20_000)
            page.wait_for_timeout(50)
            if cards.count() == total:
                break
        assert cards.count() == total

        # A finding in the last file, whose code was never drawn, is one click away.
        last = page.locator('[data-testid="finding"]').filter(has_text="pkg/mod_149.py").first
        last.scroll_into_view_if_needed()
        last.get_by_test_id("jump-to-line").click()
        target = page.locator('[data-testid="diff-finding"][data-file="pkg/mod_149.py"]').first
        expect(target).to_be_in_viewport()
        page.screenshot(path=str(artifacts / "diff-view-large-jump.png"))
        assert tab.watch.problems() == [], tab.watch.problems()
    finally:
        context.close()


def test_api_docs_page_and_root_page_in_a_browser(tab: Tab, server: Server, artifacts: Path) -> None:
    page = tab.page
    page.goto(server.base_url + "/")
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    page.get_by_role("link", name="API documentation").click()
    expect(page).to_have_title("wfc-server API documentation")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    methods = set(page.locator(".opblock-summary-method").all_inner_texts())
    assert "HEAD" not in methods and {"GET", "POST", "DELETE"} <= methods, methods  # no HEAD twins
    assert page.locator(".opblock-summary-path").filter(has_text="/v1/reviews/{review_id}/diff").count() == 1
    page.screenshot(path=str(artifacts / "api-docs.png"))
    page.goto(server.base_url + "/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    assert tab.watch.page_errors == [] and tab.watch.bad_responses == [], tab.watch.problems()


def test_diff_parser_and_highlighter_modules(tab: Tab, server: Server) -> None:
    """The page's own modules, as the browser loads them, on the awkward corners of diffs."""
    page = tab.page
    page.goto(server.base_url + "/dashboard/")
    diff = "\n".join([
        "diff --git a/old/name.py b/new/name.py",
        "similarity index 90%", "rename from old/name.py", "rename to new/name.py",
        "--- a/old/name.py", "+++ b/new/name.py",
        "@@ -10,3 +10,4 @@ def f():",
        " keep = 1", "-gone = 2", "+added = 3", "+more = 4", " tail = 5",
        "\\ No newline at end of file",
        "diff --git a/dead.js b/dead.js", "deleted file mode 100644",
        "--- a/dead.js", "+++ /dev/null", "@@ -1 +0,0 @@", "-x()",
        "--- plain.go", "+++ plain.go", "@@ -1,2 +1,2 @@", "-a", "+b", " c",
        "diff --git a/img.png b/img.png", "Binary files a/img.png and b/img.png differ",
    ])
    python_lines = ['s = """open', 'still "inside"', 'done""" # note', "x = 0x1F + f(2)"]
    js_line = 'const a = "q\\"x"; /* c */ return a'
    result = page.evaluate(
        """async ([diff, pythonLines, jsLine]) => {
            const { parseDiff } = await import("./diff-view.js");
            const { Highlighter, languageOf } = await import("./highlight.js");
            const files = parseDiff(diff).map(f => ({ path: f.path, old: f.oldPath, status: f.status,
                adds: f.adds, dels: f.dels,
                rows: f.rows.map(r => `${r.kind}:${r.old ?? ""}:${r.new ?? ""}`) }));
            const marked = (tokens) => tokens.filter(([c]) => c).map(([c, t]) => `${c}=${t}`);
            const py = new Highlighter("python");
            return { files, tokens: pythonLines.map(l => marked(py.tokens(l))),
                     js: marked(new Highlighter("javascript").tokens(jsLine)),
                     langs: ["a.py", "b.TSX", "Dockerfile", "c.unknown", "q.sql"].map(languageOf) };
        }""",
        [diff, python_lines, js_line],
    )
    renamed, deleted, plain, binary = result["files"]
    assert renamed["path"] == "new/name.py" and renamed["old"] == "old/name.py"
    assert renamed["status"] == "renamed" and (renamed["adds"], renamed["dels"]) == (2, 1)
    assert renamed["rows"] == ["hunk::", "ctx:10:10", "del:11:", "add::11", "add::12", "ctx:12:13", "note::"]
    assert deleted["path"] == "dead.js" and deleted["status"] == "deleted"
    assert deleted["rows"] == ["hunk::", "del:1:"]
    assert plain["path"] == "plain.go" and plain["rows"] == ["hunk::", "del:1:", "add::1", "ctx:2:2"]
    assert binary["status"] == "binary" and binary["rows"] == []
    first, middle, last, code = result["tokens"]
    assert first == ['str="""open'], first
    assert middle == ['str=still "inside"'], middle  # still inside the triple-quoted string
    assert last == ['str=done"""', "com=# note"], last
    assert code == ["num=0x1F", "fn=f", "num=2"], code
    assert result["js"] == ["kw=const", 'str="q\\"x"', "com=/* c */", "kw=return"], result["js"]
    assert result["langs"] == ["python", "javascript", "shell", None, "sql"]
    assert tab.watch.problems() == [], tab.watch.problems()
