"""The diff validator's rejects and the parser's special cases, on real git output."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.review.engine.conftest import git, make_repo
from wfc_server.review.diff import (
    parse_diff,
    unsafe_path_reason,
    validate_diff,
    validate_ref,
)
from wfc_server.review.model import DiffValidationError

SIMPLE = """diff --git a/app.py b/app.py
index 1111111..2222222 100644
--- a/app.py
+++ b/app.py
@@ -1,3 +1,4 @@
 import os
-x = 1
+x = 2
+y = 3
 print(x)
"""


@pytest.fixture
def special_diff(tmp_path: Path) -> str:
    """A real git diff with new, deleted, renamed, binary, mode-only, no-EOL and CRLF files."""
    repo = make_repo(tmp_path / "r", {
        "f.txt": "a\nb\nc\n", "old.txt": "keep me\n", "del.txt": "gone\n", "mode.sh": "echo\n",
        "nonl.txt": "l1\nl2", "crlf.txt": "x\r\ny\r\n",
    })
    (repo / "b.bin").write_bytes(b"bin\x00ary")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "bin")
    (repo / "f.txt").write_text("a\nB\nc\nd\n")
    (repo / "crlf.txt").write_bytes(b"x\r\nY\r\n")
    (repo / "b.bin").write_bytes(b"bin\x00ary2")
    (repo / "mode.sh").chmod(0o755)
    (repo / "nonl.txt").write_text("l1\nl2x")
    (repo / "add.py").write_text("n1 = 1\nn2 = 2\n")
    git(repo, "mv", "old.txt", "new.txt")
    git(repo, "rm", "-q", "del.txt")
    git(repo, "add", "-A")
    return git(repo, "diff", "--cached", "-M")


def test_special_cases_validate_and_parse(special_diff: str) -> None:
    validate_diff(special_diff)
    files = {f.path: f for f in parse_diff(special_diff)}
    assert files["add.py"].status == "added"
    assert files["add.py"].whole_file
    assert files["add.py"].added_lines == {1, 2}
    assert files["del.txt"].status == "deleted"
    assert files["del.txt"].skip_reason() == "deleted file"
    assert files["new.txt"].status == "renamed"
    assert files["new.txt"].old_path == "old.txt"
    assert files["new.txt"].skip_reason() == "renamed without changes"
    assert files["b.bin"].status == "binary"
    assert files["b.bin"].skip_reason() == "binary file"
    assert files["mode.sh"].status == "mode"
    assert files["mode.sh"].skip_reason() == "mode change only"
    assert files["nonl.txt"].added_lines == {2}
    assert [row for hunk in files["nonl.txt"].hunks for row in hunk] == [
        (1, "l1", False), (2, "l2x", True)]
    crlf = files["crlf.txt"]
    assert [row for hunk in crlf.hunks for row in hunk] == [(1, "x", False), (2, "Y", True)]
    assert files["f.txt"].added_lines == {2, 4}
    assert files["f.txt"].skip_reason() is None


def test_whole_diff_in_crlf_line_endings_parses() -> None:
    crlf = SIMPLE.replace("\n", "\r\n")
    validate_diff(crlf)
    (only,) = parse_diff(crlf)
    assert only.added_lines == {2, 3}
    assert [text for _, text, _ in only.hunks[0]] == ["import os", "x = 2", "y = 3", "print(x)"]


def test_rename_with_edit_and_quoted_path(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"src/caf\u00e9.py": "a = 1\nb = 2\nc = 3\nd = 4\n"})
    git(repo, "mv", "src/caf\u00e9.py", "src/new name.py")
    (repo / "src/new name.py").write_text("a = 1\nb = 2\nc = 3\nd = 5\n")
    git(repo, "add", "-A")
    diff = git(repo, "diff", "--cached", "-M")
    validate_diff(diff)
    (only,) = parse_diff(diff)
    assert only.status == "renamed"
    assert only.path == "src/new name.py"
    assert only.old_path == "src/caf\u00e9.py"
    assert only.added_lines == {4}


def test_symlink_is_recognised(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.txt": "a\n"})
    (repo / "link").symlink_to("a.txt")
    git(repo, "add", "-A")
    (only,) = parse_diff(git(repo, "diff", "--cached"))
    assert only.status == "symlink"
    assert only.skip_reason() == "symbolic link"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "diff is empty"),
        ("   \n\n", "diff is empty"),
        ("hello world\nthis is prose\n", "no file header"),
        ("--- a/x.py\nnot a plus line\n", "not followed by a '+++'"),
        ("+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n", "without a '---'"),
        ("@@ -1 +1 @@\n-a\n+b\n", "before any file header"),
        ("--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @\n a\n", "malformed hunk header"),
        ("--- a/x.py\n+++ b/x.py\n@@ -a,2 +1,2 @@\n a\n", "malformed hunk header"),
        ("--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n", "ends early"),
        ("--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,1 @@\n a\n-b\n+c\n", "more lines than its header"),
        ("--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n a\n*b\n", "expects 1 more old"),
        ("--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\x00\n+b\n", "NUL"),
    ],
)
def test_rejects_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(DiffValidationError) as info:
        validate_diff(text)
    assert message in str(info.value)


def test_reject_names_the_line_number() -> None:
    with pytest.raises(DiffValidationError, match=r"^line 4: malformed hunk header"):
        validate_diff("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ broken @@\n")


def test_removed_line_that_looks_like_a_header_is_counted_as_content() -> None:
    text = "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,1 @@\n--- not a header\n keep\n"
    validate_diff(text)
    (only,) = parse_diff(text)
    assert only.added_lines == frozenset()
    assert only.skip_reason() == "no added lines"


def test_validate_is_linear_on_one_megabyte() -> None:
    """A guard against super-linear validation, not a speed claim (bench/ has those)."""
    body = "".join(f"+    value_{i} = compute(x, y, {i})  # comment\n" for i in range(20000))
    big = ("diff --git a/big.py b/big.py\nnew file mode 100644\n--- /dev/null\n+++ b/big.py\n"
           f"@@ -0,0 +1,20000 @@\n{body}")
    assert len(big) > 900_000
    started = time.perf_counter()
    validate_diff(big)
    assert time.perf_counter() - started < 15  # ~0.2 s when healthy


@pytest.mark.parametrize("ref", ["HEAD", "main", "feature/x-1", "v1.2.3", "HEAD~2", "HEAD^",
                                 "0123abcd" * 5, "origin/main~1^2"])
def test_valid_refs(ref: str) -> None:
    validate_ref(ref)


@pytest.mark.parametrize("ref", ["", "-n", "--output=/tmp/x", "a..b", "main@{1}", "a b", "x;rm",
                                 "refs/.hidden", "x.lock", "a//b", "$(id)", "a\nb", "/abs",
                                 "x" * 300, "HEAD:path"])
def test_unsafe_refs_are_rejected(ref: str) -> None:
    with pytest.raises(DiffValidationError):
        validate_ref(ref)


@pytest.mark.parametrize("path", ["../x.py", "a/../../x", "/etc/passwd", "C:\\x", ".git/config",
                                  "a/.git/hooks/pre-commit", "a\nb", "", "a//b"])
def test_unsafe_paths(path: str) -> None:
    assert unsafe_path_reason(path) is not None


def test_safe_paths() -> None:
    assert unsafe_path_reason("src/app/main.py") is None
    assert unsafe_path_reason("docs/.github/x.yml") is None
