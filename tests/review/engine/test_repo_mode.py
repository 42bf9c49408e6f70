"""Repository mode against real git repositories; the user's index and work tree stay untouched."""

from __future__ import annotations

import ast
import asyncio
import hashlib
from pathlib import Path

import pytest

from tests.review.engine import fake_reviewers as fake
from tests.review.engine.conftest import Recorder, diff_of_change, git, make_repo
from wfc_server.review.git import GitError, base_env, run_git
from wfc_server.review.model import ReviewRequest, ReviewResult

BASE = {
    "app/service.py": (
        "import os\n\n\nclass Service:\n    def __init__(self):\n        self.root = os.getcwd()\n\n"
        "    def run(self, name):\n        return name.upper()\n"
    ),
    "README.md": "hello\n",
}


def snapshots(result: ReviewResult) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {f.file: ast.literal_eval(f.description) for f in result.findings if f.rule_id == "SNAP"}


def repo_state(repo: Path) -> tuple[str, str, str, str]:
    index = hashlib.sha256((repo / ".git" / "index").read_bytes()).hexdigest()
    objects = git(repo, "count-objects", "-v")
    return git(repo, "status", "--porcelain"), index, objects, (repo / "app/service.py").read_text()


def request(diff: str, repo: Path | str | None, **kw: object) -> ReviewRequest:
    return ReviewRequest(review_id="r", project_id="p", diff_content=diff,
                         repo_path=str(repo) if repo is not None else None, **kw)  # type: ignore[arg-type]


async def test_repo_mode_reads_whole_files_without_touching_the_repo(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"].replace(
        "return name.upper()", "return eval(name)")})
    (repo / "scratch.txt").write_text("user's uncommitted work\n")
    git(repo, "add", "scratch.txt")
    before = repo_state(repo)
    engine = await make_engine(fake.snapshot_reviewer)
    result = await engine.review(request(diff, repo), Recorder())
    assert result.coverage["mode"] == "repo"
    text, base_text, complete, mode, added = snapshots(result)["app/service.py"]
    assert text == BASE["app/service.py"].replace("return name.upper()", "return eval(name)")
    assert base_text == BASE["app/service.py"]
    assert complete is True and mode == "repo"
    assert added == [9]
    assert repo_state(repo) == before


async def test_base_ref_selects_the_base(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    git(repo, "tag", "v1")
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "\n\nX = 1\n"})
    (repo / "app/service.py").write_text("completely different\n")
    git(repo, "commit", "-qam", "rewrite")
    engine = await make_engine(fake.snapshot_reviewer)
    on_head = await engine.review(request(diff, repo), Recorder())
    assert on_head.coverage["mode"] == "diff"
    assert "does not apply" in on_head.coverage["mode_reason"]
    on_tag = await engine.review(request(diff, repo, base_ref="v1"), Recorder())
    assert on_tag.coverage["mode"] == "repo"
    text, *_ = snapshots(on_tag)["app/service.py"]
    assert text.endswith("\n\nX = 1\n") and text.startswith("import os\n")
    missing = await engine.review(request(diff, repo, base_ref="nope"), Recorder())
    assert missing.coverage["mode"] == "diff"
    assert "not a commit" in missing.coverage["mode_reason"]
    unsafe = await engine.review(request(diff, repo, base_ref="--output=/tmp/x"), Recorder())
    assert "invalid base_ref" in unsafe.coverage["mode_reason"]


async def test_diff_that_does_not_apply_falls_back_to_diff_mode(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    diff = ("diff --git a/app/service.py b/app/service.py\n--- a/app/service.py\n+++ b/app/service.py\n"
            "@@ -8,2 +8,2 @@\n     def run(self, other):\n-        return 1\n+        return eval(other)\n")
    engine = await make_engine(fake.snapshot_reviewer)
    result = await engine.review(request(diff, repo), Recorder())
    assert result.coverage["mode"] == "diff"
    assert result.coverage["mode_reason"].startswith("repo mode unavailable: diff does not apply")
    text, base_text, complete, mode, added = snapshots(result)["app/service.py"]
    assert mode == "diff" and complete is False and base_text is None
    assert text.split("\n")[8].strip() == "return eval(other)"
    assert added == [9]


async def test_offset_application_recomputes_added_lines(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"].replace(
        "return name.upper()", "return eval(name)")})
    (repo / "app/service.py").write_text("# header\n# more\n" + BASE["app/service.py"])
    git(repo, "commit", "-qam", "shift")
    engine = await make_engine(fake.snapshot_reviewer)
    result = await engine.review(request(diff, repo), Recorder())
    assert result.coverage["mode"] == "repo"
    text, _, _, _, added = snapshots(result)["app/service.py"]
    assert added == [11]
    assert text.split("\n")[10].strip() == "return eval(name)"


async def test_not_a_repository_or_not_allowed(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "Y = 2\n"})
    plain = tmp_path / "plain"
    plain.mkdir()
    engine = await make_engine(fake.snapshot_reviewer, allowed_roots=(str(tmp_path / "allowed"),))
    outside = await engine.review(request(diff, repo), Recorder())
    assert outside.coverage["mode"] == "diff"
    assert "outside the allowed" in outside.coverage["mode_reason"]
    await engine.close()
    engine = await make_engine(fake.snapshot_reviewer, allowed_roots=())
    off = await engine.review(request(diff, repo), Recorder())
    assert off.coverage["mode"] == "diff" and "not enabled" in off.coverage["mode_reason"]
    await engine.close()
    engine = await make_engine(fake.snapshot_reviewer)
    (tmp_path / "a-file").write_text("x")
    reasons = set()
    for path in (plain, tmp_path / "missing", repo / "app", tmp_path / "a-file"):
        result = await engine.review(request(diff, path), Recorder())
        assert result.coverage["mode"] == "diff"
        reasons.add(result.coverage["mode_reason"])
    # One answer for all of them: which one it was would tell a tenant what exists on the host.
    assert reasons == {"repo mode unavailable: repo_path is not a readable git work tree under the "
                       "allowed repository roots"}


async def test_symlink_out_of_the_allowed_roots_is_refused(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "elsewhere" / "repo", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "Y = 2\n"})
    (tmp_path / "allowed").mkdir()
    (tmp_path / "allowed" / "link").symlink_to(repo)
    engine = await make_engine(fake.snapshot_reviewer, allowed_roots=(str(tmp_path / "allowed"),))
    result = await engine.review(request(diff, tmp_path / "allowed" / "link"), Recorder())
    assert result.coverage["mode"] == "diff"
    assert "outside the allowed" in result.coverage["mode_reason"]


async def test_paths_through_symlinks_and_dotdot_are_refused(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP SECRET\n")
    repo = make_repo(tmp_path / "repo", BASE)
    (repo / "link").symlink_to(outside)
    git(repo, "add", "link")
    git(repo, "commit", "-qm", "link")
    through_link = ("diff --git a/link/secret.txt b/link/secret.txt\n--- a/link/secret.txt\n"
                    "+++ b/link/secret.txt\n@@ -1 +1,2 @@\n TOP SECRET\n+more\n")
    engine = await make_engine(fake.snapshot_reviewer)
    result = await engine.review(request(through_link, repo), Recorder())
    for text, *_ in snapshots(result).values():
        assert text.split("\n")[0] != "TOP SECRET" or result.coverage["mode"] == "diff"
    assert result.coverage["mode"] == "diff" or any(
        "symbolic link" in s["reason"] for s in result.coverage["skipped"])
    assert (outside / "secret.txt").read_text() == "TOP SECRET\n"
    dotdot = ("diff --git a/../outside/secret.txt b/../outside/secret.txt\n--- a/../outside/secret.txt\n"
              "+++ b/../outside/secret.txt\n@@ -1 +1,2 @@\n TOP SECRET\n+more\n")
    result = await engine.review(request(dotdot, repo), Recorder())
    assert result.coverage["reviewed"] == 0
    assert "escapes" in result.coverage["skipped"][0]["reason"]
    assert (outside / "secret.txt").read_text() == "TOP SECRET\n"
    assert not list((tmp_path / "data" / "worktrees").iterdir())


async def test_symlink_prefix_check_in_the_patched_index(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A diff that adds a file under a path that is a symlink in the base tree is refused."""
    from wfc_server.review.git import materialise, probe_repository

    repo = make_repo(tmp_path / "repo", BASE)
    (repo / "lib").symlink_to("app")
    git(repo, "add", "lib")
    git(repo, "commit", "-qm", "link")
    diff = ("diff --git a/app/new.py b/app/new.py\nnew file mode 100644\n--- /dev/null\n"
            "+++ b/app/new.py\n@@ -0,0 +1 @@\n+X = 1\n")
    check = await probe_repository(str(repo), (str(tmp_path),), 10.0)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    images = await materialise(check, None, diff, {"app/new.py": None, "lib/service.py": None},
                               scratch, timeout=10.0, max_file_bytes=10_000)
    assert images.reason is None
    assert images.blobs["app/new.py"][0] == b"X = 1\n"
    assert ("lib/service.py", "path goes through a symbolic link") in images.refused


async def _wait_for_pid(marker: Path) -> int:
    for _ in range(500):
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text())
        await asyncio.sleep(0.01)
    raise AssertionError("the git child never started")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_git_timeout_and_cancel_kill_the_whole_process_group(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", BASE)
    env = base_env()
    for name, how in (("timeout", "timeout"), ("cancel", "cancel")):
        marker = tmp_path / f"{name}.pid"
        call = run_git(["-c", f"alias.hang=!echo $$ > {marker}; exec sleep 60", "hang"],
                       cwd=str(repo), env=env, timeout=0.5 if how == "timeout" else 30.0)
        task = asyncio.create_task(call)
        pid = await _wait_for_pid(marker)
        if how == "timeout":
            with pytest.raises(GitError, match=r"timed out after 0\.5 seconds"):
                await task
        else:
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
        for _ in range(500):  # up to 10 s on a busy machine
            if not _alive(pid):
                break
            await asyncio.sleep(0.02)
        assert not _alive(pid), how


def test_git_environment_is_locked_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_DIR", "/somewhere/else")
    monkeypatch.setenv("GIT_SSH_COMMAND", "evil")
    env = base_env()
    assert "GIT_DIR" not in env and "GIT_SSH_COMMAND" not in env
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_NO_LAZY_FETCH"] == "1"


async def test_repository_hooks_and_fsmonitor_never_run(make_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path / "repo", BASE)
    pwned = tmp_path / "pwned"
    for hook in ("post-index-change", "pre-commit", "post-checkout", "pre-applypatch"):
        script = repo / ".git" / "hooks" / hook
        script.write_text(f"#!/bin/sh\necho {hook} >> {pwned}\n")
        script.chmod(0o755)
    git(repo, "config", "core.fsmonitor", f"echo fsmonitor >> {pwned}; false")
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "Z = 3\n"})
    if pwned.exists():
        pwned.unlink()  # the test's own setup git calls may run them; the engine must not
    engine = await make_engine(fake.snapshot_reviewer)
    result = await engine.review(request(diff, repo), Recorder())
    assert result.coverage["mode"] == "repo"
    assert not pwned.exists()
