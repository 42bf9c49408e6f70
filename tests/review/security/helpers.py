"""Shared helpers for the security rule tests: run the reviewer, compare findings by line."""

from __future__ import annotations

from pathlib import Path

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.reviewers.security import run
from wfc_server.review.rules import Severity
from wfc_server.review.security.lang_rules import analyse_language

Found = set[tuple[int, str, str]]  # (line, concept, severity)
RANK = {s.value: s.rank for s in Severity}


def py(src: str, tmp_path: Path, name: str = "app.py") -> Found:
    out = run(whole_file_input({name: src}, tmp_path))
    return {(f.line, f.concept, f.severity) for f in out.findings}


def lang(language: str, text: str) -> Found:
    suffix = {"javascript": ".js", "typescript": ".ts", "go": ".go", "java": ".java"}[language]
    return {(f.line, f.concept, f.severity) for f in analyse_language("src/app" + suffix, language, text, False)}


def at_least(found: Found, line: int, concept: str, severity: str) -> bool:
    return any(f[0] == line and f[1] == concept and RANK[f[2]] >= RANK[severity] for f in found)


def medium_plus(found: Found) -> Found:
    return {f for f in found if RANK[f[2]] >= RANK["medium"]}


def on_line(found: Found, line: int, min_severity: str = "low") -> Found:
    return {f for f in found if f[0] == line and RANK[f[2]] >= RANK[min_severity]}
