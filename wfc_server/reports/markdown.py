"""A pull/merge request comment body: the verdict first, then what counts, then the rest folded."""

from __future__ import annotations

from typing import Any

from wfc_server.reports.common import (
    counts_for_gate,
    findings_of,
    is_suppressed,
    location_text,
    verdict_of,
)

_VERDICTS = {"pass": "Passed", "warn": "Passed with warnings", "fail": "Failed"}


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _table(findings: list[dict[str, Any]]) -> list[str]:
    lines = ["| Severity | Rule | Location | Finding |", "|---|---|---|---|"]
    for f in findings:
        lines.append(
            f"| {_cell(f.get('severity'))} | `{_cell(f.get('rule_id'))}` | `{_cell(location_text(f))}` "
            f"| {_cell(f.get('title'))}: {_cell(f.get('description'))} |"
        )
    return lines


def _folded(summary: str, body: list[str]) -> list[str]:
    return ["", "<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>"]


def render(review: dict[str, Any]) -> str:
    findings = findings_of(review)
    counted = [f for f in findings if counts_for_gate(f)]
    suppressed = [f for f in findings if is_suppressed(f)]
    other = [f for f in findings if not counts_for_gate(f) and not is_suppressed(f)]
    fixed = list(review.get("fixed") or [])
    verdict = verdict_of(review)
    gate = review.get("gate") or {}
    lines = [
        f"## wfc-server review: {_VERDICTS[verdict]}",
        "",
        f"Score **{review.get('consensus_score')}** / 10 · {len(counted)} counted"
        f" · {len(other)} not counted · {len(suppressed)} suppressed · {len(fixed)} fixed",
    ]
    if gate.get("reason"):
        lines += ["", f"> {_cell(gate['reason'])}"]
    if counted:
        lines += ["", "### Findings that count", "", *_table(counted)]
    else:
        lines += ["", "No findings count against this change."]
    if other:
        lines += _folded(f"{len(other)} existing finding(s), not counted", _table(other))
    if suppressed:
        body = ["| Rule | Location | Suppressed by | Reason |", "|---|---|---|---|"]
        for f in suppressed:
            s = f.get("suppressed") or {}
            body.append(f"| `{_cell(f.get('rule_id'))}` | `{_cell(location_text(f))}` | {_cell(s.get('by'))} "
                        f"| {_cell(s.get('reason'))} |")
        lines += _folded(f"{len(suppressed)} suppressed finding(s)", body)
    if fixed:
        body = [f"- `{_cell(f.get('rule_id'))}` `{_cell(location_text(f))}` {_cell(f.get('title'))}" for f in fixed]
        lines += _folded(f"{len(fixed)} fixed since the baseline", body)
    skipped = (review.get("coverage") or {}).get("skipped") or []
    if skipped:
        lines += ["", "**Not analysed:**", *[f"- `{_cell(s.get('path'))}`: {_cell(s.get('reason'))}" for s in skipped]]
    lines += ["", f"<sub>review `{review.get('review_id')}`</sub>", ""]
    return "\n".join(lines)
