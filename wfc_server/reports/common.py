"""What every report format shares: severity ladders, locations, unique finding identities."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

TOOL_NAME = "wfc-server"
SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")


def findings_of(review: dict[str, Any]) -> list[dict[str, Any]]:
    return list(review.get("findings") or [])


def is_suppressed(finding: dict[str, Any]) -> bool:
    return bool(finding.get("suppressed"))


def counts_for_gate(finding: dict[str, Any]) -> bool:
    """Whether the gate counted this finding (older results carry no gate marks: all count)."""
    if "counted" in finding:
        return bool(finding["counted"])
    return not is_suppressed(finding)


def unique_ids(findings: list[dict[str, Any]]) -> list[str]:
    """One id per finding, unique within the review and stable across runs.

    The engine's fingerprint is content-anchored, so two identical lines in one file share it;
    the n-th repeat gets ``sha256(fingerprint:n)`` so tools that demand uniqueness (GitLab Code
    Quality) keep every finding, and the first occurrence keeps the plain fingerprint.
    """
    seen: Counter[str] = Counter()
    out: list[str] = []
    for finding in findings:
        base = str(finding.get("fingerprint") or _fallback_fingerprint(finding))
        n = seen[base]
        seen[base] += 1
        out.append(base if n == 0 else hashlib.sha256(f"{base}:{n}".encode()).hexdigest()[:24])
    return out


def _fallback_fingerprint(finding: dict[str, Any]) -> str:
    key = f"{finding.get('file')}\x00{finding.get('rule_id')}\x00{finding.get('line')}"
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24]


def start_line(finding: dict[str, Any]) -> int:
    line = finding.get("line")
    return line if isinstance(line, int) and line >= 1 else 1


def end_line(finding: dict[str, Any]) -> int:
    start = start_line(finding)
    end = finding.get("end_line")
    return end if isinstance(end, int) and end >= start else start


def location_text(finding: dict[str, Any]) -> str:
    line = finding.get("line")
    return f"{finding.get('file')}:{line}" if line else str(finding.get("file"))


def message_of(finding: dict[str, Any]) -> str:
    """The one-paragraph message tools show beside the line."""
    title = str(finding.get("title") or finding.get("rule_id") or "Finding")
    description = str(finding.get("description") or "").strip()
    suggestion = str(finding.get("suggestion") or "").strip()
    text = f"{title}: {description}" if description and description != title else title
    if suggestion:
        text += f" Fix: {suggestion}"
    return text


def verdict_of(review: dict[str, Any]) -> str:
    """``pass``, ``warn`` or ``fail``: the gate's word when the result has one, else the engine's."""
    gate = review.get("gate")
    if isinstance(gate, dict) and gate.get("status") in ("pass", "warn", "fail"):
        return str(gate["status"])
    return "pass" if review.get("passed") else "fail"
