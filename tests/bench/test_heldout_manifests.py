"""The held-out manifests are consistent with their labels and with the scorer's rules.

Why: a held-out set is scored once; a label the scorer cannot match (unknown class, wrong role,
an empty range) or a repository shared with a tuning set would silently spoil that one figure.
These checks read only the committed JSON, so they need no clone and no rebuilt files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import corpora, heldout

BENCH = Path(corpora.__file__).resolve().parent
BUG_CLASSES = {"null", "bounds", "resource", "unchecked-error", "race", "overflow", "logic"}
ENTRY_KEYS = {"file", "repo", "path", "commit", "license", "kind", "language", "sha256"}
HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _load(name: str) -> tuple[dict, dict]:
    manifest_path = corpora.CORPORA[name][0]
    return json.loads(manifest_path.read_text()), json.loads(
        manifest_path.with_name("labels.json").read_text()
    )


def _repos(manifest_path: Path) -> set[str]:
    manifest = json.loads(manifest_path.read_text())
    entries = manifest.get("files") or manifest.get("real") or []
    return {entry["repo"].lower() for entry in entries if entry.get("repo")}


@pytest.mark.parametrize("name", heldout.DEFECT_SETS)
def test_every_entry_has_provenance_and_every_prefix_file_one_scorable_label(name: str) -> None:
    manifest, labels = _load(name)
    cwes = manifest["security_class_cwes"]
    files = [entry["file"] for entry in manifest["files"]]
    assert len(files) == len(set(files)), "file names must be unique"
    assert set(labels) <= set(files), "a label names a file the manifest lacks"
    for entry in manifest["files"]:
        assert ENTRY_KEYS <= set(entry), entry["file"]
        assert HEX40.match(entry["commit"]) and HEX64.match(entry["sha256"]), entry["file"]
        assert entry["language"] in heldout.LANGUAGES and entry["kind"] in {"pre-fix", "clean"}
        assert entry["file"].startswith(f"{entry['language']}/")
        if entry["kind"] == "clean":
            assert entry["file"] not in labels and "fix_commit" not in entry
            continue
        assert HEX40.match(entry["fix_commit"]) and entry["fix_commit"] != entry["commit"]
        for defect in labels[entry["file"]]:
            if defect["role"] == "security":
                assert cwes.get(defect["class"]), f"{entry['file']}: no CWE set for {defect['class']}"
            else:
                assert defect["role"] == "correctness" and defect["class"] in BUG_CLASSES, entry["file"]
            assert defect["lines"] and all(1 <= lo <= hi for lo, hi in defect["lines"]), entry["file"]


@pytest.mark.parametrize("name", heldout.DEFECT_SETS)
def test_held_out_repositories_appear_in_no_other_manifest(name: str) -> None:
    own = corpora.CORPORA[name][0]
    folders = [folder for folder in BENCH.iterdir() if folder.is_dir() and folder != corpora.EXTERNAL]
    others = [path for folder in folders for path in folder.rglob("MANIFEST.json") if path != own]
    shared = _repos(own) & set().union(*(_repos(path) for path in others))
    assert not shared, f"{name} shares repositories with other manifests: {sorted(shared)}"


def test_sets_awaiting_their_first_score_are_only_run_when_named() -> None:
    assert set(heldout.NOT_BY_DEFAULT) <= set(heldout.DEFECT_SETS)
    assert all(name in corpora.CORPORA for name in heldout.SETS)


@pytest.mark.parametrize("name", heldout.NOT_BY_DEFAULT)
def test_a_set_awaiting_its_first_score_covers_every_language_with_security_bugs_and_clean_files(
    name: str,
) -> None:
    manifest, labels = _load(name)
    kinds: dict[str, set[str]] = {language: set() for language in heldout.LANGUAGES}
    for entry in manifest["files"]:
        if entry["kind"] == "clean":
            kinds[entry["language"]].add("clean")
        else:
            kinds[entry["language"]].update(defect["role"] for defect in labels[entry["file"]])
    assert all(seen == {"security", "correctness", "clean"} for seen in kinds.values()), kinds
    assert len({entry["repo"].lower() for entry in manifest["files"]}) >= 12
