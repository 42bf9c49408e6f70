"""Third held-out-style evaluation: ``bench/eval.py`` run over ``bench/eval_corpus3/``.

    .venv/bin/python bench/eval3.py [--only real|snippets|lookalike] [--workers 4] [--check]

Why: the rule authors tuned the engine against ``bench/eval_corpus/`` and
``bench/eval_corpus2/``, so neither measures generalisation; this reuses the same machinery and scoring on a corpus drawn from different
sources. Results are saved as ``bench/results/eval3-<stamp>.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import eval as base_eval
from bench.harness import save_results

CORPUS3 = Path(__file__).resolve().parent / "eval_corpus3"


def _save_as_eval3(name: str, figures: dict[str, Any]) -> Path:
    """Keep results of this corpus apart from the other corpora's (``eval3-*`` not ``eval-*``)."""
    del name
    return save_results("eval3", figures)


def main() -> None:
    base_eval.CORPUS = CORPUS3
    base_eval.save_results = _save_as_eval3
    base_eval.main()


if __name__ == "__main__":
    main()
