"""The client's small parts: Retry-After, progress output, diff sources."""

from __future__ import annotations

import io
import email.utils
import time
from pathlib import Path

import pytest

from tests.gate import scenario
from wfc_server.client.api import retry_after_seconds
from wfc_server.client.diffsource import SourceError, current_branch, diff_against
from wfc_server.client.progress import Progress


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert retry_after_seconds("7", 1.0) == 7.0
    assert retry_after_seconds(None, 1.5) == 1.5
    assert retry_after_seconds("soon", 2.0) == 2.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_seconds(when, 1.0) <= 31
    assert retry_after_seconds(email.utils.formatdate(time.time() - 60, usegmt=True), 1.0) == 0.0


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_rewrites_one_line_on_a_terminal_and_prints_lines_otherwise() -> None:
    events = [{"type": "stage", "progress": 20, "data": {"stage": "reviewer", "state": "started", "reviewer": "security"}},
              {"type": "stage", "progress": 40, "data": {"stage": "reviewer", "state": "finished",
                                                         "reviewer": "security", "findings": 2}}]
    tty = Terminal()
    progress = Progress(tty)
    for event in events:
        progress.event(event)
    progress.done()
    assert "\r[ 20%] reviewer security started" in tty.getvalue() and "\n" not in tty.getvalue()
    plain = io.StringIO()
    progress = Progress(plain)
    for event in events:
        progress.event(event)
    assert plain.getvalue().splitlines() == ["wfc: [ 20%] reviewer security started",
                                             "wfc: [ 40%] reviewer security finished: 2 finding(s)"]


def test_diff_against_uses_the_merge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    scenario.git(repo, "init", "-q", "-b", "main")
    scenario.commit(repo, scenario.MAIN, "base")
    scenario.git(repo, "checkout", "-q", "-b", "feature")
    scenario.commit(repo, scenario.FEATURE, "feature")
    scenario.git(repo, "checkout", "-q", "main")
    scenario.commit(repo, "print('later on main')\n", "main moves on", path="later.py")
    scenario.git(repo, "checkout", "-q", "feature")
    diff = diff_against("main", str(repo))
    assert "app/users.py" in diff and "later.py" not in diff  # main's later commit is not this change
    for name in ("GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"):
        monkeypatch.delenv(name, raising=False)
    assert current_branch(str(repo)) == "feature"
    monkeypatch.setenv("CI_COMMIT_REF_NAME", "from-ci")
    assert current_branch(str(repo)) == "from-ci"
    with pytest.raises(SourceError, match="not a revision"):
        diff_against("--output=/tmp/x", str(repo))
    with pytest.raises(SourceError, match="failed"):
        diff_against("nope", str(repo))
