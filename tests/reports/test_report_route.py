"""GET /v1/reviews/{id}/report: real reviews in every language, checked against the published schemas."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from aiohttp.test_utils import TestClient

from tests.helpers import CLEAN_DIFF, SQLI_DIFF, Credentials, submit, wait_terminal
from tests.reports.support import LANGUAGE_SAMPLES, language_diff, schema_errors
from wfc_server.reports.sarif import FINGERPRINT_KEY

CODEQUALITY_FIELDS = {"description", "check_name", "fingerprint", "severity", "location"}


async def _report(client: TestClient, creds: Credentials, review_id: str, fmt: str) -> str:
    response = await client.get(f"/v1/reviews/{review_id}/report", params={"format": fmt}, headers=creds.headers)
    assert response.status == 200, await response.text()
    return await response.text()


async def test_reports_of_reviews_in_every_language_meet_their_schemas(
    client: TestClient, project: Credentials
) -> None:
    submitted = {}
    for language in LANGUAGE_SAMPLES:
        path, diff = language_diff(language)
        submitted[language] = (path, (await submit(client, project, diff))["review_id"])
    for language, (path, review_id) in submitted.items():
        review = await wait_terminal(client, project, review_id)
        assert review["status"] == "completed", review
        assert review["findings"], f"{language}: the sample should produce findings"

        sarif = json.loads(await _report(client, project, review_id, "sarif"))
        assert schema_errors("sarif-schema-2.1.0.json", sarif) == [], language
        run = sarif["runs"][0]
        rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
        assert len(run["results"]) == len(review["findings"])
        for result, finding in zip(run["results"], review["findings"], strict=True):
            assert result["ruleId"] == finding["rule_id"]
            rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
            assert rule["id"] == result["ruleId"] and rule["help"]["text"] and rule["help"]["markdown"]
            assert result["level"] in ("error", "warning", "note")
            assert result["partialFingerprints"][FINGERPRINT_KEY]
            location = result["locations"][0]["physicalLocation"]
            uri = location["artifactLocation"]["uri"]
            assert uri == path.replace(" ", "%20") and not uri.startswith("/")
            assert location["region"]["startLine"] >= 1
        security = [r for r in rules.values() if "security" in r["properties"]["tags"]]
        for rule in security:
            assert 0.0 <= float(rule["properties"]["security-severity"]) <= 10.0
        if language != "typescript":  # the TypeScript sample's findings are not all security ones
            assert security, f"{language}: expected a security rule"

        rdjson = json.loads(await _report(client, project, review_id, "rdjson"))
        assert schema_errors("rdjson/DiagnosticResult.json", rdjson) == [], language
        assert {d["code"]["value"] for d in rdjson["diagnostics"]} == {f["rule_id"] for f in review["findings"]}

        quality = json.loads(await _report(client, project, review_id, "codequality"))
        assert len(quality) == len(review["findings"])
        for issue in quality:
            assert CODEQUALITY_FIELDS <= set(issue)
            assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
            assert issue["location"]["path"] == path and issue["location"]["lines"]["begin"] >= 1
        assert len({issue["fingerprint"] for issue in quality}) == len(quality)

        junit = ET.fromstring(await _report(client, project, review_id, "junit"))
        assert int(junit.get("failures")) >= 1 and junit.find("testsuite") is not None
        markdown = await _report(client, project, review_id, "markdown")
        assert markdown.startswith("## wfc-server review:") and review_id in markdown


async def test_report_of_a_clean_review_is_valid_and_empty(client: TestClient, project: Credentials) -> None:
    review_id = (await submit(client, project, CLEAN_DIFF))["review_id"]
    await wait_terminal(client, project, review_id)
    sarif = json.loads(await _report(client, project, review_id, "sarif"))
    assert schema_errors("sarif-schema-2.1.0.json", sarif) == []
    assert sarif["runs"][0]["results"] == []
    assert json.loads(await _report(client, project, review_id, "codequality")) == []


async def test_report_download_names_the_file(client: TestClient, project: Credentials) -> None:
    review_id = (await submit(client, project, SQLI_DIFF))["review_id"]
    await wait_terminal(client, project, review_id)
    response = await client.get(f"/v1/reviews/{review_id}/report?format=sarif&download=true", headers=project.headers)
    assert response.status == 200
    assert response.content_type == "application/sarif+json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="wfc-{review_id}.sarif"'


async def test_report_checks_format_status_and_tenant(
    client: TestClient, project: Credentials, other_project: Credentials
) -> None:
    review_id = (await submit(client, project, SQLI_DIFF))["review_id"]
    response = await client.get(f"/v1/reviews/{review_id}/report?format=sarif", headers=project.headers)
    if response.status == 409:  # still pending or running
        body = await response.json()
        assert body["error"] == "Conflict" and "completed" in body["detail"]
    await wait_terminal(client, project, review_id)
    response = await client.get(f"/v1/reviews/{review_id}/report?format=pdf", headers=project.headers)
    assert response.status == 422
    body = await response.json()
    assert body["error"] == "ValidationError" and "sarif" in body["detail"]
    response = await client.get(f"/v1/reviews/{review_id}/report", headers=project.headers)
    assert response.status == 422 and "format" in (await response.json())["detail"]
    response = await client.get(f"/v1/reviews/{review_id}/report?format=sarif", headers=other_project.headers)
    assert response.status == 403
    response = await client.get(f"/v1/reviews/{review_id}/report?format=sarif")
    assert response.status == 401
    response = await client.get("/v1/reviews/00000000-0000-4000-8000-000000000000/report?format=sarif",
                                headers=project.headers)
    assert response.status == 404


async def test_report_of_an_unfinished_review_is_a_conflict(client: TestClient, project: Credentials) -> None:
    review_id = (await submit(client, project, SQLI_DIFF))["review_id"]
    await client.delete(f"/v1/reviews/{review_id}", headers=project.headers)
    response = await client.get(f"/v1/reviews/{review_id}/report?format=junit", headers=project.headers)
    assert response.status == 409
    assert "cancelled" in (await response.json())["detail"]
