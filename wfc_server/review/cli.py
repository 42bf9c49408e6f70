"""``wfc-server review PATCH|- [--repo DIR] [--base REF] [--format json|text] [--files F ...]``.

Runs the same engine as the service, without the service: handy in CI and for trying rules.
Exit codes: 0 the review passed, 1 it failed its verdict, 2 the review could not run (bad diff,
unreadable file, analyzer failure).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path

from wfc_server.review.diff import validate_diff, validate_ref
from wfc_server.review.engine import ReviewEngine
from wfc_server.review.model import (
    DiffValidationError,
    Progress,
    ReviewFailed,
    ReviewRequest,
    ReviewResult,
)
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.settings import EngineSettings, PoolSettings, RepoSettings
from wfc_server.review.stages import ReviewerRunner

EXIT_PASSED, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfc-server review", description="Review a unified diff offline."
    )
    parser.add_argument("patch", help="unified diff file, or - for standard input")
    parser.add_argument("--repo", help="local git repository the diff applies to (repo mode)")
    parser.add_argument("--base", help="base revision in --repo (default HEAD)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--files", nargs="+", default=[], metavar="F",
                        help="review only these paths of the diff")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="budget per reviewer in seconds (default 120)")
    parser.add_argument("--runner", metavar="MODULE:FUNCTION",
                        help="alternative reviewer runner, called as FUNCTION(role, input)")
    return parser


def _load_runner(spec: str | None) -> ReviewerRunner:
    """The reviewer runner named by ``--runner``, or the built-in reviewers."""
    if not spec:
        return run_reviewer
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ValueError("--runner must look like package.module:function")
    runner = getattr(importlib.import_module(module_name), attr)
    if not callable(runner):
        raise TypeError(f"--runner {spec} is not callable")
    return runner  # type: ignore[no-any-return]


def render_text(result: ReviewResult) -> str:
    """A readable summary: verdict, score, then findings grouped by file."""
    verdict = "PASSED" if result.passed else "FAILED"
    lines = [
        f"{verdict}  score {result.consensus_score:.2f}/10  risk {result.risk:.2f} ({result.tier})"
        + ("  [minority protection]" if result.minority_protection_applied else ""),
    ]
    cov = result.coverage
    lines.append(
        f"mode {cov.get('mode')}: reviewed {cov.get('reviewed')} of {cov.get('files_total')} files"
        + (f" ({cov['mode_reason']})" if cov.get("mode_reason") and cov.get("mode") == "diff" else "")
    )
    for item in cov.get("skipped", []):
        lines.append(f"  skipped {item['path']}: {item['reason']}")
    if not result.findings:
        lines.append("no findings")
    current = None
    for f in sorted(result.findings, key=lambda f: (f.file, f.line or 0)):
        if f.file != current:
            current = f.file
            lines.append("")
            lines.append(f.file)
        where = f"line {f.line}" if f.line is not None else "file"
        lines.append(f"  {f.severity.upper():8} {where}: {f.title} [{f.rule_id}, {', '.join(f.reviewers)}]")
        if f.description:
            lines.extend(f"           {part}" for part in textwrap.wrap(f"why: {f.description}", 90))
        if f.suggestion:
            lines.extend(f"           {part}" for part in textwrap.wrap(f"fix: {f.suggestion}", 90))
    lines.append("")
    lines.append("reviewers: " + ", ".join(
        f"{role} {rep.score:.1f} ({rep.findings}, {rep.status})" for role, rep in result.reviewers.items()
    ))
    partial = [role for role, rep in result.reviewers.items() if rep.status == "partial"]
    if partial:
        lines.append(
            f"partial review: {', '.join(partial)} could not analyse every file (see the skipped files above)"
        )
    return "\n".join(lines)


async def _run(args: argparse.Namespace, diff: str, data_dir: Path,
               runner: ReviewerRunner) -> ReviewResult:
    engine = ReviewEngine(
        engine=EngineSettings(reviewer_timeout_seconds=args.timeout),
        pool=PoolSettings(max_worktrees=1),
        # Run by hand on one's own repository: the one named is the allowed root.
        repos=RepoSettings(allowed_roots=(args.repo,) if args.repo else ()),
        data_dir=data_dir,
        reviewer_runner=runner,
    )

    async def progress(step: Progress) -> None:
        return None

    await engine.start()
    try:
        request = ReviewRequest(
            review_id=uuid.uuid4().hex, project_id="cli", diff_content=diff,
            files=tuple(args.files), repo_path=args.repo, base_ref=args.base,
        )
        return await engine.review(request, progress)
    finally:
        await engine.close()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.patch == "-":
            diff = sys.stdin.read()
        else:
            diff = Path(args.patch).read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        print(f"error: cannot read {args.patch}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        validate_diff(diff)
        if args.base:
            validate_ref(args.base)
    except DiffValidationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        runner = _load_runner(args.runner)
    except (ImportError, AttributeError, ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        with tempfile.TemporaryDirectory(prefix="wfc-review-") as tmp:
            result = asyncio.run(_run(args, diff, Path(tmp), runner))
    except ReviewFailed as exc:
        print(f"error: review failed: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(render_text(result))
    return EXIT_PASSED if result.passed else EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
