"""Vulnerable files vs safe look-alikes, 14 classes: TPR - FPR by CWE, as the held-out set scores.

Each class folder holds ``vulnerable_*.py`` and ``safe_*.py`` whole files. A file counts as
flagged when any security finding (any severity) carries one of the class's CWEs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.reviewers.security import run

LOOKALIKES = Path(__file__).parent / "lookalikes"
CLASS_CWES: dict[str, set[str]] = {
    "sqli": {"CWE-89"},
    "cmdi": {"CWE-78"},
    "code": {"CWE-94", "CWE-95"},
    "deser": {"CWE-502"},
    "path": {"CWE-22"},
    "ssrf": {"CWE-918"},
    "xss": {"CWE-79", "CWE-1336"},
    "weakhash": {"CWE-916", "CWE-327", "CWE-328"},
    "secret": {"CWE-798"},
    "tls": {"CWE-295"},
    "xxe": {"CWE-611"},
    "tempfile": {"CWE-377"},
    "debug": {"CWE-489"},
    "redirect": {"CWE-601"},
}


def _flagged(path: Path, cwes: set[str], workdir: Path) -> bool:
    rel = f"app/{path.parent.name}/{path.name}"
    out = run(whole_file_input({rel: path.read_text(encoding="utf-8")}, workdir))
    return any(f.cwe in cwes for f in out.findings)


def _class_score(name: str, workdir: Path) -> tuple[float, float, list[str]]:
    folder = LOOKALIKES / name
    vulnerable = sorted(folder.glob("vulnerable_*.py"))
    safe = sorted(folder.glob("safe_*.py"))
    assert vulnerable and safe, f"class {name} needs both kinds of files"
    wrong: list[str] = []
    tp = 0
    for path in vulnerable:
        if _flagged(path, CLASS_CWES[name], workdir):
            tp += 1
        else:
            wrong.append(f"missed {path.name}")
    fp = 0
    for path in safe:
        if _flagged(path, CLASS_CWES[name], workdir):
            fp += 1
            wrong.append(f"flagged {path.name}")
    return tp / len(vulnerable), fp / len(safe), wrong


def test_every_class_has_cases() -> None:
    assert {p.name for p in LOOKALIKES.iterdir() if p.is_dir()} == set(CLASS_CWES)


def test_lookalike_mean_score(tmp_path: Path) -> None:
    scores = []
    for name in sorted(CLASS_CWES):
        tpr, fpr, wrong = _class_score(name, tmp_path)
        scores.append(tpr - fpr)
        print(f"{name:10s} TPR {tpr:.2f} FPR {fpr:.2f} score {tpr - fpr:+.2f} {' '.join(wrong)}")
    mean = sum(scores) / len(scores)
    print(f"mean TPR-FPR {mean:.2f}")
    assert mean >= 0.6


@pytest.mark.parametrize("name", ["sqli", "cmdi", "code", "path"])
def test_dead_and_sanitised_flows_are_not_flagged(name: str, tmp_path: Path) -> None:
    for path in sorted((LOOKALIKES / name).glob("safe_*.py")):
        assert not _flagged(path, CLASS_CWES[name], tmp_path), path.name
