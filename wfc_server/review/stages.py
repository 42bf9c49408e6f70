"""The CPU-heavy review stages, run inside the warm worker processes.

Every function here is module-level and takes and returns plain data, so it pickles by reference
into a worker: parse the diff and build the post-images, assemble repository post-images from git
blobs, run one reviewer and keep its findings on added lines, and merge and score the lot. The
event loop only moves their inputs and outputs.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruff.__main__ import find_ruff_bin

from wfc_server import __version__
from wfc_server.review.diff import DiffFile, parse_diff, unsafe_path_reason
from wfc_server.review.languages import is_test_path, language_for_path
from wfc_server.review.merge import (
    ScopedFinding,
    cap_per_rule,
    keep_on_added_lines,
    merge_findings,
)
from wfc_server.review.model import (
    ROLES,
    AnalysisInput,
    ReviewerOutput,
    ReviewerReport,
    ReviewFailed,
    ReviewResult,
    SourceFile,
)
from wfc_server.review.postimage import (
    hunk_ranges,
    long_line_reason,
    oversize_reason,
    repair_python,
    sparse_image,
)
from wfc_server.review.scoring import consensus, reviewer_score
from wfc_server.review.settings import EngineSettings

#: Bumped whenever a change in the engine can change a review's result.
ENGINE_REVISION = 5
ENGINE_VERSION = f"{__version__}+engine.{ENGINE_REVISION}"

ReviewerRunner = Callable[[str, AnalysisInput], ReviewerOutput]


@dataclass(slots=True)
class Prepared:
    """The parsed diff: files to review (diff-mode images), their hunks, and what was skipped."""

    files: list[SourceFile]
    diffs: dict[str, DiffFile]
    skipped: list[tuple[str, str]]
    files_total: int
    repaired: list[str] = field(default_factory=list)


def _ruff_bin() -> str | None:
    try:
        return str(find_ruff_bin())
    except FileNotFoundError:
        return None


def _normalise_selection(paths: tuple[str, ...]) -> list[str]:
    out = []
    for given in paths:
        path = given.strip().replace("\\", "/")
        while path.startswith("./"):
            path = path[2:]
        if path and path not in out:
            out.append(path)
    return out


def prepare(diff_text: str, selected: tuple[str, ...], max_files: int, max_file_bytes: int,
            max_line_chars: int = 20_000) -> Prepared:
    """Parse the diff and build each reviewable file's diff-mode post-image."""
    diff_files = parse_diff(diff_text)
    skipped: list[tuple[str, str]] = []
    wanted = _normalise_selection(selected)
    in_diff = {d.path for d in diff_files}
    if wanted:
        wanted_set = set(wanted)
        for path in wanted:
            if path not in in_diff:
                skipped.append((path, "not in diff"))
    files_total = len(diff_files) + sum(1 for p in wanted if p not in in_diff)
    ruff_bin: str | None = None
    ruff_looked_up = False
    files: list[SourceFile] = []
    diffs: dict[str, DiffFile] = {}
    repaired: list[str] = []
    for diff_file in diff_files:
        path = diff_file.path
        if wanted and path not in wanted_set:
            skipped.append((path, "not selected for review"))
            continue
        reason = unsafe_path_reason(path) or diff_file.skip_reason()
        if reason is None and path in diffs:
            reason = "appears twice in the diff"
        if reason is None and len(files) >= max_files:
            reason = f"over the limit of {max_files} files per review"
        if reason is not None:
            skipped.append((path, reason))
            continue
        oversize = oversize_reason(diff_file, max_file_bytes, max_line_chars)
        if oversize is not None:
            skipped.append((path, oversize))
            continue
        language = language_for_path(path)
        text = sparse_image(diff_file)
        if len(text.encode("utf-8", "replace")) > max_file_bytes:
            skipped.append((path, f"larger than {max_file_bytes} bytes"))
            continue
        complete = diff_file.whole_file
        if language == "python" and not complete:
            if not ruff_looked_up:
                ruff_bin, ruff_looked_up = _ruff_bin(), True
            text, was_repaired = repair_python(text, hunk_ranges(diff_file), ruff_bin)
            if was_repaired:
                repaired.append(path)
        files.append(
            SourceFile(
                path=path,
                language=language,
                text=text,
                added_lines=diff_file.added_lines,
                is_test=is_test_path(path),
                mode="diff",
                complete=complete,
            )
        )
        diffs[path] = diff_file
    return Prepared(files, diffs, skipped, files_total, repaired)


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _added_lines_in(post_lines: list[str], diff_file: DiffFile, base_text: str | None) -> frozenset[int]:
    """The diff's added lines if they match the post-image in place, else recomputed from base."""
    for hunk in diff_file.hunks:
        for number, text, added in hunk:
            if added and (number > len(post_lines) or post_lines[number - 1] != text):
                break
        else:
            continue
        break
    else:
        return diff_file.added_lines
    # git applied the hunks at an offset: find the added lines by comparing with the base.
    base_lines = (base_text or "").split("\n")
    matcher = difflib.SequenceMatcher(a=base_lines, b=post_lines, autojunk=False)
    added: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            added.update(range(j1 + 1, j2 + 1))
    return frozenset(added)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace").replace("\r\n", "\n")


def assemble_repo(
    files: list[SourceFile],
    diffs: dict[str, DiffFile],
    blobs: dict[str, tuple[bytes | None, bytes | None]],
    max_file_bytes: int,
    max_line_chars: int = 20_000,
) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Replace diff-mode images by the real post-images read from git (repo mode)."""
    out: list[SourceFile] = []
    skipped: list[tuple[str, str]] = []
    for source in files:
        post, pre = blobs.get(source.path, (None, None))
        if post is None:
            skipped.append((source.path, "missing from the patched tree"))
            continue
        if _looks_binary(post):
            skipped.append((source.path, "binary file"))
            continue
        if len(post) > max_file_bytes:
            skipped.append((source.path, f"larger than {max_file_bytes} bytes"))
            continue
        text = _decode(post)
        post_lines = text.split("\n")
        too_long = long_line_reason(max(map(len, post_lines)), max_line_chars)
        if too_long is not None:
            skipped.append((source.path, too_long))
            continue
        base_text = _decode(pre) if pre is not None and not _looks_binary(pre) else None
        added = _added_lines_in(post_lines, diffs[source.path], base_text)
        out.append(
            SourceFile(
                path=source.path,
                language=source.language,
                text=text,
                added_lines=added,
                base_text=base_text,
                is_test=source.is_test,
                mode="repo",
                complete=True,
            )
        )
    return out, skipped


@dataclass(slots=True)
class ReviewerOutcome:
    role: str
    findings: list[ScopedFinding]
    skipped: list[tuple[str, str]]
    duration_ms: int


def run_reviewer_task(
    runner: ReviewerRunner, role: str, inp: AnalysisInput, cap: int
) -> ReviewerOutcome:
    """Run one reviewer and keep its findings on added lines (in a worker)."""
    started = time.perf_counter()
    output = runner(role, inp)
    if not isinstance(output, ReviewerOutput):
        raise ReviewFailed(f"reviewer {role} returned {type(output).__name__}, not ReviewerOutput")
    for raw in output.findings:
        raw.reviewer = role
    kept = cap_per_rule(keep_on_added_lines(list(output.findings), inp.files), cap)
    duration = int((time.perf_counter() - started) * 1000)
    return ReviewerOutcome(role, kept, [(str(p), str(r)) for p, r in output.skipped], duration)


def finalize(
    outcomes: list[ReviewerOutcome],
    statuses: dict[str, str],
    coverage: dict[str, Any],
    settings: EngineSettings,
) -> ReviewResult:
    """Merge every reviewer's findings, score them and build the result (in a worker)."""
    scoped = [item for outcome in outcomes for item in outcome.findings]
    findings = merge_findings(scoped)
    by_role = {o.role: o for o in outcomes}
    # A reviewer that ran but could not analyse some file looked only in part: "partial".
    statuses = {
        role: "partial" if status == "ok" and role in by_role and by_role[role].skipped else status
        for role, status in statuses.items()
    }
    ran = sum(1 for s in statuses.values() if s in {"ok", "partial"})
    verdict = consensus(findings, ran, settings)
    reports: dict[str, ReviewerReport] = {}
    for role in ROLES:
        if role not in statuses:
            continue
        outcome = by_role.get(role)
        reports[role] = ReviewerReport(
            score=reviewer_score(role, findings, ran) if statuses[role] in {"ok", "partial"} else 10.0,
            findings=sum(1 for f in findings if role in f.reviewers),
            status=statuses[role],  # type: ignore[arg-type]
            duration_ms=outcome.duration_ms if outcome else 0,
        )
    skipped = list(coverage.get("skipped", []))
    for outcome in outcomes:
        for path, reason in outcome.skipped:
            skipped.append({"path": path, "reason": f"{outcome.role}: {reason}"})
    coverage = {**coverage, "skipped": skipped}
    return ReviewResult(
        consensus_score=verdict.score,
        passed=verdict.passed,
        risk=verdict.risk,
        tier=verdict.tier,
        minority_protection_applied=verdict.minority_protection_applied,
        findings=findings,
        reviewers=reports,
        coverage=coverage,
        engine_version=ENGINE_VERSION,
    )
