"""The base ref's version of the files a change touches, reviewed so "new" is known without a baseline.

In repository mode a review given no ``baseline`` still tells what the change adds: the files'
pre-images are read from the base commit (as git objects only, never the work tree), reviewed
by the same engine as whole files, and their findings become the baseline. Fingerprints are
content-anchored (path, concept, line text), so a finding the change only moved stays
``existing``. When the base cannot be read or reviewed, the review says why and every finding
counts, as without a baseline.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

from wfc_server.gate.judge import anchor
from wfc_server.logs import get_logger
from wfc_server.review.diff import parse_diff
from wfc_server.review.git import (
    GitError,
    _parse_batch,
    _parse_batch_check,
    probe_repository,
    repo_env,
    run_git,
)
from wfc_server.review.model import ReviewRequest
from wfc_server.review.settings import EngineSettings

log = get_logger("wfc.preimage")
SOURCE = "pre-image"
_REVIEWED_STATUSES = ("modified", "renamed")


@dataclass(frozen=True, slots=True)
class PreImageFindings:
    findings: list[dict[str, Any]] | None  # None: no pre-image baseline (see note)
    note: str


class PreImageUnavailable(Exception):
    """The base commit or its files could not be read."""


def whole_file_diff(images: dict[str, str]) -> str:
    """A diff adding each file whole, so the engine reviews every line of it."""
    parts: list[str] = []
    for path, text in images.items():
        lines = text.split("\n")
        complete = text.endswith("\n")
        if complete:
            lines.pop()
        if not lines:
            continue
        parts.append(f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
                     f"@@ -0,0 +1,{len(lines)} @@\n")
        parts.append("".join(f"+{line}\n" for line in lines))
        if not complete:
            parts.append("\\ No newline at end of file\n")
    return "".join(parts)


class PreImageReviewer:
    def __init__(self, engine: Any, allowed_roots: tuple[str, ...], settings: EngineSettings) -> None:
        self._engine = engine
        self._allowed_roots = allowed_roots
        self._settings = settings

    async def findings(self, project_id: str, repo_path: str, base_ref: str | None, diff_text: str,
                       selected: tuple[str, ...] = ()) -> PreImageFindings:
        """The pre-image baseline of the changed files (only ``selected`` ones when given)."""
        files = await asyncio.to_thread(parse_diff, diff_text)
        wanted = {f.path: f.old_path or f.path for f in files
                  if f.status in _REVIEWED_STATUSES and f.added_lines and (not selected or f.path in selected)}
        base = base_ref or "HEAD"
        if not wanted:
            return PreImageFindings([], f"no changed file existed at {base}: every finding is new")
        try:
            images = await self._read(repo_path, base, wanted)
        except (PreImageUnavailable, GitError) as exc:
            log.warning("preimage.unavailable", project_id=project_id, reason=str(exc))
            return PreImageFindings(None, f"the base {base} could not be read ({exc}): every finding counts")
        request = ReviewRequest(review_id=str(uuid.uuid4()), project_id=project_id,
                                diff_content=whole_file_diff(images))
        if not request.diff_content:
            return PreImageFindings([], f"the changed files were empty at {base}: every finding is new")

        async def quiet(_: Any) -> None:
            return None

        try:
            result = await self._engine.review(request, quiet)
        except Exception as exc:  # the review itself stands; only "new" is unknown
            log.warning("preimage.review_failed", project_id=project_id, error=str(exc))
            return PreImageFindings(None, f"the base {base} could not be reviewed ({exc}): every finding counts")
        found = []
        for finding in result.to_dict()["findings"]:
            text = _line(images.get(finding["file"], ""), finding.get("line"))
            if text is not None:
                finding["anchor"] = anchor(finding["file"], finding["rule_id"], text)
            found.append(finding)
        return PreImageFindings(found, f"no baseline given: the changed files as they are at {base} were reviewed too")

    async def _read(self, repo_path: str, base: str, wanted: dict[str, str]) -> dict[str, str]:
        """Post-image path -> the text of its pre-image at ``base`` (skipping binary and huge ones)."""
        timeout = self._settings.git_timeout_seconds
        check = await probe_repository(repo_path, self._allowed_roots, timeout)
        if check.root is None:
            raise PreImageUnavailable(check.reason or "not a readable repository")
        env = repo_env(check.root, check.trusted)

        async def git(args: list[str], stdin: bytes | None = None) -> bytes:
            code, out, err = await run_git(args, cwd=check.root or ".", env=env, timeout=timeout, stdin=stdin)
            if code != 0:
                raise PreImageUnavailable(err.decode("utf-8", "replace").strip().splitlines()[0][:200]
                                          if err.strip() else f"git {args[0]} failed")
            return out

        commit = (await git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"])).decode().strip()
        paths = list(wanted)[: self._settings.max_files]
        queries = "".join(f"{commit}:{wanted[p]}\n" for p in paths).encode("utf-8", "surrogateescape")
        sizes = _parse_batch_check(await git(["cat-file", "--batch-check"], stdin=queries), len(paths))
        readable = [p for p, row in zip(paths, sizes, strict=True)
                    if row is not None and row[0] == "blob" and row[1] <= self._settings.max_file_bytes]
        if not readable:
            return {}
        request = "".join(f"{commit}:{wanted[p]}\n" for p in readable).encode("utf-8", "surrogateescape")
        contents = _parse_batch(await git(["cat-file", "--batch"], stdin=request), len(readable))
        images = {}
        for path, data in zip(readable, contents, strict=True):
            if data is None or b"\0" in data:
                continue
            images[path] = data.decode("utf-8", "replace")
        return images


def _line(text: str, number: int | None) -> str | None:
    if number is None or number < 1:
        return None
    lines = text.split("\n")
    return lines[number - 1] if number <= len(lines) else None
