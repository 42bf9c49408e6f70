"""The README tells the truth: its commands are the ones CI runs, its links stay inside the
repository, its words are the API's, every route is in it, and its walk-through really runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, ServerProcess
from wfc_server.app import create_app
from wfc_server.config import load_settings
from wfc_server.store.records import STATUSES

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text from the heading ``title`` to the next heading of the same level."""
    match = re.search(rf"^(#+) {re.escape(title)}\n", README, re.M)
    assert match, f"README has no section {title!r}"
    level = len(match.group(1))
    lines, fenced = [], False
    for line in README[match.end():].splitlines(keepends=True):
        fenced ^= line.startswith("```")
        heading = re.match(r"^(#+) ", line)
        if not fenced and heading and len(heading.group(1)) <= level:
            break  # a comment line inside a code block is not a heading
        lines.append(line)
    return "".join(lines)


def bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, re.S)


def ci_commands() -> list[str]:
    """.ci/run's commands, without quiet flags and `exec`."""
    lines = [line.strip() for line in CI.splitlines()]
    return [re.sub(r"^exec ", "", line).replace(" -q", "") for line in lines if line.startswith((".venv/", "python3", "exec"))]


def test_quick_start_install_test_and_step_by_step_commands_are_what_ci_runs() -> None:
    quick = section("Quick start (fresh machine, Python 3.11+)")
    install, tests, steps, *_ = bash_blocks(quick)
    assert install.strip() == "python3 -m venv .venv && .venv/bin/python -m pip install -e . && .venv/bin/wfc-server"
    assert tests.strip() == "bash .ci/run"
    ci = ci_commands()
    for line in steps.strip().splitlines():
        assert line in ci, f"README step {line!r} is not what .ci/run runs: {ci}"
    assert ci[-1] == ".venv/bin/python -m pytest" == steps.strip().splitlines()[-1]
    # The install command installs the same project the CI installs, and starts the console script.
    assert ".venv/bin/python -m pip install -e '.[test]'" in ci
    assert 'wfc-server = "wfc_server.cli:main"' in (ROOT / "pyproject.toml").read_text()


def test_links_stay_inside_the_repository_and_exist() -> None:
    for target in re.findall(r"\]\(([^)]+)\)", README):
        if target.startswith(("http://", "https://", "#")):
            assert "127.0.0.1" in target or target.startswith("#"), f"README links outside: {target}"
            continue
        path = (ROOT / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), f"{target} leaves the repository"
        assert path.exists(), f"{target} does not exist"
    assert "docs/api-contract-v1.md" in README


def test_status_words_are_the_apis() -> None:
    for value in re.findall(r"status=(\w+)", README):
        assert value in STATUSES, f"README uses status={value}, the API knows {STATUSES}"
    for value in re.findall(r'"status": "(\w+)"', README):
        assert value in STATUSES or value in ("healthy", "ready", "ok", "skipped"), value  # reviews, probes, reviewers
    assert "mode_reason\": \"no repo_path given" not in README


def test_every_route_is_in_the_readme() -> None:
    app = create_app(load_settings(environ={"WFC_DATA_DIR": tempfile.mkdtemp()}))
    def shape(text: str) -> str:  # `{review_id}` and `{id}` name the same segment
        return re.sub(r"\{[^}/]+\}", "{}", text)

    documented = shape(README)
    for resource in app.router.resources():
        path = shape(resource.canonical)
        if path.startswith("/docs/static") or resource.canonical == "/dashboard/{path}":
            continue  # the docs page's and the dashboard's own files
        assert re.search(rf"`[A-Z]+ {re.escape(path)}[`?( ]", documented), f"README does not document {path}"


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="the walk-through needs curl and jq")
def test_walk_through_commands_run_as_written(tmp_path: Path) -> None:
    """The "Using the API" blocks, pasted into bash against a real server."""
    api = section("Using the API")
    walk, more = bash_blocks(api)[:2]
    server = ServerProcess(tmp_path / "data", {"WFC_RATE_LIMIT_CAPACITY": "100"}).start()
    try:
        import asyncio

        asyncio.run(server.wait_ready())
        script = walk.replace("BASE=http://127.0.0.1:9950", f"BASE={server.url}")
        script += "\nfor _ in $(seq 300); do\n"
        script += '  s=$(curl -s $BASE/v1/reviews/$REVIEW "${AUTH[@]}" | jq -r .status)\n'
        script += '  [ "$s" = completed ] && break; sleep 0.1\ndone\n'
        script += more + '\ncurl -s $BASE/v1/reviews/$REVIEW "${AUTH[@]}" > final.json\n'
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr + done.stdout
    finally:
        server.terminate()
    import json

    final = json.loads((tmp_path / "final.json").read_text())
    assert final["status"] == "completed", final
    assert final["passed"] is False and final["findings"][0]["rule_id"] == "WFC-SEC-SQLI"
    assert final["coverage"]["mode_reason"] == "diff-only project (no repo_path)"
    assert '"status":"cancelled"' not in done.stdout.replace(" ", "")  # finished reviews are not cancelled
    assert "Conflict" in done.stdout  # the cancel example answers 409 for a finished review
