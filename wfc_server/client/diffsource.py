"""Where the change comes from: a diff file, standard input, or ``git diff REF...HEAD`` here."""

from __future__ import annotations

import os
import subprocess
import sys


class SourceError(Exception):
    """The diff could not be read or made; ``str(exc)`` says why (exit code 2)."""


def _git(args: list[str], cwd: str, timeout: float) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=timeout, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed (needed for --base)") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git {' '.join(args)} took longer than {timeout:g} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git {' '.join(args)} failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def diff_against(base: str, cwd: str = ".", timeout: float = 120.0) -> str:
    """The change of HEAD since it branched from ``base`` (``git diff base...HEAD``).

    The three-dot form compares with the merge base, so commits that landed on ``base`` after the
    branch was cut are not reported as part of this change.
    """
    if base.startswith("-"):
        raise SourceError(f"--base {base!r} is not a revision")
    return _git(["diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/",
                 f"{base}...HEAD"], cwd, timeout)


def current_branch(cwd: str = ".", timeout: float = 30.0) -> str | None:
    """The branch CI is building (its own variables first), else git's idea of it."""
    for name in ("GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"):
        value = os.environ.get(name)
        if value:
            return value
    try:
        branch = _git(["rev-parse", "--abbrev-ref", "HEAD"], cwd, timeout).strip()
    except SourceError:
        return None
    return branch if branch and branch != "HEAD" else None


def read_diff(path: str) -> str:
    """A diff from ``path``, or standard input for ``-``."""
    try:
        if path == "-":
            return sys.stdin.buffer.read().decode("utf-8", "replace")
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
