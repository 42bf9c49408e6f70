"""Engine overhead benchmark: a 2,000-added-line diff over 20 Python files.

Prints the warm review time (median of several runs after a warm-up) and its ratio to running
the same reviewers directly, one after another, on the same files in this process. Targets:
under 1 s warm on 2 cores, ratio <= 1.5. Run: ``.venv/bin/python bench/engine.py``.
"""

from __future__ import annotations

import asyncio
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from wfc_server.review.engine import ReviewEngine
from wfc_server.review.languages import is_test_path, language_for_path
from wfc_server.review.model import (
    ROLES,
    AnalysisInput,
    Progress,
    ReviewRequest,
    SourceFile,
)
from wfc_server.review.reviewers import run_reviewer
from wfc_server.review.settings import EngineSettings, PoolSettings

FILES = 20
LINES_PER_FILE = 100
RUNS = 7

_TEMPLATE = '''"""Orders service module {n}: persistence, pricing and notification helpers."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)
DEFAULT_LIMIT = {n}


@dataclass
class Order{n}:
    order_id: int
    customer: str
    items: list[dict[str, float]] = field(default_factory=list)
    status: str = "new"

    def total(self) -> float:
        amount = 0.0
        for item in self.items:
            amount += item["price"] * item.get("quantity", 1)
        return round(amount, 2)

    def to_json(self) -> str:
        return json.dumps({{"id": self.order_id, "customer": self.customer, "total": self.total()}})


class OrderRepository{n}:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path))

    def find_by_customer(self, customer: str) -> list[tuple]:
        query = "SELECT * FROM orders WHERE customer = '" + customer + "'"
        return self.conn.execute(query).fetchall()

    def find(self, order_id: int) -> tuple | None:
        cur = self.conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,))
        return cur.fetchone()

    def save(self, order: Order{n}) -> None:
        try:
            self.conn.execute(
                "INSERT INTO orders (id, customer, status) VALUES (?, ?, ?)",
                (order.order_id, order.customer, order.status),
            )
            self.conn.commit()
        except Exception:
            pass

    def export(self, target: str) -> None:
        subprocess.call("tar czf " + target + " orders.db", shell=True)


def load_orders(path: Path, limit: int = DEFAULT_LIMIT) -> list[Order{n}]:
    orders = []
    with open(path) as fh:
        for line in fh:
            data = json.loads(line)
            orders.append(Order{n}(data["id"], data["customer"], data.get("items", [])))
            if len(orders) >= limit:
                break
    return orders


def price_report(orders: list[Order{n}]) -> dict[str, float]:
    report: dict[str, float] = {{}}
    for order in orders:
        for other in orders:
            if other.customer == order.customer and other is not order:
                report[order.customer] = report.get(order.customer, 0.0) + other.total()
    return report


def notify(order: Order{n}, channel: str = "email") -> bool:
    if channel == "email":
        log.info("mail sent for %s", order.order_id)
        return True
    elif channel == "sms":
        log.info("sms sent for %s", order.order_id)
        return True
    else:
        log.warning("unknown channel %s", channel)
        return False


def apply_discount(order: Order{n}, percent: float) -> float:
    if percent < 0 or percent > 100:
        raise ValueError("percent out of range")
    total = order.total()
    discounted = total - total * percent / 100
    log.debug("discount %s -> %s", total, discounted)
    return discounted
'''


def make_files() -> dict[str, str]:
    files = {}
    for n in range(FILES):
        text = _TEMPLATE.format(n=n)
        lines = text.split("\n")[:LINES_PER_FILE]
        while len(lines) < LINES_PER_FILE:
            lines.append(f"# padding line {len(lines)}")
        files[f"shop/orders_{n:02d}.py"] = "\n".join(lines) + "\n"
    return files


def make_diff(files: dict[str, str]) -> str:
    parts = []
    for path, text in files.items():
        lines = text.rstrip("\n").split("\n")
        body = "".join(f"+{line}\n" for line in lines)
        parts.append(
            f"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n"
            f"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{len(lines)} @@\n{body}"
        )
    return "".join(parts)


def direct_once(files: dict[str, str], workdir: Path) -> float:
    """Time the reviewers run directly, one after another, on the same whole files."""
    sources = []
    for path, text in files.items():
        disk = workdir / path
        disk.parent.mkdir(parents=True, exist_ok=True)
        disk.write_text(text)
        sources.append(SourceFile(
            path=path, language=language_for_path(path), text=text,
            added_lines=frozenset(range(1, text.count("\n") + 1)), disk_path=str(disk),
            is_test=is_test_path(path), mode="diff", complete=True,
        ))
    inp = AnalysisInput(files=sources, workdir=str(workdir), mode="diff")
    started = time.perf_counter()
    for role in available_roles():
        run_reviewer(role, inp)
    return time.perf_counter() - started


def available_roles() -> list[str]:
    return [r for r in ROLES if importlib.util.find_spec(f"wfc_server.review.reviewers.{r}")]


async def engine_runs(diff: str, data_dir: Path) -> tuple[list[float], int]:
    roles = tuple(available_roles())
    engine = ReviewEngine(engine=EngineSettings(), pool=PoolSettings(), data_dir=data_dir,
                          roles=roles)
    started = time.perf_counter()
    await engine.start()
    print(f"engine start (warm pool of {len(engine.worker_pids())} workers): "
          f"{time.perf_counter() - started:.3f} s")

    async def progress(step: Progress) -> None:
        return None

    times: list[float] = []
    findings = 0
    try:
        for i in range(RUNS + 1):
            started = time.perf_counter()
            result = await engine.review(
                ReviewRequest(review_id=f"bench-{i}", project_id="bench", diff_content=diff),
                progress,
            )
            if i == 0:
                print(f"first review after start: {time.perf_counter() - started:.3f} s")
            else:  # the first run is the warm-up
                times.append(time.perf_counter() - started)
            findings = len(result.findings)
    finally:
        await engine.close()
    return times, findings


def main() -> None:
    files = make_files()
    diff = make_diff(files)
    added = sum(1 for line in diff.split("\n") if line.startswith("+") and not line.startswith("+++"))
    roles = available_roles()
    print(f"diff: {len(files)} files, {added} added lines, {len(diff)} bytes")
    print(f"reviewers present: {', '.join(roles) or 'none'}"
          + ("" if len(roles) == len(ROLES) else " (others not written yet)"))
    with tempfile.TemporaryDirectory(prefix="wfc-bench-") as tmp:
        times, findings = asyncio.run(engine_runs(diff, Path(tmp) / "data"))
        direct_once(files, Path(tmp) / "direct-warmup")
        direct = [direct_once(files, Path(tmp) / f"direct-{i}") for i in range(RUNS)]
    warm = statistics.median(times)
    baseline = statistics.median(direct)
    ratio = warm / baseline if baseline > 0 else float("inf")
    print(f"engine warm review: median {warm:.3f} s over {RUNS} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); {findings} findings")
    print(f"reviewers run directly, sequentially: median {baseline:.3f} s")
    print(f"overhead ratio: {ratio:.2f} (target <= 1.5); warm target < 1 s: "
          f"{'met' if warm < 1.0 else 'NOT met'}")
    from bench.harness import save_results

    saved = save_results("engine", {
        "files": len(files), "added_lines": added, "reviewers": roles, "runs": RUNS,
        "warm_median_s": round(warm, 3), "warm_min_s": round(min(times), 3),
        "warm_max_s": round(max(times), 3), "direct_median_s": round(baseline, 3),
        "overhead_ratio": round(ratio, 2), "findings": findings,
    })
    print(f"saved {saved}")


if __name__ == "__main__":
    main()
