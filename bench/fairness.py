"""Fairness between tenants: one tenant's backlog and large submits against another's service.

    .venv/bin/python bench/fairness.py [--backlog 6] [--seconds 8]

Two figures, each a ratio measured in one run (see tests/proof/tenants.py for the scenarios):

* first-review wait: an attacker queues ``--backlog`` slow reviews on a 2-worker server; a
  victim then submits one small review. Ratio = the victim's wait before its review started /
  the median run time of one attacker review. The bar: <= 1 (one review's run time).
* poll p99: the victim polls its review every 10 ms, alone, then while the attacker (another
  process) submits 1 MiB diffs 3 times a second. Ratio = attacked p99 / baseline p99. The
  bar: <= 3.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import save_results, table
from tests.proof.tenants import first_review_wait, poll_latency_under_submits


async def run(backlog: int, seconds: float) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="wfc-fairness-") as tmp:
        wait = await first_review_wait(Path(tmp) / "wait", backlog=backlog)
        polls = await poll_latency_under_submits(Path(tmp) / "polls", seconds=seconds)
    return {"first_review_wait": wait.as_dict(), "poll_latency": polls.as_dict()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backlog", type=int, default=6, help="slow reviews the attacker queues")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each polling phase")
    args = parser.parse_args()
    figures = asyncio.run(run(args.backlog, args.seconds))
    wait, polls = figures["first_review_wait"], figures["poll_latency"]
    print(table(
        ["figure", "victim", "reference", "ratio", "bar"],
        [
            ("first review wait (s) / one attacker review (s)", round(wait["victim_wait_seconds"], 3),
             round(wait["attacker_run_seconds"], 3), wait["ratio"], "<= 1"),
            ("victim poll p99 (ms) attacked / alone", polls["attacked_p99_ms"], polls["baseline_p99_ms"],
             polls["ratio"], "<= 3"),
        ],
    ))
    print(f"attacker backlog {wait['attacker_backlog']}; 1 MiB submits accepted during polling: "
          f"{polls['attack_submits']}; polls per phase: {polls['polls']}")
    print(f"saved {save_results('fairness', figures)}")


if __name__ == "__main__":
    main()
