"""The client's terminal summary: one line per counted finding, then the verdict."""

from __future__ import annotations

from typing import Any

from wfc_server.reports.common import counts_for_gate, findings_of, is_suppressed, location_text, verdict_of


def render(review: dict[str, Any]) -> str:
    findings = findings_of(review)
    lines: list[str] = []
    for f in findings:
        if counts_for_gate(f):
            mark = ""
        elif is_suppressed(f):
            s = f.get("suppressed") or {}
            mark = f" [suppressed by {s.get('by')}: {s.get('reason')}]"
        else:
            mark = f" [{f.get('baseline_state') or 'not counted'}]"
        lines.append(f"{location_text(f)}: {f.get('severity')} {f.get('rule_id')} {f.get('title')}{mark}")
    for item in (review.get("coverage") or {}).get("skipped") or []:
        lines.append(f"{item.get('path')}: not analysed: {item.get('reason')}")
    for f in review.get("fixed") or []:
        lines.append(f"{location_text(f)}: fixed {f.get('rule_id')} {f.get('title')}")
    gate = review.get("gate") or {}
    counted = sum(1 for f in findings if counts_for_gate(f))
    summary = (
        f"{verdict_of(review).upper()}: score {review.get('consensus_score')}/10, "
        f"{counted} counted, {len(findings)} found, review {review.get('review_id')}"
    )
    if gate.get("reason"):
        summary += f" ({gate['reason']})"
    lines.append(summary)
    return "\n".join(lines) + "\n"
