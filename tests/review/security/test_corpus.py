"""Score the security reviewer on its labelled corpus (tests/review/corpus/security)."""

from __future__ import annotations

from pathlib import Path

from tests.review.corpus_eval import CORPUS, score_corpus


def test_corpus_has_enough_cases() -> None:
    files = [p for p in (CORPUS / "security").rglob("*") if p.is_file()]
    languages = {p.relative_to(CORPUS / "security").parts[0] for p in files}
    assert len(files) >= 60
    assert {"python", "javascript", "typescript", "go", "java", "sql"} <= languages


def test_security_corpus_scores(tmp_path: Path) -> None:
    score = score_corpus("security", tmp_path, roles=("security",))
    print(score.report())
    assert score.defects >= 60
    assert score.recall >= 0.85
    assert score.high_clean_rate <= 0.05
    assert score.medium_per_100_clean_lines <= 2.0
