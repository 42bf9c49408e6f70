"""Repository mode: read the change's post- and pre-images from a local git repository, safely.

Nothing here touches the user's index, work tree or object store: the patch is applied to a
throw-away index (``GIT_INDEX_FILE``) in the review's workspace, new blobs go to a scratch object
directory that borrows the repository's objects as an alternate, and file contents are read with
``git cat-file --batch``. Every git call runs without hooks, fsmonitor, network protocols or
prompts, under a timeout, in its own process group that is killed on timeout or cancellation.
Any reason repo mode cannot be used comes back as text for the review's coverage.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from wfc_server.review.diff import validate_ref
from wfc_server.review.model import DiffValidationError

_SAFE_CONFIG: tuple[str, ...] = (
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.fsmonitor=false",
    "-c", "protocol.allow=never",
    "-c", "core.sshCommand=false",
    "-c", "credential.helper=",
    "-c", "core.askPass=false",
    "-c", "uploadpack.packObjectsHook=",
    "-c", "diff.external=",
)
_ENV_OVERRIDES: dict[str, str] = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "false",
    "SSH_ASKPASS": "false",
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_ALLOW_PROTOCOL": "",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_CONFIG_NOSYSTEM": "1",
    "LC_ALL": "C",
}


class GitError(Exception):
    """A git call failed, timed out or could not start; ``str()`` is safe to show."""


def _git_binary() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("git is not installed")
    return found


def base_env() -> dict[str, str]:
    """The environment git runs with: the service's, minus any GIT_* steering, plus lockdown."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(_ENV_OVERRIDES)
    return env


async def run_git(
    args: list[str],
    *,
    cwd: str,
    env: dict[str, str],
    timeout: float,
    stdin: bytes | None = None,
) -> tuple[int, bytes, bytes]:
    """Run one git command; kill its process group on timeout or cancellation."""
    try:
        proc = await asyncio.create_subprocess_exec(
            _git_binary(), *_SAFE_CONFIG, *args,
            cwd=cwd, env=env,
            stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise GitError(f"git could not start: {exc.strerror or exc}") from None
    try:
        async with asyncio.timeout(timeout):
            out, err = await proc.communicate(stdin)
    except TimeoutError:
        await _kill(proc)
        raise GitError(f"git {args[0]} timed out after {timeout:g} seconds") from None
    except BaseException:
        await _kill(proc)
        raise
    return proc.returncode or 0, out, err


async def _kill(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(BaseException):
        await asyncio.shield(proc.wait())


def _first_line(data: bytes) -> str:
    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        if line:
            return line[:200]
    return "no detail"


@dataclass(frozen=True, slots=True)
class RepoCheck:
    """Whether repo mode may be used: ``root`` is the work tree, or ``reason`` says why not.

    ``trusted``: the repository lies under an operator-configured allowed root, so git is told
    to accept it even when another uid owns it (``safe.directory`` for that one path).
    """

    root: str | None
    objects_dir: str | None
    reason: str | None  # shown to the tenant: never what git or the file system said
    detail: str | None = None  # for the server log only
    trusted: bool = False


def repo_env(root: str, trusted: bool) -> dict[str, str]:
    """git's environment for one repository: never discover a parent; trust it if vetted.

    Repositories mounted into a container belong to the host's uid and git refuses them
    ("dubious ownership"). A path under ``[repos] allowed_roots`` was chosen by the operator, so
    exactly that path is marked safe (command-scope config, which git honours for
    ``safe.directory``); never a global ``*``, and nothing when no roots are configured.
    """
    env = base_env()
    env["GIT_CEILING_DIRECTORIES"] = os.path.dirname(root)
    if trusted:
        env["GIT_CONFIG_COUNT"] = "1"
        env["GIT_CONFIG_KEY_0"] = "safe.directory"
        env["GIT_CONFIG_VALUE_0"] = root
    return env


def _ownership_reason(real: str) -> str:
    """Why git refused a repository owned by someone else, and what fixes it."""
    try:
        owner = os.stat(real).st_uid
    except OSError:
        owner = -1
    return (
        f"git refuses the repository: it is owned by uid {owner}, not by the service's uid "
        f"{os.geteuid()} (git's 'dubious ownership' check); list its folder or a parent in "
        "[repos] allowed_roots (WFC_REPOS_ALLOWED_ROOTS) to trust it"
    )



def _within(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:
        return False


#: One answer for every way a path under the roots is unusable: which one (missing, a file, not
#: readable, not a repository) would tell a tenant what exists on the server.
UNUSABLE = "repo_path is not a readable git work tree under the allowed repository roots"
NOT_ENABLED = "repository mode is not enabled on this server (repos.allowed_roots is empty)"
OUTSIDE_ROOTS = "repo_path is outside the allowed repository roots"


def repo_path_refusal(repo_path: str, allowed_roots: tuple[str, ...]) -> str | None:
    """Why ``repo_path`` may never be used for repository mode, from the path alone (symlinks
    resolved, nothing else read): repo mode is off unless the operator allows roots."""
    if not allowed_roots:
        return NOT_ENABLED
    real = os.path.realpath(repo_path)
    if not any(_within(real, os.path.realpath(r)) for r in allowed_roots):
        return OUTSIDE_ROOTS
    return None


def _inspect_path(repo_path: str, allowed_roots: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    refusal = repo_path_refusal(repo_path, allowed_roots)
    if refusal is not None:
        return None, refusal, None
    real = os.path.realpath(repo_path)
    if not os.path.isdir(real):
        return None, UNUSABLE, "repo_path does not exist or is not a directory"
    if not os.access(real, os.R_OK | os.X_OK):
        return None, UNUSABLE, "repo_path is not readable"
    return real, None, None


async def probe_repository(
    repo_path: str, allowed_roots: tuple[str, ...], timeout: float
) -> RepoCheck:
    """Decide whether ``repo_path`` is a readable git work tree that repo mode may read."""
    real, reason, detail = await asyncio.to_thread(_inspect_path, repo_path, allowed_roots)
    if real is None:
        return RepoCheck(None, None, reason, detail)
    # Only paths under an operator's allowed root get here, so that one path is trusted.
    env = repo_env(real, trusted=True)
    try:
        code, out, err = await run_git(
            ["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-path", "objects"],
            cwd=real, env=env, timeout=timeout,
        )
    except GitError as exc:
        return RepoCheck(None, None, UNUSABLE, str(exc))
    if code != 0:
        if b"dubious ownership" in err:
            return RepoCheck(None, None, UNUSABLE, _ownership_reason(real))
        return RepoCheck(None, None, UNUSABLE, f"not a git work tree: {_first_line(err)}")
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 2:
        return RepoCheck(None, None, UNUSABLE, "git did not report the repository layout")
    toplevel, objects = os.path.realpath(lines[0]), lines[1]
    if toplevel != real:
        return RepoCheck(None, None, UNUSABLE, "repo_path is not the top level of a git work tree")
    return RepoCheck(real, objects, None, trusted=True)


@dataclass(slots=True)
class Materialised:
    """Post- and pre-image bytes per path, files refused for safety, or why repo mode failed."""

    blobs: dict[str, tuple[bytes | None, bytes | None]] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)
    base: str | None = None
    reason: str | None = None  # shown to the tenant: never git's output
    detail: str | None = None  # for the server log only


def _prefixes(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _parse_batch_check(data: bytes, count: int) -> list[tuple[str, int] | None]:
    """``<oid> <type> <size>`` lines to (type, size); ``missing``/``ambiguous`` lines to None."""
    rows: list[tuple[str, int] | None] = []
    for line in data.decode("utf-8", "surrogateescape").split("\n")[:count]:
        parts = line.rsplit(" ", 2)
        if len(parts) == 3 and parts[2].isdigit() and parts[1] in ("blob", "tree", "commit", "tag"):
            rows.append((parts[1], int(parts[2])))
        else:
            rows.append(None)
    while len(rows) < count:
        rows.append(None)
    return rows


def _parse_batch(data: bytes, count: int) -> list[bytes | None]:
    """Contents from ``git cat-file --batch`` output, in request order."""
    out: list[bytes | None] = []
    pos = 0
    for _ in range(count):
        end = data.find(b"\n", pos)
        if end < 0:
            out.append(None)
            continue
        header = data[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3 or not header[2].isdigit():
            out.append(None)  # "<name> missing"
            continue
        size = int(header[2])
        out.append(data[pos : pos + size])
        pos += size + 1
    return out


async def materialise(
    repo: RepoCheck,
    base_ref: str | None,
    diff_text: str,
    paths: dict[str, str | None],
    scratch: Path,
    *,
    timeout: float,
    max_file_bytes: int,
) -> Materialised:
    """Apply the diff to a throw-away index of ``base_ref`` and read the files' images.

    ``paths`` maps each reviewed post-image path to its pre-image path (renames) or None.
    """
    assert repo.root is not None and repo.objects_dir is not None
    base = base_ref or "HEAD"
    if base_ref is not None:
        try:
            validate_ref(base_ref)
        except DiffValidationError as exc:
            return Materialised(reason=f"invalid base_ref: {exc}")
    env = repo_env(repo.root, repo.trusted)
    env["GIT_INDEX_FILE"] = str(scratch / "index")
    env["GIT_OBJECT_DIRECTORY"] = str(scratch / "objects")
    env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = repo.objects_dir
    await asyncio.to_thread((scratch / "objects").mkdir, parents=True, exist_ok=True)

    async def git(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
        return await run_git(args, cwd=repo.root or ".", env=env, timeout=timeout, stdin=stdin)

    try:
        code, out, err = await git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"]
        )
        if code != 0:
            return Materialised(reason=f"base {base!r} is not a commit in the repository")
        commit = out.decode().strip()
        code, _, err = await git(["read-tree", commit])
        if code != 0:
            return Materialised(reason="could not read the base tree", detail=_first_line(err))
        code, _, err = await git(
            ["apply", "--cached", "--whitespace=nowarn", "-"],
            stdin=diff_text.encode("utf-8", "surrogateescape"),
        )
        if code != 0:
            return Materialised(reason=f"diff does not apply to {base}", detail=_first_line(err))
        return await _read_images(git, commit, base, paths, max_file_bytes)
    except GitError as exc:
        return Materialised(reason=str(exc))


_Git = Callable[..., Awaitable[tuple[int, bytes, bytes]]]


async def _read_images(
    git: _Git, commit: str, base: str, paths: dict[str, str | None], max_file_bytes: int
) -> Materialised:
    result = Materialised(base=base)
    ordered = list(paths)
    code, out, err = await git(["ls-files", "--stage", "-z", "--", *ordered])
    if code != 0:
        return Materialised(reason="could not list the patched files", detail=_first_line(err))
    entries: dict[str, tuple[str, str]] = {}
    for record in out.decode("utf-8", "surrogateescape").split("\0"):
        if "\t" not in record:
            continue
        meta, name = record.split("\t", 1)
        mode, oid, _stage = meta.split(" ")
        entries[name] = (mode, oid)
    # One batch-check for: post blobs, pre blobs, and every parent directory of every path
    # (a blob where a directory should be means the path goes through a symlink).
    queries: list[str] = []
    for path in ordered:
        queries.append(entries[path][1] if path in entries else f"missing:{path}")
        queries.append(f"{commit}:{paths[path] or path}")
        queries.extend(f":{prefix}" for prefix in _prefixes(path))
    code, out, err = await git(
        ["cat-file", "--batch-check"], stdin=("\n".join(queries) + "\n").encode("utf-8", "surrogateescape")
    )
    if code != 0:
        return Materialised(reason="could not inspect the patched files", detail=_first_line(err))
    checks = iter(_parse_batch_check(out, len(queries)))
    wanted: list[str] = []
    plan: list[tuple[str, int | None, int | None]] = []  # path, index of post, index of pre
    for path in ordered:
        post, pre = next(checks), next(checks)
        parents = [next(checks) for _ in _prefixes(path)]
        through_link = any(row is not None and row[0] == "blob" for row in parents)
        mode = entries.get(path, ("", ""))[0]
        if through_link:
            result.refused.append((path, "path goes through a symbolic link"))
            continue
        if mode == "120000":
            result.refused.append((path, "symbolic link"))
            continue
        if mode == "160000":
            result.refused.append((path, "submodule change"))
            continue
        if post is None or post[0] != "blob":
            result.refused.append((path, "missing from the patched tree"))
            continue
        if post[1] > max_file_bytes:
            result.refused.append((path, f"larger than {max_file_bytes} bytes"))
            continue
        post_index = len(wanted)
        wanted.append(entries[path][1])
        pre_index = None
        if pre is not None and pre[0] == "blob" and pre[1] <= max_file_bytes:
            pre_index = len(wanted)
            wanted.append(f"{commit}:{paths[path] or path}")
        plan.append((path, post_index, pre_index))
    if wanted:
        code, out, err = await git(
            ["cat-file", "--batch"], stdin=("\n".join(wanted) + "\n").encode("utf-8", "surrogateescape")
        )
        if code != 0:
            return Materialised(reason="could not read the patched files", detail=_first_line(err))
        contents = _parse_batch(out, len(wanted))
    else:
        contents = []
    for path, post_index, pre_index in plan:
        post_bytes = contents[post_index] if post_index is not None else None
        pre_bytes = contents[pre_index] if pre_index is not None else None
        result.blobs[path] = (post_bytes, pre_bytes)
    return result
