"""Line-level security checks: a crash in one check is reported, never hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.reviewers.security import run
from wfc_server.review.security import line_checks as module

PREFIX_CHECK = (
    "import os\n\n\n"
    "def resolve(root, name):\n"
    "    base = os.path.realpath(root)\n"
    "    target = os.path.realpath(os.path.join(base, name))\n"
    "    if not target.startswith(base):\n"
    "        raise PermissionError(name)\n"
    "    return target\n"
)


def _broken(source: SourceFile) -> list[RawFinding]:
    raise RuntimeError("boom")


def test_a_failing_check_is_named_and_the_others_still_report(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    monkeypatch.setattr(module, "CHECKS", (_broken, *module.CHECKS))
    out = run(whole_file_input({"app/files.py": PREFIX_CHECK}, tmp_path))
    assert ("app/files.py", "security line checks failed: _broken") in out.skipped
    assert [f.line for f in out.findings if f.rule_id == "WFC-SEC-PATH-PREFIX"] == [7]


def test_clean_file_gets_no_line_check_finding_and_no_skip(tmp_path: Path) -> None:
    text = PREFIX_CHECK.replace("startswith(base)", "startswith(base + os.sep)")
    out = run(whole_file_input({"app/files.py": text}, tmp_path))
    assert not [f for f in out.findings if f.rule_id == "WFC-SEC-PATH-PREFIX"]
    assert not [s for s in out.skipped if "line checks" in s[1]]
