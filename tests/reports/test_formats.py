"""The formatters as pure functions: identities, rule metadata, suppressions, hostile text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tests.reports.support import schema_errors
from wfc_server.reports import CLIENT_FORMATS, FORMATS, render
from wfc_server.review.rules import registry


def finding(**changes: Any) -> dict[str, Any]:
    base = {
        "severity": "critical", "category": "security", "title": "SQL injection",
        "description": "User input reaches a SQL string.", "file": "app/users.py", "line": 8,
        "end_line": 8, "column": 5, "suggestion": "Use parameters.", "confidence": 90,
        "reviewer": "security", "reviewers": ["security"], "rule_id": "WFC-SEC-SQLI", "cwe": "CWE-89",
        "fingerprint": "aaaaaaaaaaaaaaaaaaaaaaaa",
    }
    return {**base, **changes}


def review(*findings: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"review_id": "r-1", "project_id": "p", "status": "completed", "consensus_score": 2.0,
            "passed": False, "findings": list(findings), "coverage": {"skipped": []}, **extra}


def test_repeated_fingerprints_become_unique_report_identities() -> None:
    doc = review(finding(), finding(line=20, end_line=20), finding(line=30, end_line=30))
    issues = json.loads(render("codequality", doc))
    assert len({i["fingerprint"] for i in issues}) == 3
    assert issues[0]["fingerprint"] == "aaaaaaaaaaaaaaaaaaaaaaaa"  # the first keeps the engine's
    sarif = json.loads(render("sarif", doc))
    assert len({r["partialFingerprints"]["wfcFingerprint/v1"] for r in sarif["runs"][0]["results"]}) == 3
    assert json.loads(render("codequality", doc)) == issues  # stable


def test_registered_rule_help_comes_from_the_rule_reference() -> None:
    sqli = registry()["WFC-SEC-SQLI"]
    rule = json.loads(render("sarif", review(finding())))["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == sqli.title
    assert sqli.doc.why in rule["help"]["text"] and sqli.doc.fix in rule["help"]["markdown"]
    assert "external/cwe/cwe-89" in rule["properties"]["tags"]
    assert rule["properties"]["security-severity"] == "9.5"


def test_unregistered_rule_falls_back_to_the_findings_own_text() -> None:
    odd = finding(rule_id="WFC-NOT-REGISTERED-YET", title="Odd thing", description="Why it is odd.",
                  category="maintainability", severity="low", cwe=None)
    rule = json.loads(render("sarif", review(odd)))["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == "Odd thing"
    assert "Why it is odd." in rule["help"]["text"]
    assert "security-severity" not in rule["properties"]
    assert rule["defaultConfiguration"]["level"] == "note"


def test_suppressed_findings_stay_visible_where_the_format_can_say_so() -> None:
    doc = review(finding(), finding(line=12, fingerprint="b" * 24, counted=False,
                                    suppressed={"by": "inline", "reason": "fixture data"}))
    sarif = json.loads(render("sarif", doc))
    assert schema_errors("sarif-schema-2.1.0.json", sarif) == []
    results = sarif["runs"][0]["results"]
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "fixture data"}]
    assert len(json.loads(render("codequality", doc))) == 1
    assert len(json.loads(render("rdjson", doc))["diagnostics"]) == 1
    suite = ET.fromstring(render("junit", doc)).find("testsuite")
    assert suite is not None and suite.get("skipped") == "1"
    assert "fixture data" in render("markdown", doc) and "suppressed by inline" in render("text", doc)


def test_hostile_text_cannot_break_the_documents() -> None:
    nasty = finding(title="a|b</details><script>", description="\x00\x1b[31m\ud800 ]]> & <x>", file="we ird/ü#?.py")
    doc = review(nasty)
    for name in FORMATS:
        out = render(name, doc)
        assert out
    ET.fromstring(render("junit", doc))
    sarif = json.loads(render("sarif", doc))
    assert schema_errors("sarif-schema-2.1.0.json", sarif) == []
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "we%20ird/%C3%BC%23%3F.py"
    assert "<script>" not in render("markdown", doc)


def test_skipped_files_are_named_in_every_summary() -> None:
    doc = review(coverage={"skipped": [{"path": "big.bin", "reason": "binary file"}]})
    sarif = json.loads(render("sarif", doc))
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "big.bin" in notes[0]["message"]["text"]
    assert "big.bin" in render("junit", doc) and "big.bin" in render("markdown", doc)
    assert "big.bin" in render("text", doc)


def test_unknown_format_is_refused() -> None:
    assert set(FORMATS) == {"sarif", "codequality", "rdjson", "junit", "markdown"}
    assert "text" in CLIENT_FORMATS and json.loads(render("json", review()))["review_id"] == "r-1"
    with pytest.raises(ValueError, match="unknown report format"):
        render("pdf", review())
