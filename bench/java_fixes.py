"""Java tuning set: the pre-fix code of small bug-fix commits of Apache Tomcat (Apache-2.0).

Why: ordinary Java bugs (null dereferences, leaked streams, swallowed errors) are where the engine
was weakest, and Tomcat's history labels such fixes in their messages ("Fix possible NPE", "Fix
resource leak"). No third-party code is committed: the manifest below is the list of commits; the
files are read from a local clone (``fetch github:apache/tomcat`` gives one under /work/.mirror).
For each commit, the pre-fix version of each changed main-source file is reviewed as a new file and
the fix counts as found when a medium+ finding (maintainability excluded) lies within 2 lines of a
line the commit changed. This is a TUNING set (the rules were adjusted while looking at it), not a
held-out measure. Run: ``.venv/bin/python bench/java_fixes.py [--repo PATH]``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.review.corpus_eval import run_all_reviewers, whole_file_input  # noqa: E402

REPO = "apache/tomcat"
LICENCE = "Apache-2.0"
#: Commits selected by message (NPE / leak / null check, 2016 on), at most 2 main files and 30 lines.
COMMITS = (
    "a59c714933",
    "5b0ffcccbc",
    "2a3a07dff7",
    "854f87bef8",
    "bc50b30af9",
    "5b1c459bbf",
    "a848628ffb",
    "b26678d4ab",
    "1e1a14e35f",
    "5a01a043d2",
    "bc543e9d06",
    "45bfc6b119",
    "de34e82e6a",
    "7db35b832b",
    "1b724da56b",
    "9a6dbfa01a",
    "3369f8904d",
    "574e48d282",
    "eb42189f6d",
    "974e0e897c",
    "93fa027937",
    "54569b7767",
    "b0492c80c6",
    "187b50eb07",
    "598231503b",
    "b53c281c7d",
    "47ab9df4b2",
    "5a83f6d6dc",
    "a5f34d6de0",
    "580dc3d55d",
    "2c691e7c61",
    "cea8d63077",
    "0dc80cf43a",
    "2e78a4eb2c",
    "894f69c8e8",
    "a5ab4db649",
    "7cbeace910",
    "07b5c179da",
    "c5ec45d627",
    "60fb61633b",
    "6b2911bb41",
    "10c1b3e4d7",
    "8cc811c4bf",
    "4a1029acd2",
    "e5de08a569",
    "e451872281",
    "904701a434",
    "e380f5caca",
    "b9b0e18db2",
    "7767b84d42",
    "f634384a20",
    "c46c37649e",
    "a2aaab004f",
    "32507a41a7",
    "e9190e3094",
    "4a361631bc",
    "de0ef51fe8",
    "07612b5f8e",
    "a4f27a6509",
    "80d221b8f2",
)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def changed_lines(repo: Path, commit: str, path: str) -> set[int]:
    """Lines of the pre-fix file that the commit removed or changed (pure insertions: the line before)."""
    diff = _git(repo, "show", "--format=", "-U0", commit, "--", path)
    lines: set[int] = set()
    for m in re.finditer(r"^@@ -(\d+)(?:,(\d+))? ", diff, re.MULTILINE):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + max(count, 1)))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=Path("/work/.mirror/apache+tomcat/repo"),
                        help="a local clone (or bare git directory) of apache/tomcat")
    args = parser.parse_args()
    found = total = 0
    for commit in COMMITS:
        paths = [p for p in _git(args.repo, "show", "--format=", "--name-only", commit).split()
                 if p.startswith("java/") and p.endswith(".java")]
        for path in paths:
            before = _git(args.repo, "show", f"{commit}^:{path}")
            lines = changed_lines(args.repo, commit, path)
            with tempfile.TemporaryDirectory(prefix="wfc-java-fixes-") as tmp:
                findings = run_all_reviewers(whole_file_input({"src/" + Path(path).name: before}, Path(tmp)))
            near = sorted({f"{f.line}:{f.rule_id}" for f in findings
                           if f.line and f.severity in {"medium", "high", "critical"}
                           and f.reviewer != "maintainability" and any(abs(f.line - n) <= 2 for n in lines)})
            total += 1
            found += bool(near)
            print(f"{commit} {Path(path).name}: {', '.join(near) if near else 'missed'}")
    print(f"found {found}/{total} fixes of {REPO} ({LICENCE})")


if __name__ == "__main__":
    main()
