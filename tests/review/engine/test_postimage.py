"""Diff-mode post-images keep real line numbers; broken Python hunks are repaired in place."""

from __future__ import annotations

import ast

from ruff.__main__ import find_ruff_bin

from wfc_server.review.diff import parse_diff
from wfc_server.review.postimage import hunk_ranges, repair_python, sparse_image
from wfc_server.review.stages import prepare

RUFF = str(find_ruff_bin())

INSIDE_BLOCK = """diff --git a/svc/users.py b/svc/users.py
--- a/svc/users.py
+++ b/svc/users.py
@@ -40,4 +40,5 @@ class UserService:
         user = self.repo.get(user_id)
         if user is None:
-            return None
+            query = "SELECT * FROM t WHERE id = " + user_id
+            return self.db.execute(query)
         return user
@@ -90,2 +91,3 @@ class UserService:
     def close(self):
         self.db.close()
+        self.closed = True
"""


def test_sparse_image_keeps_line_numbers() -> None:
    (diff_file,) = parse_diff(INSIDE_BLOCK)
    text = sparse_image(diff_file)
    lines = text.split("\n")
    assert lines[41] == '            query = "SELECT * FROM t WHERE id = " + user_id'
    assert lines[42] == "            return self.db.execute(query)"
    assert lines[92] == "        self.closed = True"
    assert all(line == "" for line in lines[:39])
    assert hunk_ranges(diff_file) == [(40, 44), (91, 93)]


def test_hunk_inside_block_is_dedented_without_moving_lines() -> None:
    prepared = prepare(INSIDE_BLOCK, (), 100, 1_000_000)
    (source,) = prepared.files
    assert prepared.repaired == ["svc/users.py"]
    ast.parse(source.text)
    lines = source.text.split("\n")
    assert lines[41].strip() == 'query = "SELECT * FROM t WHERE id = " + user_id'
    assert lines[92].strip() == "self.closed = True"
    assert source.added_lines == {42, 43, 93}
    assert source.complete is False
    assert source.mode == "diff"


def test_dangling_block_header_gets_an_empty_body() -> None:
    text = "\n\ndef handler(request):\n\n"
    fixed, repaired = repair_python(text, [(3, 3)], RUFF)
    assert repaired
    ast.parse(fixed)
    assert fixed.split("\n")[2] == "def handler(request): ..."
    assert len(fixed.split("\n")) == len(text.split("\n"))


def test_unclosed_bracket_line_is_neutralised_not_removed() -> None:
    text = "x = 1\nresult = call(a,\n"
    fixed, repaired = repair_python(text, [(1, 2)], RUFF)
    assert repaired
    ast.parse(fixed)
    lines = fixed.split("\n")
    assert lines[0] == "x = 1"
    assert lines[1] == "# result = call(a,"


def test_newer_python_syntax_is_not_repaired() -> None:
    text = 'type Alias = list[int]\n\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\n'
    fixed, repaired = repair_python(text, [(1, 4)], RUFF)
    assert not repaired
    assert fixed == text


def test_valid_file_is_untouched() -> None:
    text = "import os\n\n\ndef f():\n    return os.getcwd()\n"
    assert repair_python(text, [(1, 5)], RUFF) == (text, False)


def test_new_file_is_complete_and_not_repaired() -> None:
    diff = ("diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n"
            "@@ -0,0 +1,2 @@\n+def f():\n+    return 1\n")
    (source,) = prepare(diff, (), 100, 1_000_000).files
    assert source.complete is True
    assert source.text == "def f():\n    return 1\n"
    assert source.added_lines == {1, 2}


def test_selection_caps_and_skips() -> None:
    diff = "".join(
        f"diff --git a/m{i}.py b/m{i}.py\nnew file mode 100644\n--- /dev/null\n+++ b/m{i}.py\n"
        f"@@ -0,0 +1 @@\n+x = {i}\n" for i in range(4)
    ) + ("diff --git a/big.py b/big.py\nnew file mode 100644\n--- /dev/null\n+++ b/big.py\n"
         "@@ -0,0 +1 @@\n+" + "y" * 200 + "\n")
    prepared = prepare(diff, (), 2, 100)
    assert [f.path for f in prepared.files] == ["m0.py", "m1.py"]
    reasons = dict(prepared.skipped)
    assert reasons["m2.py"].startswith("over the limit of 2 files")
    selected = prepare(diff, ("m3.py", "ghost.py", "big.py"), 10, 100)
    assert [f.path for f in selected.files] == ["m3.py"]
    reasons = dict(selected.skipped)
    assert reasons["ghost.py"] == "not in diff"
    assert reasons["big.py"] == "larger than 100 bytes"
    assert reasons["m0.py"] == "not selected for review"
    assert selected.files_total == 6


def test_unsafe_path_is_skipped() -> None:
    diff = ("--- a/../escape.py\n+++ b/../escape.py\n@@ -1 +1 @@\n-a = 1\n+a = 2\n")
    prepared = prepare(diff, (), 10, 1000)
    assert prepared.files == []
    assert "escapes" in dict(prepared.skipped)["../escape.py"]
