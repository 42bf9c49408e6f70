"""Repository mode for repositories owned by another uid (a host folder mounted in a container).

git refuses such a repository ("dubious ownership"). Under an allowed root the service trusts
exactly that path; elsewhere the review falls back to diff-only mode and says precisely why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.review.engine import fake_reviewers as fake
from tests.review.engine.conftest import Recorder, diff_of_change, make_repo
from wfc_server.review.git import repo_env
from wfc_server.review.model import ReviewRequest

OTHER_UID = 4242
BASE = {"app/service.py": "def run(name):\n    return name.upper()\n"}

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to another uid needs root")


def _give_away(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(folder, name), OTHER_UID, OTHER_UID)
    os.chown(root, OTHER_UID, OTHER_UID)


def _request(diff: str, repo: Path) -> ReviewRequest:
    return ReviewRequest(review_id="r", project_id="p", diff_content=diff, repo_path=str(repo))


@needs_root
async def test_repo_owned_by_another_uid_is_reviewed_in_repo_mode_under_an_allowed_root(
    make_engine, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    roots = tmp_path / "repos"
    repo = make_repo(roots / "team", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "\n\nX = 1\n"})
    _give_away(repo)
    assert repo.stat().st_uid == OTHER_UID != os.geteuid()
    engine = await make_engine(fake.snapshot_reviewer, allowed_roots=(str(roots),))
    result = await engine.review(_request(diff, repo), Recorder())
    assert result.coverage["mode"] == "repo", result.coverage
    assert result.coverage["mode_reason"] is None


@needs_root
async def test_repo_owned_by_another_uid_outside_allowed_roots_says_why(
    make_engine, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    repo = make_repo(tmp_path / "repo", BASE)
    diff = diff_of_change(repo, {"app/service.py": BASE["app/service.py"] + "\n\nX = 1\n"})
    _give_away(repo)
    engine = await make_engine(fake.snapshot_reviewer, allowed_roots=())  # nothing is trusted
    result = await engine.review(_request(diff, repo), Recorder())
    assert result.coverage["mode"] == "diff"
    reason = result.coverage["mode_reason"]
    # Repository mode is off without roots; the tenant learns the key to set, never the owner.
    assert "allowed_roots" in reason and "uid" not in reason, reason


def test_trust_is_scoped_to_the_one_repository() -> None:
    trusted = repo_env("/srv/repos/team", True)
    assert trusted["GIT_CONFIG_KEY_0"] == "safe.directory"
    assert trusted["GIT_CONFIG_VALUE_0"] == "/srv/repos/team"
    assert "*" not in trusted.values()
    untrusted = repo_env("/srv/repos/team", False)
    assert "GIT_CONFIG_COUNT" not in untrusted and "safe.directory" not in untrusted.values()
