"""Property tests: whatever validates also parses, and post-images keep every line in place."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wfc_server.review.diff import parse_diff, validate_diff
from wfc_server.review.model import DiffValidationError
from wfc_server.review.postimage import sparse_image

_LINES = st.sampled_from([
    "diff --git a/x.py b/x.py", "--- a/x.py", "+++ b/x.py", "--- /dev/null", "@@ -1 +1 @@",
    "@@ -1,2 +1,2 @@", "@@ -0,0 +1 @@", " context", "-removed", "+added", "", "garbage",
    "\\ No newline at end of file", "new file mode 100644", "Binary files a/x and b/x differ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=14))
def test_anything_that_validates_also_parses(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    try:
        validate_diff(text)
    except DiffValidationError:
        return
    parse_diff(text)


_CODE = st.text(alphabet="abc =()+:#'\"\t", max_size=20)


@st.composite
def hunks(draw: st.DrawFn) -> tuple[str, dict[int, str]]:
    """A one-file diff of random hunks, and the post-image lines it fixes by number."""
    expected: dict[int, str] = {}
    body = []
    old_line = new_line = 1
    for _ in range(draw(st.integers(1, 4))):
        gap = draw(st.integers(0, 30))
        old_line += gap
        new_line += gap
        rows = draw(st.lists(st.tuples(st.sampled_from(" +-"), _CODE), min_size=1, max_size=8))
        old_count = sum(1 for kind, _ in rows if kind != "+")
        new_count = sum(1 for kind, _ in rows if kind != "-")
        body.append(f"@@ -{old_line},{old_count} +{new_line},{new_count} @@")
        target = new_line
        for kind, code in rows:
            body.append(kind + code)
            if kind != "-":
                expected[target] = code
                target += 1
        old_line += old_count
        new_line += new_count
    return "--- a/m.py\n+++ b/m.py\n" + "\n".join(body) + "\n", expected


@settings(max_examples=200, deadline=None)
@given(hunks())
def test_sparse_image_puts_every_line_at_its_number(case: tuple[str, dict[int, str]]) -> None:
    diff, expected = case
    validate_diff(diff)
    (diff_file,) = parse_diff(diff)
    lines = sparse_image(diff_file).split("\n")
    for number, code in expected.items():
        assert lines[number - 1] == code
    for number in range(1, len(lines)):
        if number not in expected:
            assert lines[number - 1] == ""
