"""Fourth held-out-style evaluation: ``bench/eval.py`` run over ``bench/eval_corpus4/``.

    .venv/bin/python bench/eval4.py [--only real|snippets|lookalike] [--workers 4] [--check]

Why: the rule authors tuned the engine against ``bench/eval_corpus{,2,3}/``, so none of them
measures generalisation any more; this reuses the same machinery and scoring on a corpus drawn
from different sources, weighted towards non-security defects and non-Python languages. Results are saved as ``bench/results/eval4-<stamp>.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import eval as base_eval
from bench.harness import save_results

CORPUS4 = Path(__file__).resolve().parent / "eval_corpus4"


def _save_as_eval4(name: str, figures: dict[str, Any]) -> Path:
    """Keep results of this corpus apart from the other corpora's (``eval4-*`` not ``eval-*``)."""
    del name
    return save_results("eval4", figures)


def main() -> None:
    base_eval.CORPUS = CORPUS4
    base_eval.save_results = _save_as_eval4
    base_eval.main()


if __name__ == "__main__":
    main()
