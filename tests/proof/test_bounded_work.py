"""Bounded work per input: what a diff declares is checked before memory is spent on it, and
the engine's stages grow near-linearly with their input.

Each generator is reviewed at n and 4n in this process (every reviewer, the way a worker runs
them); the best of three timings at 4n must stay within 8 x the best at n. Linear work gives a
ratio near 4, a per-finding re-walk of the whole file (quadratic) near 16: the bar sits between
them with room for a busy machine on either side.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wfc_server.review.engine import _write_sources
from wfc_server.review.model import ROLES, AnalysisInput
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.stages import prepare, run_reviewer_task

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

#: 111 bytes that promise a file of 300,000,000 lines.
FAR_HUNK_DIFF = (
    "diff --git a/a.py b/a.py\n"
    "--- a/a.py\n"
    "+++ b/a.py\n"
    "@@ -300000000,1 +300000000,1 @@\n"
    "-x = 1\n"
    "+x = 2\n"
)
MEMORY_CEILING_BYTES = 1024 * 1024 * 1024


def test_a_far_hunk_is_refused_at_submit_and_skipped_by_the_engine_under_a_memory_ceiling() -> None:
    """Under an address-space ceiling of 1 GiB (the interpreter takes ~100 MB of it) the 111-byte
    diff is rejected by submit validation and, if it reaches the engine anyway (a review stored
    before this check), its file is skipped without building 300 million lines."""
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CEILING_BYTES}, {MEMORY_CEILING_BYTES}))
        from wfc_server.review.diff import validate_diff
        from wfc_server.review.model import DiffValidationError
        from wfc_server.review.stages import prepare
        diff = sys.stdin.read()
        try:
            validate_diff(diff)
        except DiffValidationError as exc:
            print("refused:", exc)
        else:
            print("accepted")
        prepared = prepare(diff, (), 500, 1_000_000)
        print("files:", len(prepared.files), "skipped:", prepared.skipped)
        """
    )
    assert len(FAR_HUNK_DIFF.encode()) <= 111
    proc = subprocess.run([sys.executable, "-c", script], input=FAR_HUNK_DIFF, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("refused:") and "beyond line" in lines[0], lines
    assert lines[1].startswith("files: 0") and "reach line 300,000,000" in lines[1], lines


def _undefined_names(n: int) -> tuple[str, str]:
    return "names.py", "".join(f"value_{i} = missing_name_{i}\n" for i in range(n))


def _deep_nesting(n: int) -> tuple[str, str]:
    return "nested.js", "function f(x) {\n" + "if (x) {\n" * n + "x++;\n" + "}\n" * n + "}\n"


def _as_diff(path: str, text: str) -> str:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return (f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,{len(lines)} @@\n{body}")


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the analyzers' subprocesses).

    CPU time, not wall time: other work on a loaded machine stretches wall time unevenly
    between the n and 4n runs, but not the work this review itself does."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _review_seconds(path: str, text: str) -> float:
    """Best of three: prepare the diff and run every reviewer on it, as one worker would."""
    best = float("inf")
    comment = "#" if path.endswith(".py") else "//"
    for attempt in range(3):
        # A different first line each time: the workers' per-text analysis caches must not
        # turn the second and third runs into cache hits.
        unique = f"{comment} run {attempt} {time.perf_counter_ns()}\n{text}"
        started = _cpu_seconds()
        prepared = prepare(_as_diff(path, unique), (), 500, 1_000_000)
        with tempfile.TemporaryDirectory() as workdir:
            _write_sources(prepared.files, Path(workdir))
            inp = AnalysisInput(files=prepared.files, workdir=workdir, mode="diff")
            for role in ROLES:
                run_reviewer_task(run_reviewer, role, inp, 5)
        best = min(best, _cpu_seconds() - started)
    return best


@pytest.mark.parametrize(("generator", "n"), [(_undefined_names, 1000), (_deep_nesting, 750)],
                         ids=["undefined-names", "deep-nesting"])
def test_review_time_grows_near_linearly(generator: Callable[[int], tuple[str, str]], n: int) -> None:
    _review_seconds(*generator(50))  # imports and analyzer start-up are not the input's cost
    single = _review_seconds(*generator(n))
    quadruple = _review_seconds(*generator(4 * n))
    assert quadruple <= 8 * single, (
        f"n={n}: {single:.2f}s, 4n: {quadruple:.2f}s ({quadruple / single:.1f}x)")
