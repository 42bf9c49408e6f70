"""JUnit XML: CI systems that show test reports (Jenkins, GitLab, Azure) show the review too.

One test case per finding: a counted finding is a failure, one the gate did not count (existing
in the baseline, or suppressed) is skipped with the reason, and every file the review could not
analyse is a skipped case, so a partial review never reads as all green. A final ``gate`` case
carries the verdict.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from wfc_server.reports.common import (
    TOOL_NAME,
    counts_for_gate,
    findings_of,
    location_text,
    message_of,
    verdict_of,
)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: Any) -> str:
    return _XML_ILLEGAL.sub("\ufffd", str(text))


def _not_counted_reason(finding: dict[str, Any]) -> str:
    suppressed = finding.get("suppressed")
    if suppressed:
        return f"suppressed ({suppressed.get('by')}): {suppressed.get('reason')}"
    if finding.get("baseline_state") == "existing":
        return "existing in the baseline; not counted by the gate"
    return "not counted by the gate"


def build(review: dict[str, Any]) -> ET.Element:
    findings = findings_of(review)
    suite = ET.Element("testsuite", name=TOOL_NAME, id=_clean(review.get("review_id") or ""))
    failures = skipped = 0
    for finding in findings:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_clean(finding.get("file")),
            name=_clean(f"{finding.get('rule_id')} at {location_text(finding)}"),
        )
        if counts_for_gate(finding):
            failures += 1
            failure = ET.SubElement(
                case, "failure", message=_clean(finding.get("title")), type=_clean(finding.get("severity"))
            )
            failure.text = _clean(message_of(finding))
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message=_clean(_not_counted_reason(finding)))
    for item in (review.get("coverage") or {}).get("skipped") or []:
        skipped += 1
        case = ET.SubElement(suite, "testcase", classname=_clean(item.get("path")), name="analysed")
        ET.SubElement(case, "skipped", message=_clean(f"not analysed: {item.get('reason')}"))
    verdict = verdict_of(review)
    gate = ET.SubElement(suite, "testcase", classname=TOOL_NAME, name="gate")
    if verdict == "fail":
        failures += 1
        failure = ET.SubElement(gate, "failure", message="The review failed its quality gate", type="gate")
        failure.text = _clean(((review.get("gate") or {}).get("reason")) or "The review did not pass.")
    total = len(suite.findall("testcase"))
    suite.set("tests", str(total))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    root = ET.Element("testsuites", name=TOOL_NAME, tests=str(total), failures=str(failures),
                      errors="0", skipped=str(skipped))
    root.append(suite)
    return root


def render(review: dict[str, Any]) -> str:
    root = build(review)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
