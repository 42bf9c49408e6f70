"""The review command line, as a real subprocess: exit codes and both output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.review.engine.conftest import diff_of_change, make_repo

ROOT = Path(__file__).parents[3]
CLEAN = ("diff --git a/a.py b/a.py\nnew file mode 100644\n--- /dev/null\n+++ b/a.py\n"
         "@@ -0,0 +1,2 @@\n+def f(x):\n+    return x + 1  # TODO tidy\n")
RISKY = CLEAN.replace("return x + 1", "return eval(x)")


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wfc_server.review.cli", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60, check=False,
    )


RUNNER = ("--runner", "tests.review.engine.fake_reviewers:pattern_reviewer")


def test_passing_review_exits_0_with_text_summary(tmp_path: Path) -> None:
    patch = tmp_path / "change.patch"
    patch.write_text(CLEAN)
    proc = cli(str(patch), *RUNNER)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("PASSED  score ")
    assert "a.py" in proc.stdout
    assert "LOW      line 2: TODO left" in proc.stdout
    assert "why: unfinished work" in proc.stdout  # the description: why it matters
    assert "fix: finish it" in proc.stdout


def test_failing_review_exits_1_and_json_from_stdin() -> None:
    proc = cli("-", "--format", "json", *RUNNER, stdin=RISKY)
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["passed"] is False
    assert result["findings"][0]["rule_id"] == "FAKE-EVAL"
    assert result["coverage"]["mode"] == "diff"


def test_files_and_repo_options(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"a.py": "def f(x):\n    return x\n", "b.py": "y = 1\n"})
    diff = diff_of_change(repo, {"a.py": "def f(x):\n    return eval(x)\n", "b.py": "y = eval('2')\n"})
    proc = cli("-", "--format", "json", "--repo", str(repo), "--base", "main", "--files", "b.py",
               *RUNNER, stdin=diff)
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["coverage"]["mode"] == "repo"
    assert {f["file"] for f in result["findings"]} == {"b.py"}


def test_errors_exit_2(tmp_path: Path) -> None:
    bad = cli("-", *RUNNER, stdin="this is not a diff\n")
    assert bad.returncode == 2 and "no file header" in bad.stderr
    missing = cli(str(tmp_path / "missing.patch"), *RUNNER)
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    bad_ref = cli("-", "--base=a..b", *RUNNER, stdin=CLEAN)
    assert bad_ref.returncode == 2 and "base_ref" in bad_ref.stderr
    crash = cli("-", "--runner", "tests.review.engine.fake_reviewers:crashing_reviewer", stdin=CLEAN)
    assert crash.returncode == 2 and "review failed: reviewer correctness failed" in crash.stderr
