"""Held-out evaluation: real code nobody tuned the rules on, scored through the running service.

    .venv/bin/python bench/corpora.py rebuild --corpus heldout1 --corpus heldout2 --corpus heldout3 --corpus heldout4 --corpus owasp_python
    .venv/bin/python bench/heldout.py [--set heldout1] [--set heldout2] [--set heldout3] [--set heldout4] [--set owasp_python] [--workers 4] [--no-bandit]

Why: ``bench/eval*.py`` score the corpora the rules were tuned on (memory, not judgement). The
held-out sets (``bench/heldout/<set>/MANIFEST.json``; the code is rebuilt into the git-ignored
``bench/external/<set>/``) are scored once before any change made because of them, and that
first figure is what ``bench/README.md`` reports first.

Every file becomes a new-file diff under a neutral path (``bench/eval.py``'s ``new_file_diff`` and
``neutral_path``), one review per file, submitted to a freshly started ``python -m wfc_server``.

Scoring rules (strict on purpose: "some finding somewhere in the file" does not count):

* **heldout1 to heldout4, defects.** A defect is labelled with the line ranges its upstream fix changed (in the
  pre-fix file) and a class. It is *found* when one finding in its file (a) lies on a labelled
  line or within ``WINDOW`` (3) lines of a labelled range, (b) is at least ``low`` severity, and
  (c) matches the class: for a security class the finding's category is ``security`` and its CWE
  is in the class's CWE set (``security_class_cwes`` in the manifest); for an ordinary bug class
  (null, bounds, resource, unchecked-error, race, overflow, logic) the category is
  ``correctness``, ``reliability`` or ``performance``. Reported per language and per role, with
  ``near_any``: the share of defects with *any* non-info finding in the window (for context, not
  the score) and ``file_any``: the share of defect files with any finding at all.
* **Unreviewed files.** A review that does not complete (``failed``, or not terminal within the
  client's wait) counts as finding nothing in a pre-fix file; an unreviewed clean file is left out
  of the false-alarm figures. Both are counted in ``run.incomplete`` with their reasons.
* **heldout1 to heldout4, clean files.** False alarms = clean files with a ``high`` or ``critical`` finding;
  noise = ``medium``-or-above findings per 100 clean lines.
* **owasp_python.** A test case is *flagged* when a ``security`` finding (any line) carries a CWE
  of its category's set (``OWASP_CWES``); per category TPR, FPR and TPR - FPR over the sample,
  and the average over categories (the Benchmark's own score).
* **bandit** (peer, optional): plain ``bandit`` on the same Python files, scored by the same rules
  (it has no ordinary-bug checks, so its defect figures cover the security classes only).

Only aggregates go to ``bench/results/heldout-<stamp>.json`` (with the engine version and the git
commit); the per-case outcome stays in the git-ignored ``bench/external/results/`` so a held-out
set stays held out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpora
from bench import eval as base_eval
from bench.harness import ROOT, Server, save_results

SETS = ("heldout1", "heldout2", "heldout3", "heldout4", "owasp_python")
#: Sets of real pre-fix and clean files, scored by ``score_heldout`` (the others are OWASP-style).
DEFECT_SETS = ("heldout1", "heldout2", "heldout3", "heldout4")
#: Sets not yet scored for the first time: only an explicit ``--set`` runs them, so a default run
#: cannot spend their one honest first figure by accident.
NOT_BY_DEFAULT = ("heldout3", "heldout4")
WINDOW = 3
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
BUG_CATEGORIES = {"correctness", "reliability", "performance"}
LANGUAGES = {"py": "python", "js": "javascript/typescript", "go": "go", "java": "java"}
#: OWASP Benchmark category -> CWE ids a finding may carry to flag a test case of that category.
OWASP_CWES: dict[str, set[int]] = {
    "cmdi": {77, 78, 88},
    "codeinj": {94, 95},
    "deserialization": {502},
    "hash": {327, 328, 759, 916},
    "ldapi": {90},
    "pathtraver": {22, 23, 36, 73},
    "redirect": {601},
    "securecookie": {614, 1004},
    "sqli": {89, 564},
    "trustbound": {501},
    "weakrand": {330, 338},
    "xpathi": {643},
    "xss": {79, 80},
    "xxe": {611},
}
PRIVATE_RESULTS = corpora.EXTERNAL / "results"


@dataclass
class HeldoutCase:
    """One file of a held-out set, in the shape ``bench/eval.py``'s reviewer loop expects."""

    rel: str
    corpus: str
    text: str
    submit_path: str
    language: str
    kind: str  # pre-fix | clean | owasp
    defects: list[dict[str, Any]] = field(default_factory=list)
    category: str | None = None
    real: bool = False

    @property
    def lines(self) -> int:
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)


def load_set(name: str) -> tuple[list[HeldoutCase], dict[str, Any]]:
    root = corpora.require(name)
    manifest = json.loads(corpora.CORPORA[name][0].read_text())
    labels_path = corpora.CORPORA[name][0].with_name("labels.json")
    labels = json.loads(labels_path.read_text()) if labels_path.exists() else {}
    cases: list[HeldoutCase] = []
    for entry in manifest["files"]:
        rel = entry["file"]
        text = (root / rel).read_text(encoding="utf-8")
        submit = base_eval.neutral_path(f"{name}/{rel}")
        if name == "owasp_python":
            cases.append(
                HeldoutCase(
                    rel,
                    name,
                    text,
                    submit,
                    "py",
                    "owasp",
                    category=entry["category"],
                    real=bool(entry["real_vulnerability"]),
                )
            )
            continue
        case = HeldoutCase(rel, name, text, submit, entry["language"], entry["kind"])
        case.defects = list(labels.get(rel, []))
        if (case.kind == "pre-fix") != bool(case.defects):
            raise SystemExit(f"{name}/{rel}: pre-fix files need labels, clean files none")
        cases.append(case)
    return cases, manifest


# ---------------------------------------------------------------- matching


def _cwes(value: Any) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", str(value or ""))}


def _in_window(line: Any, ranges: list[list[int]]) -> bool:
    if line is None:
        return False
    n = int(line)
    return any(lo - WINDOW <= n <= hi + WINDOW for lo, hi in ranges)


def matches(finding: dict[str, Any], defect: dict[str, Any], class_cwes: dict[str, list[int]]) -> bool:
    """The strict rule of the module docstring."""
    if not _in_window(finding.get("line"), defect["lines"]):
        return False
    if SEVERITY_RANK.get(str(finding.get("severity")), 0) < SEVERITY_RANK["low"]:
        return False
    if defect["role"] == "security":
        wanted = set(class_cwes.get(defect["class"], []))
        return finding.get("category") == "security" and bool(_cwes(finding.get("cwe")) & wanted)
    return finding.get("category") in BUG_CATEGORIES


def near_any(finding: dict[str, Any], defect: dict[str, Any]) -> bool:
    return (
        _in_window(finding.get("line"), defect["lines"])
        and SEVERITY_RANK.get(str(finding.get("severity")), 0) >= SEVERITY_RANK["low"]
        and finding.get("category") != "maintainability"
    )


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def score_heldout(
    cases: list[HeldoutCase],
    findings: dict[str, list[dict[str, Any]]],
    class_cwes: dict[str, list[int]],
    only_security: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Aggregates (published) and per-case rows (kept private)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    near = file_any = files = 0
    clean_files = clean_high = clean_lines = clean_medium = 0
    clean_by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # files, high, lines, medium+
    private: list[dict[str, Any]] = []
    for case in cases:
        if case.rel not in findings and case.kind != "pre-fix":
            continue  # an unreviewed clean file says nothing about false alarms
        own = findings.get(case.rel, [])  # an unreviewed pre-fix file found nothing
        lang = LANGUAGES[case.language]
        if case.kind == "pre-fix":
            files += 1
            file_any += bool(own)
            for defect in case.defects:
                if only_security and defect["role"] != "security":
                    continue
                hit = any(matches(f, defect, class_cwes) for f in own)
                close = any(near_any(f, defect) for f in own)
                near += close
                for key in ("all", f"language:{lang}", f"role:{defect['role']}", f"class:{defect['class']}"):
                    tally[key][0] += hit
                    tally[key][1] += 1
                private.append({"file": case.rel, "class": defect["class"], "found": hit, "near_any": close})
        else:
            serious = [
                f for f in own if SEVERITY_RANK.get(str(f.get("severity")), 0) >= SEVERITY_RANK["medium"]
            ]
            high = any(SEVERITY_RANK.get(str(f.get("severity")), 0) >= SEVERITY_RANK["high"] for f in serious)
            clean_files += 1
            clean_high += high
            clean_lines += case.lines
            clean_medium += len(serious)
            row = clean_by_lang[lang]
            row[0] += 1
            row[1] += high
            row[2] += case.lines
            row[3] += len(serious)
            private.append({"file": case.rel, "clean_high": high, "medium_plus": len(serious)})
    total = tally["all"]
    return {
        "defects": total[1],
        "found": total[0],
        "recall": _ratio(*total),
        "recall_by_language": {
            k.split(":", 1)[1]: f"{v[0]}/{v[1]}"
            for k, v in sorted(tally.items())
            if k.startswith("language:")
        },
        "recall_by_role": {
            k.split(":", 1)[1]: f"{v[0]}/{v[1]}" for k, v in sorted(tally.items()) if k.startswith("role:")
        },
        "recall_by_class": {
            k.split(":", 1)[1]: f"{v[0]}/{v[1]}" for k, v in sorted(tally.items()) if k.startswith("class:")
        },
        "near_any": _ratio(near, total[1]),
        "defect_files_with_any_finding": _ratio(file_any, files),
        "clean_files": clean_files,
        "clean_files_with_high": clean_high,
        "clean_high_rate": _ratio(clean_high, clean_files),
        "clean_lines": clean_lines,
        "clean_medium_plus": clean_medium,
        "medium_plus_per_100_clean_lines": round(100 * clean_medium / clean_lines, 3)
        if clean_lines
        else None,
        "clean_by_language": {
            k: {
                "files": v[0],
                "with_high": v[1],
                "lines": v[2],
                "medium_plus_per_100": round(100 * v[3] / v[2], 3) if v[2] else None,
            }
            for k, v in sorted(clean_by_lang.items())
        },
    }, private


def score_owasp(
    cases: list[HeldoutCase], findings: dict[str, list[dict[str, Any]]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, positives, fp, negatives
    private = []
    for case in cases:
        if case.rel not in findings or case.category is None:
            continue
        wanted = OWASP_CWES[case.category]
        flagged = any(
            f.get("category") == "security" and _cwes(f.get("cwe")) & wanted for f in findings[case.rel]
        )
        row = per[case.category]
        if case.real:
            row[0] += flagged
            row[1] += 1
        else:
            row[2] += flagged
            row[3] += 1
        private.append({"file": case.rel, "real": case.real, "flagged": flagged})
    categories = {}
    for name, (tp, pos, fp, neg) in sorted(per.items()):
        tpr, fpr = (tp / pos if pos else 0.0), (fp / neg if neg else 0.0)
        categories[name] = {
            "tpr": round(tpr, 3),
            "fpr": round(fpr, 3),
            "score": round(tpr - fpr, 3),
            "cases": pos + neg,
        }
    mean = sum(c["score"] for c in categories.values()) / len(categories) if categories else None
    return {
        "average_tpr_minus_fpr": round(mean, 3) if mean is not None else None,
        "categories": categories,
    }, private


# ---------------------------------------------------------------- running


def engine_findings(
    cases: list[HeldoutCase], workers: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Review every case through a fresh service; findings per case (own file only) and run facts."""
    env = {
        "WFC_RATE_LIMIT_CAPACITY": "1000",
        "WFC_RATE_LIMIT_REFILL_RATE": "1000",
        "WFC_LOG_LEVEL": "warning",
    }
    with (
        tempfile.TemporaryDirectory(prefix="wfc-heldout-") as tmp,
        Server.service(Path(tmp) / "data", env) as server,
    ):
        asyncio.run(server.wait_ready())
        outcomes = asyncio.run(base_eval.review_all(server.url, cases, workers))  # type: ignore[arg-type]
    found: dict[str, list[dict[str, Any]]] = {}
    versions = set()
    incomplete: dict[str, int] = defaultdict(int)
    degraded = 0
    for out in outcomes:
        case: HeldoutCase = out.case  # type: ignore[assignment]
        if out.status != "completed":
            incomplete[f"{out.status}: {out.error}"] += 1
            continue
        degraded += bool(out.degraded)
        versions.add(out.engine_version)
        found[f"{case.corpus}/{case.rel}"] = [f for f in out.findings if f.get("file") == case.submit_path]
    return found, {
        "reviews": len(outcomes),
        "incomplete": sum(incomplete.values()),
        "incomplete_reasons": dict(incomplete),
        "completed_with_a_reviewer_not_ok": degraded,
        "engine_version": sorted(v for v in versions if v) or None,
    }


def bandit_findings(cases: list[HeldoutCase]) -> dict[str, list[dict[str, Any]]]:
    """Plain bandit on the Python cases, as findings in the service's shape."""
    python = [c for c in cases if c.language == "py"]
    if not python:
        return {}
    paths = {str((corpora.external_dir(c.corpus) / c.rel).resolve()): c for c in python}
    bandit = Path(sys.executable).parent / "bandit"
    proc = subprocess.run(
        [str(bandit), "-f", "json", "-q", *paths], capture_output=True, text=True, timeout=600, check=False
    )
    report = json.loads(proc.stdout or "{}")
    out: dict[str, list[dict[str, Any]]] = {f"{c.corpus}/{c.rel}": [] for c in python}
    for result in report.get("results", []):
        case = paths.get(str(Path(result["filename"]).resolve()))
        if case is None:
            continue
        out[f"{case.corpus}/{case.rel}"].append(
            {
                "line": result.get("line_number"),
                "severity": str(result.get("issue_severity", "")).lower(),
                "category": "security",
                "cwe": (result.get("issue_cwe") or {}).get("id"),
                "rule_id": result.get("test_id"),
            }
        )
    return out


def git_commit() -> str:
    proc = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "wfc_server"],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() + ("+dirty-engine" if dirty.stdout.strip() else "")


def _by_set(found: dict[str, list[dict[str, Any]]], name: str) -> dict[str, list[dict[str, Any]]]:
    prefix = f"{name}/"
    return {k[len(prefix) :]: v for k, v in found.items() if k.startswith(prefix)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--set",
        action="append",
        choices=SETS,
        help="default: every held-out set except those in NOT_BY_DEFAULT (heldout3, heldout4)",
    )
    parser.add_argument("--workers", type=int, default=4, help="reviews in flight at once")
    parser.add_argument("--no-bandit", action="store_true", help="skip the bandit peer run")
    parser.add_argument("--check", action="store_true", help="validate the sets and labels only")
    args = parser.parse_args()
    names = args.set or [name for name in SETS if name not in NOT_BY_DEFAULT]
    loaded = {name: load_set(name) for name in names}
    cases = [c for name in names for c in loaded[name][0]]
    if args.check:
        for name in names:
            set_cases = loaded[name][0]
            print(
                f"{name}: {len(set_cases)} files, {sum(len(c.defects) for c in set_cases)} labelled defects"
            )
        return
    print(f"{len(cases)} files: " + ", ".join(f"{n} {len(loaded[n][0])}" for n in names))
    started = time.monotonic()
    found, run = engine_findings(cases, args.workers)
    run["seconds"] = round(time.monotonic() - started, 1)
    peers = {} if args.no_bandit else bandit_findings(cases)

    figures: dict[str, Any] = {"git_commit": git_commit(), "run": run, "window_lines": WINDOW}
    private: dict[str, Any] = {}
    for name in names:
        set_cases, manifest = loaded[name]
        engine = _by_set(found, name)
        bandit = _by_set(peers, name)
        if name == "owasp_python":
            figures[name], private[name] = score_owasp(set_cases, engine)
            if bandit:
                figures[name]["bandit"] = score_owasp(set_cases, bandit)[0]
        else:
            cwes = manifest["security_class_cwes"]
            figures[name], private[name] = score_heldout(set_cases, engine, cwes)
            counts: dict[str, int] = defaultdict(int)
            for c in set_cases:
                for d in c.defects:
                    counts[f"{LANGUAGES[c.language]}/{d['role']}"] += 1
            figures[name]["defect_counts"] = dict(sorted(counts.items()))
            figures[name]["defect_counts_by_class"] = {
                k: int(v.split("/")[1]) for k, v in figures[name]["recall_by_class"].items()
            }
            # per-class recall of a class with one or two cases is a per-case result: kept private
            private[f"{name}_recall_by_class"] = figures[name].pop("recall_by_class")
            if bandit:
                py_cases = [c for c in set_cases if c.language == "py"]
                for who, source in (("bandit", bandit), ("engine", engine)):
                    peer = score_heldout(py_cases, source, cwes, only_security=True)[0]
                    private[f"{name}_{who}_python_security_recall_by_class"] = peer.pop("recall_by_class")
                    figures[name][f"{who}_python_security_only"] = peer
    print_figures(figures, names)
    saved = save_results("heldout", figures)
    PRIVATE_RESULTS.mkdir(parents=True, exist_ok=True)
    private_path = PRIVATE_RESULTS / f"heldout-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    private_path.write_text(
        json.dumps({"figures": figures, "cases": private, "findings": found}, indent=1) + "\n"
    )
    print(f"\nsaved {saved} (aggregates); per-case outcome in {private_path} (git-ignored)")


def print_figures(figures: dict[str, Any], names: list[str]) -> None:
    run = figures["run"]
    print(
        f"\nengine {run['engine_version']} at {figures['git_commit'][:12]}: {run['reviews']} reviews in {run['seconds']}s, "
        f"{run['incomplete']} not completed, {run['completed_with_a_reviewer_not_ok']} with a reviewer not ok"
    )
    for reason, count in run["incomplete_reasons"].items():
        print(f"   not completed x{count}: {reason}")
    for set_name in (n for n in names if n in DEFECT_SETS):
        h = figures[set_name]
        print(
            f"\n== {set_name}: recall {h['recall']} ({h['found']}/{h['defects']}) [issue bar >= 0.50]; by language "
            f"{h['recall_by_language']} [each >= 0.35]; by role {h['recall_by_role']}"
        )
        print(
            f"   any finding within {WINDOW} lines: {h['near_any']}; defect files with any finding: {h['defect_files_with_any_finding']}"
        )
        print(
            f"   clean files with high+: {h['clean_files_with_high']}/{h['clean_files']} ({h['clean_high_rate']}) [<= 0.05]; "
            f"medium+ per 100 clean lines {h['medium_plus_per_100_clean_lines']} [<= 2]"
        )
        for label in ("engine_python_security_only", "bandit_python_security_only"):
            if label in h:
                p = h[label]
                print(
                    f"   {label}: recall {p['recall']} ({p['found']}/{p['defects']}); clean high+ {p['clean_files_with_high']}/{p['clean_files']}"
                )
    if "owasp_python" in names:
        o = figures["owasp_python"]
        bandit = o.get("bandit", {}).get("categories", {})
        print(
            f"\n== owasp_python: average TPR-FPR {o['average_tpr_minus_fpr']} [>= 0.30]; bandit {o.get('bandit', {}).get('average_tpr_minus_fpr')}"
        )
        for name, row in o["categories"].items():
            b = bandit.get(name, {}).get("score")
            print(
                f"   {name:16s} tpr {row['tpr']:.2f} fpr {row['fpr']:.2f} score {row['score']:+.2f}   bandit {b if b is None else f'{b:+.2f}'}"
            )


if __name__ == "__main__":
    main()
