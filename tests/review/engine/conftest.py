"""Shared helpers for engine tests: real git repositories and a started engine."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from wfc_server.review.engine import ReviewEngine
from wfc_server.review.model import Progress
from wfc_server.review.settings import EngineSettings, PoolSettings, RepoSettings


def git(repo: Path, *args: str, input: str | None = None) -> str:
    """Run git in ``repo`` for test setup (the engine under test never uses this)."""
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, input=input,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(repo), "GIT_AUTHOR_NAME": "t",
             "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
             "GIT_COMMITTER_EMAIL": "t@example.com"},
    ).stdout


def make_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def diff_of_change(repo: Path, files: dict[str, str]) -> str:
    """Write ``files``, take ``git diff`` of the work tree, then restore the work tree."""
    for path, text in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(repo, "add", "-N", ".")
    diff = git(repo, "diff")
    git(repo, "reset", "-q")
    git(repo, "checkout", "-q", "--", ".")
    git(repo, "clean", "-qfd")
    return diff


class Recorder:
    """A progress callback that keeps every event."""

    def __init__(self) -> None:
        self.events: list[Progress] = []

    async def __call__(self, step: Progress) -> None:
        self.events.append(step)


@pytest.fixture
async def make_engine(tmp_path: Path) -> AsyncIterator[Callable[..., ReviewEngine]]:
    """Build started engines on ``tmp_path``; every one is closed after the test."""
    engines: list[ReviewEngine] = []

    async def build(runner: Callable[..., object], *, timeout: float = 30.0,
                    max_worktrees: int = 4, allowed_roots: tuple[str, ...] | None = None,
                    pool_size: int = 2, **engine_kw: object) -> ReviewEngine:
        engine = ReviewEngine(
            engine=EngineSettings(process_pool_size=pool_size, reviewer_timeout_seconds=timeout,
                                  git_timeout_seconds=10.0, **engine_kw),  # type: ignore[arg-type]
            pool=PoolSettings(max_worktrees=max_worktrees),
            repos=RepoSettings(allowed_roots=(str(tmp_path),) if allowed_roots is None else allowed_roots),
            data_dir=tmp_path / "data",
            reviewer_runner=runner,  # type: ignore[arg-type]
        )
        engines.append(engine)
        await engine.start()
        return engine

    yield build  # type: ignore[misc]
    for engine in engines:
        await engine.close()
