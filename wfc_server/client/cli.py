"""``wfc``: submit a change for review, follow it, print the result, exit with the gate.

Exit codes: 0 the gate passed (or only warned), 1 the gate failed, 2 a usage or server error
(the error envelope's detail is printed), 3 the review did not finish in ``--timeout``.
Progress and messages go to standard error; standard output holds only the result.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp

from wfc_server import __version__
from wfc_server.client.api import Client, DeadlineExceeded, ServerError, Target
from wfc_server.client.diffsource import SourceError, current_branch, diff_against, read_diff
from wfc_server.client.progress import Progress
from wfc_server.reports import CLIENT_FORMATS, render
from wfc_server.reports.common import verdict_of

EXIT_PASS, EXIT_FAIL, EXIT_ERROR, EXIT_TIMEOUT = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfc",
        description="Review a change with a wfc-server and exit with its quality gate "
        "(0 pass, 1 fail, 2 usage or server error, 3 timed out).",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("diff", nargs="?", help="unified diff file, or - for standard input")
    source.add_argument("--base", metavar="REF",
                        help="review this checkout's change since REF: git diff REF...HEAD")
    parser.add_argument("--url", default=os.environ.get("WFC_URL"), help="server URL (env WFC_URL)")
    parser.add_argument("--project", default=os.environ.get("WFC_PROJECT_ID"),
                        help="project id (env WFC_PROJECT_ID)")
    parser.add_argument("--key", default=os.environ.get("WFC_API_KEY"),
                        help="API key (env WFC_API_KEY; prefer the variable: flags show in process lists)")
    parser.add_argument("--format", choices=CLIENT_FORMATS, default="text",
                        help="what to print on standard output (default text)")
    parser.add_argument("--output", metavar="FILE", help="write the --format output to FILE instead")
    parser.add_argument("--report", action="append", default=[], metavar="FORMAT:FILE",
                        help="also write a report, e.g. --report sarif:wfc.sarif (repeatable)")
    parser.add_argument("--files", nargs="+", default=[], metavar="PATH", help="review only these paths")
    parser.add_argument("--branch", help="branch this change is on (default: from CI variables or git)")
    parser.add_argument("--baseline", metavar="REVIEW_ID|BRANCH",
                        help="count only findings not in this review (or this branch's latest review)")
    parser.add_argument("--base-ref", metavar="REF", help="base ref for the server's repository mode")
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds to wait for the verdict, retries included (default 900)")
    parser.add_argument("--idempotency-key", default=os.environ.get("WFC_IDEMPOTENCY_KEY"),
                        help="reuse a key to make a re-run of this step answer the same review "
                        "(env WFC_IDEMPOTENCY_KEY; default a new key per run)")
    parser.add_argument("--no-fail", action="store_true",
                        help="exit 0 even when the gate fails (record a baseline on the main branch); "
                        "errors still exit 2 or 3")
    parser.add_argument("--poll", action="store_true", help="poll instead of using the WebSocket")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--version", action="version", version=f"wfc {__version__}")
    return parser


def _reports(specs: list[str], parser: argparse.ArgumentParser) -> list[tuple[str, Path]]:
    out = []
    for spec in specs:
        fmt, sep, path = spec.partition(":")
        if not sep or not path or fmt not in CLIENT_FORMATS:
            parser.error(f"--report {spec!r}: use FORMAT:FILE with FORMAT one of {', '.join(CLIENT_FORMATS)}")
        out.append((fmt, Path(path)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    missing = [name for name, value in (("--url/WFC_URL", args.url), ("--project/WFC_PROJECT_ID", args.project),
                                        ("--key/WFC_API_KEY", args.key)) if not value]
    if missing:
        parser.error("missing " + ", ".join(missing))
    reports = _reports(args.report, parser)
    progress = Progress(quiet=args.quiet)
    try:
        diff = diff_against(args.base) if args.base else read_diff(args.diff)
    except SourceError as exc:
        progress.say(str(exc))
        return EXIT_ERROR
    if not diff.strip():
        progress.say("the change is empty: nothing to review")
        return EXIT_PASS
    body: dict[str, Any] = {"diff_content": diff, "files": args.files}
    if args.base_ref:
        body["base_ref"] = args.base_ref
    branch = args.branch or current_branch()
    if branch:
        body["branch"] = branch
    if args.baseline:
        body["baseline"] = args.baseline
    target = Target(args.url.rstrip("/"), args.project, args.key)
    key = args.idempotency_key or str(uuid.uuid4())
    try:
        review = asyncio.run(_run(target, body, key, args, progress))
    except DeadlineExceeded:
        progress.say(f"timed out after {args.timeout:g} s without a verdict")
        return EXIT_TIMEOUT
    except ServerError as exc:
        progress.say(str(exc))
        return EXIT_ERROR
    finally:
        progress.done()
    if review.get("status") != "completed":
        progress.say(f"review {review.get('review_id')} ended {review.get('status')}: "
                     f"{review.get('error') or 'no result'}")
        return EXIT_ERROR
    try:
        _emit(review, args.format, args.output)
        for fmt, path in reports:
            path.write_text(render(fmt, review), encoding="utf-8")
    except OSError as exc:
        progress.say(f"cannot write the report: {exc}")
        return EXIT_ERROR
    gate = review.get("gate") or {}
    for warning in gate.get("config_warnings") or []:
        progress.say(f"config: {warning}")
    note = (review.get("baseline") or {}).get("note")
    if note:
        progress.say(f"baseline: {note}")
    verdict = verdict_of(review)
    if verdict == "warn":
        progress.say("the gate warns but does not fail this change (policy mode: warn)")
    if verdict == "fail" and args.no_fail:
        progress.say("the gate failed; exiting 0 because of --no-fail")
        return EXIT_PASS
    return EXIT_FAIL if verdict == "fail" else EXIT_PASS


def _emit(review: dict[str, Any], fmt: str, output: str | None) -> None:
    text = render(fmt, review)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


async def _run(target: Target, body: dict[str, Any], key: str, args: argparse.Namespace,
               progress: Progress) -> dict[str, Any]:
    deadline = time.monotonic() + args.timeout
    async with aiohttp.ClientSession() as session:
        client = Client(session, target, deadline, progress.say)
        accepted = await client.submit(body, key)
        review_id = accepted["review_id"]
        progress.say(f"review {review_id} submitted to {target.url}")
        if args.poll:
            return await client.poll(review_id, progress.event)
        return await client.follow(review_id, progress.event)
