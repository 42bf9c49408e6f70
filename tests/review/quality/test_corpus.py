"""Score the four quality reviewers against the labelled corpus in corpus/quality/."""

from __future__ import annotations

from pathlib import Path

from tests.review import corpus_eval

ROLES = ("correctness", "performance", "maintainability", "reliability")


def test_quality_corpus_meets_targets(tmp_path: Path) -> None:
    score = corpus_eval.score_corpus("quality", tmp_path, roles=ROLES)
    print(score.report())
    assert score.defects >= 120
    assert score.clean_files >= 30
    assert score.recall >= 0.85, score.report()
    assert score.high_clean_rate <= 0.05, score.report()
    assert score.medium_per_100_clean_lines <= 2.0, score.report()


def test_corpus_covers_every_language() -> None:
    root = corpus_eval.CORPUS / "quality"
    for lang in ("python", "javascript", "typescript", "go", "java"):
        files = [p for p in (root / lang).iterdir() if p.is_file()]
        clean = [p for p in files if "wfc-expect:" not in p.read_text(encoding="utf-8")]
        assert len(files) >= 8, lang
        assert clean, f"{lang} has no clean files"
