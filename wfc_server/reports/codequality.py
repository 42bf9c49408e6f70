"""GitLab Code Quality (a subset of the Code Climate issue format), for merge request widgets.

GitLab documents ``description``, ``check_name``, ``fingerprint``, ``severity``,
``location.path`` and ``location.lines.begin``; the Code Climate fields ``type``,
``categories``, ``content`` and ``engine_name`` are added for tools that read them. A fingerprint
is unique per finding (GitLab drops repeats) and stable across pipelines, so the widget can
say what a merge request added or fixed. Suppressed findings are left out: GitLab has no field
for them and would count them.
"""

from __future__ import annotations

import json
from typing import Any

from wfc_server.reports.common import TOOL_NAME, end_line, findings_of, is_suppressed, message_of, start_line, unique_ids

SEVERITIES = {"critical": "blocker", "high": "critical", "medium": "major", "low": "minor", "info": "info"}
CATEGORIES = {
    "security": "Security",
    "correctness": "Bug Risk",
    "reliability": "Bug Risk",
    "performance": "Performance",
    "maintainability": "Complexity",
}


def build(review: dict[str, Any]) -> list[dict[str, Any]]:
    findings = findings_of(review)
    issues: list[dict[str, Any]] = []
    for finding, ident in zip(findings, unique_ids(findings), strict=True):
        if is_suppressed(finding):
            continue
        body = str(finding.get("description") or "")
        if finding.get("suggestion"):
            body += f"\n\nFix: {finding['suggestion']}"
        issues.append(
            {
                "type": "issue",
                "engine_name": TOOL_NAME,
                "check_name": str(finding.get("rule_id")),
                "description": message_of(finding),
                "content": {"body": body},
                "categories": [CATEGORIES.get(str(finding.get("category")), "Bug Risk")],
                "fingerprint": ident,
                "severity": SEVERITIES.get(str(finding.get("severity")), "major"),
                "location": {
                    "path": str(finding.get("file")),
                    "lines": {"begin": start_line(finding), "end": end_line(finding)},
                },
            }
        )
    return issues


def render(review: dict[str, Any]) -> str:
    return json.dumps(build(review), indent=2, ensure_ascii=False) + "\n"
