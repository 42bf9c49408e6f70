"""SARIF 2.1.0, shaped for GitHub code scanning.

GitHub's rules: every result has a ``ruleId`` whose rule carries help text; ``level`` follows
severity; security rules carry ``security-severity`` (a 0-10 score as a string) so alerts get a
severity; ``partialFingerprints`` keep an alert's identity across pushes; artifact URIs are
relative to the repository root (``%SRCROOT%``). Suppressed findings stay in the log with a
``suppressions`` entry, so code scanning shows them as dismissed rather than losing them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from wfc_server import __version__
from wfc_server.reports.common import TOOL_NAME, end_line, findings_of, message_of, unique_ids
from wfc_server.reports.rules import RuleInfo, rule_info, rule_name

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "wfcFingerprint/v1"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
#: GitHub buckets security-severity: >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0", "info": "0.0"}
PRECISION = ((90, "very-high"), (75, "high"), (50, "medium"), (0, "low"))
BASELINE_STATES = {"new": "new", "existing": "unchanged"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a repository path (percent-encoded, no leading slash)."""
    return quote(path.lstrip("/"), safe="/")


def _precision(confidence: int) -> str:
    return next(name for floor, name in PRECISION if confidence >= floor)


def _rule_descriptor(info: RuleInfo, findings: list[dict[str, Any]]) -> dict[str, Any]:
    confidence = max(int(f.get("confidence") or 0) for f in findings)
    security = info.role == "security" or any(f.get("category") == "security" for f in findings)
    tags = [info.role or str(findings[0].get("category") or "")]
    if security and "security" not in tags:
        tags.append("security")
    if info.cwe:
        tags.append(f"external/cwe/{info.cwe.lower()}")
    properties: dict[str, Any] = {"tags": [t for t in tags if t], "precision": _precision(confidence)}
    if security:
        properties["security-severity"] = SECURITY_SEVERITY.get(info.severity, "5.5")
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": rule_name(info.id),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.summary},
        "help": {"text": info.help_text, "markdown": info.help_markdown},
        "defaultConfiguration": {"level": LEVELS.get(info.severity, "warning")},
        "properties": properties,
    }
    return descriptor


def _result(finding: dict[str, Any], rule_index: int, ident: str) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": int(finding.get("line") or 1), "endLine": end_line(finding)}
    column = finding.get("column")
    if isinstance(column, int) and column >= 1:
        region["startColumn"] = column
    severity = str(finding.get("severity") or "medium")
    result: dict[str, Any] = {
        "ruleId": str(finding.get("rule_id")),
        "ruleIndex": rule_index,
        "level": LEVELS.get(severity, "warning"),
        "message": {"text": message_of(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(str(finding.get("file"))), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: ident},
        "properties": {
            "severity": severity,
            "confidence": finding.get("confidence"),
            "reviewers": finding.get("reviewers") or [finding.get("reviewer")],
        },
    }
    state = finding.get("baseline_state")
    if state in BASELINE_STATES:
        result["baselineState"] = BASELINE_STATES[state]
    suppressed = finding.get("suppressed")
    if suppressed:
        by = str(suppressed.get("by") or "")
        result["suppressions"] = [
            {
                "kind": "inSource" if by == "inline" else "external",
                "status": "accepted",
                "justification": str(suppressed.get("reason") or "")[:1000] or "suppressed",
            }
        ]
    return result


def _invocation(review: dict[str, Any]) -> dict[str, Any]:
    """Files the review could not analyse are named, never reported as clean."""
    skipped = ((review.get("coverage") or {}).get("skipped")) or []
    invocation: dict[str, Any] = {"executionSuccessful": review.get("status") == "completed"}
    if skipped:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"Not analysed: {item.get('path')}: {item.get('reason')}"}}
            for item in skipped
        ]
    return invocation


def build(review: dict[str, Any]) -> dict[str, Any]:
    """The SARIF log as a dict (tests validate it against the 2.1.0 schema)."""
    findings = findings_of(review)
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        by_rule.setdefault(str(finding.get("rule_id")), []).append(finding)
    rule_ids = sorted(by_rule)
    index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    rules = [_rule_descriptor(rule_info(rule_id, by_rule[rule_id][0]), by_rule[rule_id]) for rule_id in rule_ids]
    results = [
        _result(finding, index[str(finding.get("rule_id"))], ident)
        for finding, ident in zip(findings, unique_ids(findings), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "semanticVersion": __version__,
                "version": str(review.get("engine_version") or __version__),
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"wfc/{review.get('project_id')}/{review.get('review_id')}"},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root"}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [_invocation(review)],
        "properties": {
            "review_id": review.get("review_id"),
            "consensus_score": review.get("consensus_score"),
            "passed": review.get("passed"),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(review: dict[str, Any]) -> str:
    return json.dumps(build(review), indent=2, ensure_ascii=False) + "\n"
