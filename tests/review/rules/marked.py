"""Rule fixtures: files whose expected findings are marked on their lines, and how to review them.

A fixture lives in ``fixtures/<role>/<concept>/`` and is named ``bad[_<case>].<ext>`` or
``ok[_<case>].<ext>``. A line that must be flagged carries ``expect: RULE-ID`` in a comment
(several ids separated by commas); ``RULE-ID@high`` also pins the severity and ``RULE-ID@high+``
asks for at least that severity. Where a comment on the line itself would change what is reviewed
(a comment inside an empty block), a comment line ``expect-next: RULE-ID`` marks the line below. A fixture is reviewed as the engine reviews a file a diff adds
whole, under the path ``src/<file name>`` unless a comment ``fixture-path: <path>`` names another
(for rules that depend on the path, such as test code or migrations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.review.corpus_eval import run_all_reviewers, whole_file_input
from wfc_server.review.model import RawFinding
from wfc_server.review.rules import Severity

FIXTURES = Path(__file__).parent / "fixtures"
_EXPECT = re.compile(r"expect(-next)?:\s*(WFC-[A-Z0-9-]+(?:@[a-z]+\+?)?(?:\s*,\s*WFC-[A-Z0-9-]+(?:@[a-z]+\+?)?)*)")
_PATH = re.compile(r"fixture-path:\s*(\S+)")


@dataclass(frozen=True, slots=True)
class Expectation:
    line: int
    rule_id: str
    severity: Severity | None = None
    at_least: bool = False

    def accepts(self, finding: RawFinding) -> bool:
        if finding.rule_id != self.rule_id or finding.line != self.line:
            return False
        if self.severity is None:
            return True
        found = Severity(finding.severity).rank
        return found >= self.severity.rank if self.at_least else found == self.severity.rank


@dataclass(frozen=True, slots=True)
class Fixture:
    path: Path  # on disk
    role: str
    concept: str
    kind: str  # "bad" or "ok"
    language: str
    text: str

    @property
    def review_path(self) -> str:
        match = _PATH.search(self.text)
        return match.group(1) if match else f"src/{self.path.name}"

    @property
    def expectations(self) -> list[Expectation]:
        out = []
        for number, line in enumerate(self.text.splitlines(), start=1):
            match = _EXPECT.search(line)
            if not match:
                continue
            target = number + 1 if match.group(1) else number
            for item in match.group(2).split(","):
                rule_id, _, severity = item.strip().partition("@")
                at_least = severity.endswith("+")
                out.append(Expectation(target, rule_id, Severity(severity.rstrip("+")) if severity else None,
                                       at_least))
        return out

    @property
    def name(self) -> str:
        return f"{self.role}/{self.concept}/{self.path.name}"


def all_fixtures() -> list[Fixture]:
    from wfc_server.review.languages import language_for_path

    out = []
    for path in sorted(FIXTURES.rglob("*")):
        if not path.is_file():
            continue
        role, concept = path.relative_to(FIXTURES).parts[:2]
        kind = path.name.split("_", 1)[0].split(".", 1)[0]
        text = path.read_text(encoding="utf-8")
        fixture = Fixture(path, role, concept, kind, "", text)
        language = language_for_path(fixture.review_path)
        out.append(Fixture(path, role, concept, kind, language, text))
    return out


def review_fixture(fixture: Fixture, workdir: Path) -> list[RawFinding]:
    """Every reviewer's raw findings for the fixture, reviewed as a file a diff adds whole."""
    return run_all_reviewers(whole_file_input({fixture.review_path: fixture.text}, workdir))
