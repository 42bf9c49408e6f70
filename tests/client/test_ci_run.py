"""The ``wfc`` client through whole CI runs against a real server process and a real git repository."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from tests.gate import scenario
from tests.helpers import Credentials, ServerProcess, free_port

pytestmark = pytest.mark.slow
CI_VARIABLES = ("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the module (each test uses its own project)."""
    with ServerProcess(tmp_path_factory.mktemp("ci") / "data") as process:
        process.wait_ready_sync()
        yield process


async def wfc(repo: Path, url: str, creds: Credentials, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run the client as CI would; (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env.update(WFC_URL=url, WFC_PROJECT_ID=creds.project_id, WFC_API_KEY=creds.api_key)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "wfc_server.client", *args, cwd=repo, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(stdin), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    scenario.git(repo, "init", "-q", "-b", "main")
    scenario.commit(repo, "# demo\n", "root", path="README.md")
    scenario.commit(repo, scenario.MAIN, "users")
    return repo


async def review_count(url: str, creds: Credentials) -> int:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{url}/v1/reviews/", headers=creds.headers) as response:
            return int((await response.json())["total"])


async def test_a_whole_ci_run_gates_on_new_findings_only(server: ServerProcess, tmp_path: Path) -> None:
    async with aiohttp.ClientSession() as session:
        creds = await Credentials.create(session, "ci-demo", base=server.url)
    repo = make_repo(tmp_path)

    # main: the baseline run records the legacy SQL injection (--no-fail: main's own CI records, it does not gate)
    code, out, err = await wfc(repo, server.url, creds, "--base", "HEAD~1", "--branch", "main", "--no-fail")
    assert code == 0, err
    assert "WFC-SEC-SQLI" in out

    # a change that moves the old query and adds a new one: exit 1, only the new one counted
    scenario.git(repo, "checkout", "-q", "-b", "feature")
    scenario.commit(repo, scenario.FEATURE, "admins")
    code, out, err = await wfc(repo, server.url, creds, "--base", "main", "--baseline", "main",
                               "--format", "json", "--report", "sarif:wfc.sarif")
    assert code == 1, err
    review = json.loads(out)
    sqli = [f for f in review["findings"] if f["rule_id"] == "WFC-SEC-SQLI"]
    assert sorted(f["baseline_state"] for f in sqli) == ["existing", "new"]
    assert [f["line"] for f in sqli if f["counted"]] == [9]  # the new query only
    assert review["branch"] == "feature" and review["gate"]["status"] == "fail"
    sarif = json.loads((repo / "wfc.sarif").read_text())
    states = sorted(r.get("baselineState") for r in sarif["runs"][0]["results"] if r["ruleId"] == "WFC-SEC-SQLI")
    assert states == ["new", "unchanged"]

    # the same change with the new query suppressed inline: exit 0, and the suppression is shown
    scenario.commit(repo, scenario.FEATURE_SUPPRESSED, "accept admins query")
    code, out, err = await wfc(repo, server.url, creds, "--base", "main", "--baseline", "main")
    assert code == 0, err
    assert f"[suppressed by inline: {scenario.REASON}]" in out and out.rstrip().splitlines()[-1].startswith("PASS")
    # Plain progress lines off a terminal (which stages show depends on when the stream joined).
    assert "submitted" in err and "review is completed" in err and "\r" not in err


async def test_a_503_is_retried_with_the_same_key_and_makes_one_review(server: ServerProcess, tmp_path: Path) -> None:
    """A gateway loses the answer to the first submit (503 after the server accepted it)."""
    async with aiohttp.ClientSession() as session:
        creds = await Credentials.create(session, "ci-retry", base=server.url)
    repo = make_repo(tmp_path)
    posts: list[str] = []

    async def gateway(request: web.Request) -> web.StreamResponse:
        if request.path.endswith("/ws"):
            return web.json_response({"error": "NotFound", "detail": "no WebSocket here"}, status=404)
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        async with aiohttp.ClientSession() as upstream:
            async with upstream.request(request.method, server.url + request.path_qs, data=body,
                                        headers=headers) as answer:
                payload = await answer.read()
                status = answer.status
        if request.method == "POST":
            posts.append(request.headers.get("Idempotency-Key", ""))
            if len(posts) == 1:  # the review was created, but the client never hears of it
                return web.json_response({"error": "ServiceUnavailable", "detail": "gateway timeout"},
                                         status=503, headers={"Retry-After": "1"})
        return web.Response(body=payload, status=status, content_type="application/json")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", gateway)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        code, out, err = await wfc(repo, f"http://127.0.0.1:{port}", creds, "--base", "HEAD~1")
    finally:
        await runner.cleanup()
    assert code == 1, err  # the SQL injection fails the gate
    assert len(posts) == 2 and posts[0] == posts[1] and posts[0]
    assert "503" in err and "retrying in 1 s" in err and "polling instead" in err
    assert await review_count(server.url, creds) == 1


async def test_usage_and_server_errors_exit_2_and_timeouts_exit_3(server: ServerProcess, tmp_path: Path) -> None:
    async with aiohttp.ClientSession() as session:
        creds = await Credentials.create(session, "ci-errors", base=server.url)
    repo = make_repo(tmp_path)
    code, _, err = await wfc(repo, server.url, Credentials("ci-errors", "wfc_sk_wrong"), "--base", "HEAD~1")
    assert code == 2 and "Unauthorized" in err
    code, _, err = await wfc(repo, server.url, creds, "-", stdin=b"this is not a diff\n")
    assert code == 2 and "ValidationError" in err
    code, _, err = await wfc(repo, server.url, creds, "--base", "no-such-ref")
    assert code == 2 and "git diff" in err
    code, _, err = await wfc(repo, server.url, creds)
    assert code == 2 and "required" in err
    code, out, err = await wfc(repo, server.url, creds, "--base", "HEAD")
    assert code == 0 and "nothing to review" in err
    code, _, err = await wfc(repo, server.url, creds, "--base", "HEAD~1", "--timeout", "0.001")
    assert code == 3 and "timed out" in err
    diff = scenario.diff(None, scenario.MAIN).encode()
    code, out, _ = await wfc(repo, server.url, creds, "-", "--format", "codequality", stdin=diff)
    assert code == 1 and json.loads(out)[0]["check_name"] == "WFC-SEC-SQLI"


def readme_github_step(name: str) -> str:
    """The shell script of the README's GitHub Actions step called ``name``, exactly as written."""
    import yaml

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = text.split("# .github/workflows/wfc.yml\n", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(block)["jobs"]["review"]["steps"]
    (step,) = [s for s in steps if s.get("name") == name]
    return str(step["run"])


async def run_as_github(repo: Path, script: str, url: str, creds: Credentials, **github: str) -> tuple[int, str]:
    """``script`` under bash as a GitHub runner would run it: the job's env and GitHub's variables."""
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env.update(WFC_URL=url, WFC_PROJECT_ID=creds.project_id, WFC_API_KEY=creds.api_key, **github,
               PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}")
    process = await asyncio.create_subprocess_exec(
        "bash", "-e", "-c", script, cwd=repo, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_the_readme_github_actions_recipe_gates_as_documented(server: ServerProcess, tmp_path: Path) -> None:
    script = readme_github_step("Review the change")
    assert "wfc " in script
    async with aiohttp.ClientSession() as session:
        creds = await Credentials.create(session, "gha-recipe", base=server.url)
    repo = make_repo(tmp_path)

    # A push to main records the baseline and never fails the build.
    code, out = await run_as_github(repo, script, server.url, creds, GITHUB_EVENT_NAME="push",
                                    GITHUB_REF_NAME="main")
    assert code == 0, out
    assert json.loads((repo / "wfc.sarif").read_text())["version"] == "2.1.0"
    scenario.git(repo, "update-ref", "refs/remotes/origin/main", "main")  # what actions/checkout fetches

    # A pull request adding a SQL injection to a file that already had one fails on the new one only.
    scenario.git(repo, "checkout", "-q", "-b", "feature")
    scenario.commit(repo, scenario.FEATURE, "admins")
    pull_request = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "feature",
                    "GITHUB_REF_NAME": "1/merge"}
    code, out = await run_as_github(repo, script, server.url, creds, **pull_request)
    assert code == 1, out
    sarif = json.loads((repo / "wfc.sarif").read_text())
    states = sorted(r.get("baselineState") for r in sarif["runs"][0]["results"] if r["ruleId"] == "WFC-SEC-SQLI")
    assert states == ["new", "unchanged"]
    comment = (repo / "wfc.md").read_text()
    assert "WFC-SEC-SQLI" in comment

    # Accepted inline with a reason: the pull request passes.
    scenario.commit(repo, scenario.FEATURE_SUPPRESSED, "accept admins query")
    code, out = await run_as_github(repo, script, server.url, creds, **pull_request)
    assert code == 0, out
    assert await review_count(server.url, creds) == 3
