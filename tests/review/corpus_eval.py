"""Score the reviewers against the labelled corpus in ``tests/review/corpus``.

Corpus format: one realistic source file per case under ``corpus/<group>/<lang>/``. A defect is
labelled by a comment on its line that contains ``wfc-expect: <role> <severity>`` (any comment
syntax: ``# wfc-expect: security high``, ``// wfc-expect: reliability medium``, ``-- ...``).
A file with no label is clean: every medium-or-worse finding in it is a false alarm. Trap files
(safe look-alikes) are simply clean files.

Matching mirrors the held-out acceptance rules: a finding matches a defect when it is in the same
file within 2 lines, its category is the defect's role (correctness and reliability stand in for
each other; reliability for performance), and its severity is at most one level below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from wfc_server.review.languages import is_test_path, language_for_path
from wfc_server.review.model import ROLES, SEVERITIES, AnalysisInput, RawFinding, SourceFile
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.rules import Severity

CORPUS = Path(__file__).parent / "corpus"
_LABEL = re.compile(r"wfc-expect:\s*(\w+)\s+(\w+)")
_STAND_INS = {
    "correctness": {"correctness", "reliability"},
    "reliability": {"reliability", "correctness"},
    "performance": {"performance", "reliability"},
}
_RANK = {s.value: s.rank for s in Severity}  # info=0 ... critical=4


@dataclass
class Defect:
    file: str
    line: int
    role: str
    severity: str


@dataclass
class CorpusScore:
    defects: int = 0
    found: int = 0
    clean_files: int = 0
    clean_files_with_high: int = 0
    clean_lines: int = 0
    clean_medium_plus: int = 0
    missed: list[Defect] = field(default_factory=list)
    false_alarms: list[RawFinding] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.defects if self.defects else 1.0

    @property
    def high_clean_rate(self) -> float:
        return self.clean_files_with_high / self.clean_files if self.clean_files else 0.0

    @property
    def medium_per_100_clean_lines(self) -> float:
        return 100.0 * self.clean_medium_plus / self.clean_lines if self.clean_lines else 0.0

    def report(self) -> str:
        lines = [
            f"recall {self.recall:.2f} ({self.found}/{self.defects}); clean files with high+ "
            f"{self.clean_files_with_high}/{self.clean_files} ({self.high_clean_rate:.1%}); "
            f"medium+ per 100 clean lines {self.medium_per_100_clean_lines:.2f}",
        ]
        lines += [f"  missed {d.file}:{d.line} {d.role} {d.severity}" for d in self.missed]
        lines += [
            f"  false alarm {f.file}:{f.line} {f.reviewer} {f.severity} {f.rule_id}"
            for f in self.false_alarms
        ]
        return "\n".join(lines)


def whole_file_input(files: dict[str, str], workdir: Path) -> AnalysisInput:
    """An AnalysisInput as the engine builds it for files a diff adds whole (diff mode)."""
    sources = []
    for rel, text in files.items():
        disk = workdir / rel
        disk.parent.mkdir(parents=True, exist_ok=True)
        disk.write_text(text, encoding="utf-8")
        count = text.count("\n") + (0 if text.endswith("\n") else 1)
        sources.append(
            SourceFile(
                path=rel,
                language=language_for_path(rel),
                text=text,
                added_lines=frozenset(range(1, count + 1)),
                disk_path=str(disk),
                is_test=is_test_path(rel),
                mode="diff",
                complete=True,
            )
        )
    return AnalysisInput(files=sources, workdir=str(workdir), mode="diff")


def run_all_reviewers(inp: AnalysisInput, roles: tuple[str, ...] = ROLES) -> list[RawFinding]:
    findings: list[RawFinding] = []
    for role in roles:
        findings.extend(run_reviewer(role, inp).findings)
    return findings


def labels(text: str, rel: str) -> list[Defect]:
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LABEL.search(line)
        if match:
            role, severity = match.group(1), match.group(2)
            assert role in ROLES and severity in SEVERITIES, f"bad label {rel}:{number}"
            out.append(Defect(rel, number, role, severity))
    return out


def _matches(finding: RawFinding, defect: Defect) -> bool:
    if finding.file != defect.file or finding.line is None:
        return False
    if abs(finding.line - defect.line) > 2:
        return False
    if finding.reviewer not in _STAND_INS.get(defect.role, {defect.role}):
        return False
    return _RANK[finding.severity] >= _RANK[defect.severity] - 1


def score_corpus(group: str, workdir: Path, roles: tuple[str, ...] = ROLES) -> CorpusScore:
    """Run every case of ``corpus/<group>`` through the reviewers and score it."""
    score = CorpusScore()
    for case in sorted((CORPUS / group).rglob("*")):
        if not case.is_file():
            continue
        rel = str(case.relative_to(CORPUS / group))
        text = case.read_text(encoding="utf-8")
        inp = whole_file_input({rel: text}, workdir / group.replace("/", "_"))
        findings = run_all_reviewers(inp, roles)
        defects = labels(text, rel)
        if defects:
            score.defects += len(defects)
            for defect in defects:
                if any(_matches(f, defect) for f in findings):
                    score.found += 1
                else:
                    score.missed.append(defect)
        else:
            score.clean_files += 1
            score.clean_lines += text.count("\n") + 1
            serious = [f for f in findings if _RANK[f.severity] >= _RANK["medium"]]
            score.clean_medium_plus += len(serious)
            if any(_RANK[f.severity] >= _RANK["high"] for f in serious):
                score.clean_files_with_high += 1
            score.false_alarms.extend(serious)
    return score
