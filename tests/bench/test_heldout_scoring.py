"""The held-out scorer's matching rule and the corpus rebuild: strict, and checked by hash."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from bench import corpora, heldout

CWES = {"sqli": [89], "path": [22]}
SQLI = {"lines": [[10, 12]], "class": "sqli", "role": "security", "severity": "high"}
NULL = {"lines": [[40, 40]], "class": "null", "role": "correctness", "severity": "medium"}


def finding(
    line: int, category: str = "security", cwe: str | None = "CWE-89", severity: str = "high"
) -> dict:
    return {"line": line, "category": category, "cwe": cwe, "severity": severity}


def test_security_defect_needs_a_finding_of_its_class_near_its_lines() -> None:
    assert heldout.matches(finding(11), SQLI, CWES)
    assert heldout.matches(finding(15), SQLI, CWES)  # within the 3-line window
    assert not heldout.matches(finding(16), SQLI, CWES)  # one past it
    assert not heldout.matches(finding(11, cwe="CWE-22"), SQLI, CWES)  # another class
    assert not heldout.matches(finding(11, category="correctness"), SQLI, CWES)
    assert not heldout.matches(finding(11, severity="info"), SQLI, CWES)


def test_ordinary_bug_needs_a_correctness_reliability_or_performance_finding() -> None:
    assert heldout.matches(finding(40, category="reliability", cwe=None), NULL, CWES)
    assert not heldout.matches(finding(40, category="maintainability", cwe=None), NULL, CWES)
    assert not heldout.matches(finding(40, category="security"), NULL, CWES)


def test_any_finding_anywhere_does_not_count() -> None:
    case = heldout.HeldoutCase(
        "py/d1/a.py", "heldout1", "x\n" * 60, "src/a.py", "py", "pre-fix", [SQLI, NULL]
    )
    clean = heldout.HeldoutCase("py/c1/b.py", "heldout1", "y\n" * 100, "src/b.py", "py", "clean")
    noisy = [finding(30), finding(50, category="reliability", cwe=None)]
    figures, _ = heldout.score_heldout(
        [case, clean], {case.rel: noisy, clean.rel: [finding(3, severity="medium")]}, CWES
    )
    assert figures["recall"] == 0.0
    assert figures["defect_files_with_any_finding"] == 1.0
    assert figures["clean_files_with_high"] == 0
    assert figures["medium_plus_per_100_clean_lines"] == 1.0


def test_owasp_score_is_tpr_minus_fpr_per_category_and_averaged() -> None:
    def case(name: str, category: str, real: bool) -> heldout.HeldoutCase:
        return heldout.HeldoutCase(
            name, "owasp_python", "", name, "py", "owasp", category=category, real=real
        )

    cases = [
        case("a", "sqli", True),
        case("b", "sqli", True),
        case("c", "sqli", False),
        case("d", "xss", True),
        case("e", "xss", False),
    ]
    hit = [finding(1)]
    xss = [finding(1, cwe="CWE-79")]
    figures, _ = heldout.score_owasp(cases, {"a": hit, "b": [], "c": hit, "d": xss, "e": []})
    assert figures["categories"]["sqli"] == {"tpr": 0.5, "fpr": 1.0, "score": -0.5, "cases": 3}
    assert figures["categories"]["xss"]["score"] == 1.0
    assert figures["average_tpr_minus_fpr"] == 0.25


def test_parts_keep_upstream_lines_cut_lines_and_local_text() -> None:
    upstream = b"one\ntwo long line\nthree\nfour\n"
    parts = [[1, 1], ["cut", 2, 3, "\n"], "# ours\n", [4, 4]]
    assert corpora.assemble(upstream, parts) == b"one\ntwo\n# ours\nfour\n"
    assert corpora.assemble(upstream, None) == upstream


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, str]:
    """A bare clone laid out as ``<mirrors>/<owner>+<name>/repo`` holding one file."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "f.py").write_text("a = 1\nb = 2\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "add", "f.py"], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "c"], check=True)
    commit = subprocess.run(
        ["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    mirrors = tmp_path / "mirrors"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / "o+r" / "repo")], check=True)
    return mirrors, commit


def test_rebuild_writes_files_that_match_their_hash_and_refuses_others(
    clone: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirrors, commit = clone
    good = {
        "file": "x/f.py",
        "repo": "o/r",
        "path": "f.py",
        "commit": commit,
        "parts": [[2, 2]],
        "sha256": hashlib.sha256(b"b = 2\n").hexdigest(),
    }
    bad = {**good, "file": "x/g.py", "parts": None, "sha256": "0" * 64}
    missing = {**good, "file": "x/h.py", "repo": "o/absent"}
    manifest = tmp_path / "MANIFEST.json"
    manifest.write_text(json.dumps({"files": [good, bad, missing]}))
    monkeypatch.setattr(corpora, "CORPORA", {"t": (manifest, "held-out")})
    monkeypatch.setattr(corpora, "EXTERNAL", tmp_path / "external")
    outcomes = {o.file: o for o in corpora.rebuild("t", mirrors)}
    assert outcomes["x/f.py"].ok
    assert (tmp_path / "external" / "t" / "x" / "f.py").read_bytes() == b"b = 2\n"
    assert not outcomes["x/g.py"].ok and "sha256" in outcomes["x/g.py"].reason
    assert not outcomes["x/h.py"].ok and "no local clone" in outcomes["x/h.py"].reason
    assert not (tmp_path / "external" / "t" / "x" / "g.py").exists()
    with pytest.raises(SystemExit, match="corpora.py rebuild"):
        corpora.require("t")


def test_an_unreviewed_pre_fix_file_is_a_miss_and_an_unreviewed_clean_file_is_left_out() -> None:
    case = heldout.HeldoutCase("py/d1/a.py", "heldout1", "x\n", "src/a.py", "py", "pre-fix", [SQLI])
    clean = heldout.HeldoutCase("py/c1/b.py", "heldout1", "y\n", "src/b.py", "py", "clean")
    figures, _ = heldout.score_heldout([case, clean], {}, CWES)
    assert (figures["found"], figures["defects"], figures["clean_files"]) == (0, 1, 0)


BUG_CLASSES = {"null", "bounds", "resource", "unchecked-error", "race", "overflow", "logic"}


def _repos(corpus: str) -> set[str]:
    return {e["repo"].lower() for e in corpora.manifest_entries(corpus) if e.get("repo")}


@pytest.mark.parametrize("name", heldout.DEFECT_SETS)
def test_a_held_out_set_shares_no_repository_with_any_other_corpus(name: str) -> None:
    own = _repos(name)
    assert own
    for other in corpora.CORPORA:
        if other != name:
            assert not own & _repos(other), f"{name} reuses {sorted(own & _repos(other))} from {other}"


@pytest.mark.parametrize("name", heldout.DEFECT_SETS)
def test_every_pre_fix_file_has_a_well_formed_label_and_no_clean_file_has_one(name: str) -> None:
    manifest_path = corpora.CORPORA[name][0]
    manifest = json.loads(manifest_path.read_text())
    labels = json.loads(manifest_path.with_name("labels.json").read_text())
    security = set(manifest["security_class_cwes"])
    for entry in manifest["files"]:
        assert entry["language"] in heldout.LANGUAGES
        assert len(entry["commit"]) == 40 and len(entry["sha256"]) == 64 and entry["license"]
        defects = labels.get(entry["file"], [])
        if entry["kind"] == "clean":
            assert not defects, entry["file"]
            continue
        assert entry["kind"] == "pre-fix" and len(entry["fix_commit"]) == 40 and defects
        for defect in defects:
            allowed = security if defect["role"] == "security" else BUG_CLASSES
            assert defect["class"] in allowed, (entry["file"], defect["class"])
            assert all(1 <= lo <= hi for lo, hi in defect["lines"])
    assert set(labels) <= {e["file"] for e in manifest["files"]}
