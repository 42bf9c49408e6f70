"""reviewdog's Diagnostic Format (rdjson): ``reviewdog -f=rdjson`` posts these as review comments.

Suppressed findings are left out (reviewdog would comment on them); reviewdog's own filter
modes (``-filter-mode=added``) then narrow to the lines a pull request touches.
"""

from __future__ import annotations

import json
from typing import Any

from wfc_server.reports.common import TOOL_NAME, end_line, findings_of, is_suppressed, message_of, start_line

SEVERITIES = {"critical": "ERROR", "high": "ERROR", "medium": "WARNING", "low": "INFO", "info": "INFO"}


def build(review: dict[str, Any]) -> dict[str, Any]:
    diagnostics: list[dict[str, Any]] = []
    for finding in findings_of(review):
        if is_suppressed(finding):
            continue
        start: dict[str, Any] = {"line": start_line(finding)}
        column = finding.get("column")
        if isinstance(column, int) and column >= 1:
            start["column"] = column
        diagnostics.append(
            {
                "message": message_of(finding),
                "location": {
                    "path": str(finding.get("file")),
                    "range": {"start": start, "end": {"line": end_line(finding)}},
                },
                "severity": SEVERITIES.get(str(finding.get("severity")), "WARNING"),
                "source": {"name": TOOL_NAME},
                "code": {"value": str(finding.get("rule_id"))},
            }
        )
    return {"source": {"name": TOOL_NAME}, "diagnostics": diagnostics}


def render(review: dict[str, Any]) -> str:
    return json.dumps(build(review), indent=2, ensure_ascii=False) + "\n"
