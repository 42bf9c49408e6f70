"""Command-line entry point for the archive tool."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("archive")


def remove_stale(paths: list[Path]) -> int:
    removed = 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


def git_revision(repo: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True,
            check=True, timeout=10,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("no git revision for %s: %s", repo, exc)
        return None
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="archive")
    parser.add_argument("root", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    stale = sorted(p for p in args.root.rglob("*.tmp") if p.is_file())
    if args.dry_run:
        for path in stale:
            print(path)
        return 0
    count = remove_stale(stale)
    revision = git_revision(args.root) or "unknown"
    print(f"removed {count} files at revision {revision}")
    return 0 if os.access(args.root, os.W_OK) else 1


if __name__ == "__main__":
    sys.exit(main())
