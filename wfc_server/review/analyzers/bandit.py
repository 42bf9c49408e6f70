"""Run bandit in-process on Python source text.

The CLI costs a process start and a re-read of every file; the library visits a string we
already hold. The result is bandit's own judgement, unfiltered: the security reviewer decides
which results survive (see ``reviewers/security.py``).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from bandit.core import config as b_config
from bandit.core import manager as b_manager

from wfc_server.review.model import AnalyzerError


@dataclass(frozen=True, slots=True)
class BanditIssue:
    test_id: str
    test_name: str
    line: int
    end_line: int
    column: int | None
    severity: str  # LOW | MEDIUM | HIGH
    confidence: str
    cwe: int | None
    text: str


class BanditRunner:
    """One bandit manager reused across the files of a review (its setup loads all plugins)."""

    def __init__(self, tests: frozenset[str] = frozenset()) -> None:
        """``tests``: the bandit test ids to run (all when empty); fewer tests, faster visits."""
        # bandit logs every unknown word after "nosec" and every module it cannot name; that is
        # noise in a service log.
        logging.getLogger("bandit").setLevel(logging.ERROR)
        try:
            self._config = b_config.BanditConfig()
            self._profile = {"include": sorted(tests)} if tests else {}
            mgr = b_manager.BanditManager(self._config, "file", profile=self._profile)
            self._tests = mgr.b_ts
        except Exception as exc:  # a broken bandit install must fail the review, loudly
            raise AnalyzerError(f"analyzer bandit could not start: {exc}") from None

    def scan(self, path: str, text: str) -> list[BanditIssue] | None:
        """Issues for one file, or None when bandit could not parse it (syntax it does not know)."""
        mgr = b_manager.BanditManager(self._config, "file", profile=self._profile)
        data = text.encode("utf-8")
        mgr._parse_file(path, io.BytesIO(data), [path])  # noqa: SLF001 - the in-memory entry point
        if mgr.skipped:
            return None
        out = []
        for issue in mgr.results:
            lines = [n for n in (issue.linerange or []) if isinstance(n, int)] or [issue.lineno]
            cwe = getattr(issue.cwe, "id", None)
            out.append(BanditIssue(
                test_id=issue.test_id,
                test_name=issue.test,
                line=int(issue.lineno),
                end_line=int(max(lines)),
                column=getattr(issue, "col_offset", None),
                severity=str(issue.severity),
                confidence=str(issue.confidence),
                cwe=int(cwe) if isinstance(cwe, int) and cwe > 0 else None,
                text=str(issue.text),
            ))
        return out
