"""The quality gate over REST: policy, suppressions, baselines and how every review is judged."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp.test_utils import TestClient

from tests.gate import scenario
from tests.helpers import CLEAN_DIFF, SQLI_DIFF, Credentials, submit, wait_terminal


async def review_of(client: TestClient, creds: Credentials, diff: str, **extra: Any) -> dict[str, Any]:
    body = await submit(client, creds, diff, **extra)
    result = await wait_terminal(client, creds, body["review_id"])
    assert result["status"] == "completed", result
    return result


async def put_policy(client: TestClient, creds: Credentials, **policy: Any) -> Any:
    return await client.put(f"/v1/projects/{creds.project_id}/policy", json=policy, headers=creds.headers)


def sqli(review: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((f for f in review["findings"] if f["rule_id"] == "WFC-SEC-SQLI"), key=lambda f: f["line"])


# -- policy ---------------------------------------------------------------------------------------

async def test_policy_starts_at_the_defaults_and_each_put_is_a_new_version(
    client: TestClient, project: Credentials
) -> None:
    response = await client.get("/v1/projects/alpha/policy", headers=project.headers)
    assert response.status == 200
    body = await response.json()
    assert body["version"] == 0 and body["mode"] == "block" and body["fail_on"] == "consensus"
    assert body["new_findings_only"] is True and body["disabled_rules"] == []
    response = await put_policy(client, project, mode="warn", fail_on="high", ignore_paths=["vendor/"],
                                disabled_rules=["WFC-PERF-STR-CONCAT"],
                                severity_overrides={"WFC-SEC-WEAKHASH": "low"})
    assert response.status == 200, await response.text()
    body = await response.json()
    assert body["version"] == 1 and body["mode"] == "warn" and body["updated_by"] == "dev-1"
    response = await put_policy(client, project)
    assert (await response.json())["version"] == 2
    assert (await (await client.get("/v1/projects/alpha/policy", headers=project.headers)).json())["mode"] == "block"


async def test_policy_errors_name_the_problem(client: TestClient, project: Credentials) -> None:
    cases = [
        ({"mode": "strict"}, "mode"),
        ({"fail_on": "urgent"}, "fail_on"),
        ({"disabled_rules": ["WFC-NOT-A-RULE"]}, "unknown rule id(s): WFC-NOT-A-RULE"),
        ({"severity_overrides": {"WFC-NOPE": "low"}}, "unknown rule id(s): WFC-NOPE"),
        ({"severity_overrides": {"WFC-SEC-SQLI": "severe"}}, "severity_overrides"),
        ({"ignore_paths": [""]}, "ignore_paths"),
        ({"gate_mode": "block"}, "gate_mode: Unknown field"),
        ({"disabled_rules": ["WFC-SEC-SQLI"], "severity_overrides": {"WFC-SEC-SQLI": "low"}}, "both disabled"),
    ]
    for body, expected in cases:
        response = await put_policy(client, project, **body)
        assert response.status == 422, body
        error = await response.json()
        assert error["error"] == "ValidationError" and expected in error["detail"], (body, error)
    assert (await (await client.get("/v1/projects/alpha/policy", headers=project.headers)).json())["version"] == 0


async def test_policy_is_per_tenant(client: TestClient, project: Credentials, other_project: Credentials) -> None:
    assert (await client.get("/v1/projects/alpha/policy", headers=other_project.headers)).status == 403
    assert (await put_policy(client, other_project)).status == 200  # its own
    response = await client.put("/v1/projects/alpha/policy", json={}, headers=other_project.headers)
    assert response.status == 403
    assert (await client.get("/v1/projects/alpha/policy")).status == 401


async def test_report_mode_records_a_failing_verdict_without_failing(client: TestClient, project: Credentials) -> None:
    await put_policy(client, project, mode="report")
    review = await review_of(client, project, SQLI_DIFF)
    gate = review["gate"]
    assert review["passed"] is True and gate["status"] == "pass" and gate["would_fail"] is True
    assert gate["policy_version"] == 1 and gate["provenance"]["mode"] == "project policy"
    assert "blocking" in gate["reason"]
    await put_policy(client, project, mode="warn")
    review = await review_of(client, project, SQLI_DIFF)
    assert review["gate"]["status"] == "warn" and review["passed"] is True and review["gate"]["policy_version"] == 2


async def test_default_policy_keeps_the_engine_verdict(client: TestClient, project: Credentials) -> None:
    review = await review_of(client, project, SQLI_DIFF)
    assert review["passed"] is False and review["gate"]["status"] == "fail"
    assert review["gate"]["policy_version"] == 0 and review["gate"]["provenance"]["fail_on"] == "default"
    assert all(f["baseline_state"] is None and f["counted"] for f in review["findings"])
    clean = await review_of(client, project, CLEAN_DIFF)
    assert clean["passed"] is True and clean["gate"]["status"] == "pass"


async def test_ignored_paths_and_disabled_rules_drop_findings_visibly(client: TestClient, project: Credentials) -> None:
    await put_policy(client, project, ignore_paths=["app/*.py"])
    review = await review_of(client, project, SQLI_DIFF)
    assert review["findings"] == [] and review["passed"] is True and review["consensus_score"] == 10.0
    assert review["gate"]["ignored"][0]["by"] == "ignore_paths app/*.py"
    await put_policy(client, project, disabled_rules=["WFC-SEC-SQLI"])
    review = await review_of(client, project, SQLI_DIFF)
    assert not sqli(review) and {"rule_id": "WFC-SEC-SQLI", "file": "app/users.py", "line": 8,
                                 "by": "disabled_rules"} in review["gate"]["ignored"]


async def test_severity_overrides_and_fail_on(client: TestClient, project: Credentials) -> None:
    await put_policy(client, project, severity_overrides={"WFC-SEC-SQLI": "medium"}, fail_on="medium")
    review = await review_of(client, project, SQLI_DIFF)
    finding = sqli(review)[0]
    assert finding["severity"] == "medium" and finding["original_severity"] == "critical"
    assert review["passed"] is False and "at or above medium" in review["gate"]["reason"]
    await put_policy(client, project, severity_overrides={"WFC-SEC-SQLI": "low"}, fail_on="medium")
    review = await review_of(client, project, SQLI_DIFF)
    assert [f for f in review["findings"] if f["rule_id"] == "WFC-SEC-SQLI"][0]["severity"] == "low"
    assert review["gate"]["status"] == ("fail" if any(
        f["severity"] in ("critical", "high", "medium") for f in review["findings"]) else "pass")


# -- suppressions ---------------------------------------------------------------------------------

async def test_suppressions_are_created_listed_applied_and_deleted(client: TestClient, project: Credentials) -> None:
    first = await review_of(client, project, SQLI_DIFF)
    fingerprint = sqli(first)[0]["fingerprint"]
    url = "/v1/projects/alpha/suppressions"
    response = await client.post(url, json={"fingerprint": fingerprint, "reason": "test fixture"}, headers=project.headers)
    assert response.status == 201, await response.text()
    created = await response.json()
    assert created["author"] == "dev-1" and created["active"] is True and response.headers["Location"].endswith(created["id"])
    review = await review_of(client, project, SQLI_DIFF)
    finding = sqli(review)[0]
    assert finding["suppressed"]["by"] == "server" and finding["suppressed"]["reason"] == "test fixture"
    assert finding["counted"] is False and review["gate"]["counts"]["suppressed"] == 1
    assert review["consensus_score"] > first["consensus_score"]
    listing = await (await client.get(url, headers=project.headers)).json()
    assert listing["total"] == 1 and listing["suppressions"][0]["id"] == created["id"]
    assert (await client.delete(f"{url}/{created['id']}", headers=project.headers)).status == 204
    assert (await client.delete(f"{url}/{created['id']}", headers=project.headers)).status == 404
    review = await review_of(client, project, SQLI_DIFF)
    assert sqli(review)[0]["suppressed"] is None and review["passed"] is False


async def test_rule_and_glob_suppression_and_expiry(client: TestClient, project: Credentials) -> None:
    url = "/v1/projects/alpha/suppressions"
    soon = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    response = await client.post(url, json={"rule_id": "WFC-SEC-SQLI", "path_glob": "app/**", "reason": "legacy",
                                            "author": "alice", "expires_at": soon}, headers=project.headers)
    assert response.status == 201, await response.text()
    review = await review_of(client, project, SQLI_DIFF)
    assert sqli(review)[0]["suppressed"]["author"] == "alice"
    await asyncio.sleep(2.2)
    listing = await (await client.get(url, headers=project.headers)).json()
    assert listing["suppressions"][0]["active"] is False
    review = await review_of(client, project, SQLI_DIFF)
    assert sqli(review)[0]["suppressed"] is None and review["passed"] is False


async def test_suppression_errors(client: TestClient, project: Credentials, other_project: Credentials) -> None:
    url = "/v1/projects/alpha/suppressions"
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    cases = [
        ({"reason": "x"}, "exactly one of fingerprint or rule_id"),
        ({"fingerprint": "a" * 24, "rule_id": "WFC-SEC-SQLI", "reason": "x"}, "exactly one"),
        ({"rule_id": "WFC-NOPE", "reason": "x"}, "unknown rule id"),
        ({"fingerprint": "not-hex", "reason": "x"}, "fingerprint"),
        ({"rule_id": "WFC-SEC-SQLI"}, "reason"),
        ({"rule_id": "WFC-SEC-SQLI", "reason": "x", "expires_at": past}, "future"),
        ({"rule_id": "WFC-SEC-SQLI", "reason": "x", "expires_at": "2030-01-01T00:00:00"}, "expires_at"),
    ]
    for body, expected in cases:
        response = await client.post(url, json=body, headers=project.headers)
        assert response.status == 422, body
        assert expected in (await response.json())["detail"], body
    assert (await client.get(url, headers=other_project.headers)).status == 403
    assert (await client.post(url, json={"rule_id": "WFC-SEC-SQLI", "reason": "x"},
                              headers=other_project.headers)).status == 403


# -- baselines and inline suppressions ------------------------------------------------------------

async def test_baseline_by_branch_counts_only_new_findings(client: TestClient, project: Credentials) -> None:
    main = await review_of(client, project, scenario.diff(None, scenario.MAIN), branch="main")
    (old,) = sqli(main)
    change = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FEATURE),
                             branch="feature", baseline="main")
    assert change["baseline"] == {"requested": "main", "review_id": main["review_id"], "note": None}
    existing = [f for f in sqli(change) if f["baseline_state"] == "existing"]
    new = [f for f in sqli(change) if f["baseline_state"] == "new"]
    assert len(existing) == 1 and len(new) == 1
    # moved six lines down and re-indented, yet the same finding
    assert existing[0]["fingerprint"] == old["fingerprint"] and existing[0]["line"] != old["line"]
    assert existing[0]["counted"] is False and new[0]["counted"] is True
    assert change["passed"] is False and change["gate"]["counts"]["existing"] >= 1
    assert change["gate"]["counts"]["counted"] == sum(1 for f in change["findings"] if f["counted"])
    assert change["fixed"] == []


async def test_policy_can_count_existing_findings_too(client: TestClient, project: Credentials) -> None:
    main = await review_of(client, project, scenario.diff(None, scenario.MAIN), branch="main")
    await put_policy(client, project, new_findings_only=False)
    change = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FEATURE),
                             baseline=main["review_id"])
    assert all(f["counted"] for f in sqli(change))


async def test_a_removed_finding_is_listed_as_fixed(client: TestClient, project: Credentials) -> None:
    main = await review_of(client, project, scenario.diff(None, scenario.MAIN), branch="main")
    fix = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FIXED), baseline="main")
    assert not sqli(fix)
    assert [f["fingerprint"] for f in fix["fixed"]] == [sqli(main)[0]["fingerprint"]]
    assert fix["gate"]["counts"]["fixed"] == 1 and fix["passed"] is True


async def test_inline_suppression_is_honoured_and_visible(client: TestClient, project: Credentials) -> None:
    await review_of(client, project, scenario.diff(None, scenario.MAIN), branch="main")
    change = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FEATURE_SUPPRESSED),
                             baseline="main")
    new = [f for f in sqli(change) if f["baseline_state"] == "new"]
    assert new[0]["suppressed"] == {"by": "inline", "reason": scenario.REASON, "line": new[0]["line"] - 1}
    assert change["passed"] is True and change["gate"]["counts"]["suppressed"] == 1


async def test_a_bare_ignore_suppresses_nothing_and_is_reported(client: TestClient, project: Credentials) -> None:
    change = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FEATURE_BARE))
    bare = [f for f in change["findings"] if f["rule_id"] == "WFC-MAINT-BARE-SUPPRESSION"]
    assert len(bare) == 1 and bare[0]["counted"] is True
    assert all(f["suppressed"] is None for f in sqli(change)) and change["passed"] is False


async def test_baseline_errors_and_notes(client: TestClient, project: Credentials, other_project: Credentials) -> None:
    theirs = await review_of(client, other_project, CLEAN_DIFF)
    response = await client.post("/v1/reviews/", json={"diff_content": CLEAN_DIFF, "baseline": theirs["review_id"]},
                                 headers=project.headers)
    assert response.status == 422 and "not found in this project" in (await response.json())["detail"]
    review = await review_of(client, project, SQLI_DIFF, baseline="never-reviewed")
    assert review["baseline"]["review_id"] is None and "no completed review" in review["baseline"]["note"]
    assert review["passed"] is False  # no baseline: everything counts


async def test_repository_config_from_the_base_ref_narrows_the_policy(make_client: Any, tmp_path: Any) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    client = await make_client(repos={"allowed_roots": (str(tmp_path),)})  # repository mode is opt-in
    scenario.git(repo, "init", "-q", "-b", "main")
    scenario.commit(repo, scenario.MAIN, "base")
    scenario.commit(repo, '[gate]\nmode = "block"\nfail_on = "low"\ndisabled_rules = ["WFC-SEC-SQLI"]\n',
                    "gate config", path=".wfc.toml")
    creds = await Credentials.create(client, "repo-project", str(repo))
    await put_policy(client, creds, mode="warn")
    # The change also tries to switch its own gate off: that version is not the base's, so it is not read.
    change = scenario.diff(scenario.MAIN, scenario.FEATURE) + scenario.diff(
        '[gate]\nmode = "block"\nfail_on = "low"\ndisabled_rules = ["WFC-SEC-SQLI"]\n', '[gate]\nmode = "report"\n',
        path=".wfc.toml")
    review = await review_of(client, creds, change, base_ref="main")
    assert review["coverage"]["mode"] == "repo", review["coverage"]
    gate = review["gate"]
    assert gate["mode"] == "block" and gate["provenance"]["mode"] == ".wfc.toml@main"
    assert gate["policy"]["fail_on"] == "low" and gate["provenance"]["fail_on"] == ".wfc.toml@main"
    assert gate["provenance"]["disabled_rules"] == "project policy"
    assert any("disabled_rules" in w for w in gate["config_warnings"])
    assert sqli(review) and review["passed"] is False


# -- repository mode without a baseline: the base ref's files are the baseline ----------------------

def _repo_with_main(tmp_path: Any) -> Any:
    repo = tmp_path / "repo"
    repo.mkdir()
    scenario.git(repo, "init", "-q", "-b", "main")
    scenario.commit(repo, scenario.MAIN, "base")
    return repo


async def test_repository_mode_reviews_the_pre_image_when_no_baseline_is_given(make_client: Any, tmp_path: Any) -> None:
    client = await make_client(repos={"allowed_roots": (str(tmp_path),)})  # repository mode is opt-in
    repo = _repo_with_main(tmp_path)
    creds = await Credentials.create(client, "pre-image", str(repo))
    change = await review_of(client, creds, scenario.diff(scenario.MAIN, scenario.FEATURE))
    assert change["coverage"]["mode"] == "repo", change["coverage"]
    assert change["baseline"]["source"] == "pre-image" and "at HEAD were reviewed" in change["baseline"]["note"]
    existing = [f for f in sqli(change) if f["baseline_state"] == "existing"]
    new = [f for f in sqli(change) if f["baseline_state"] == "new"]
    assert len(existing) == 1 and len(new) == 1
    # The moved query is the old one (not counted); the added one is new and fails the gate.
    assert "users WHERE name" in scenario.FEATURE.splitlines()[existing[0]["line"] - 1]
    assert existing[0]["counted"] is False and new[0]["counted"] is True
    assert change["passed"] is False and change["gate"]["counts"]["new"] >= 1

    # Accepting the new one inline passes: the old one is the base's, not this change's.
    accepted = await review_of(client, creds, scenario.diff(scenario.MAIN, scenario.FEATURE_SUPPRESSED))
    assert accepted["passed"] is True and accepted["gate"]["counts"]["suppressed"] == 1

    # Removing the base's injection is listed as fixed.
    fix = await review_of(client, creds, scenario.diff(scenario.MAIN, scenario.FIXED))
    assert not sqli(fix) and [f["rule_id"] for f in fix["fixed"]] == ["WFC-SEC-SQLI"]
    assert fix["fixed"][0]["file"] == scenario.PATH and fix["passed"] is True


async def test_pre_image_baseline_respects_the_policy_and_a_named_baseline_wins(make_client: Any, tmp_path: Any) -> None:
    client = await make_client(repos={"allowed_roots": (str(tmp_path),)})  # repository mode is opt-in
    repo = _repo_with_main(tmp_path)
    creds = await Credentials.create(client, "pre-image-policy", str(repo))
    # With new_findings_only off, the base's findings count again.
    await put_policy(client, creds, new_findings_only=False)
    change = await review_of(client, creds, scenario.diff(scenario.MAIN, scenario.FEATURE))
    assert all(f["counted"] for f in sqli(change))
    assert sorted(f["baseline_state"] for f in sqli(change)) == ["existing", "new"]
    await put_policy(client, creds)
    # A file the base did not have: everything in it is new.
    added = await review_of(client, creds, scenario.diff(None, scenario.MAIN, path="app/other.py"))
    assert added["baseline"]["source"] == "pre-image" and "no changed file existed" in added["baseline"]["note"]
    assert {f["baseline_state"] for f in added["findings"]} == {"new"}
    # Files left out of the review are left out of its baseline: nothing is "fixed" there.
    both = scenario.diff(scenario.MAIN, scenario.FIXED) + scenario.diff(None, scenario.MAIN, path="app/other.py")
    assert (await review_of(client, creds, both))["fixed"]
    selected = await review_of(client, creds, both, files=["app/other.py"])
    assert selected["fixed"] == [] and {f["file"] for f in selected["findings"]} == {"app/other.py"}
    # A named baseline is used instead of the pre-image.
    base = await review_of(client, creds, scenario.diff(None, scenario.MAIN, path="app/other.py"), branch="main")
    named = await review_of(client, creds, scenario.diff(scenario.MAIN, scenario.FEATURE), baseline=base["review_id"])
    assert named["baseline"]["review_id"] == base["review_id"] and "source" not in named["baseline"]


async def test_diff_only_projects_have_no_pre_image_baseline(client: TestClient, project: Credentials) -> None:
    change = await review_of(client, project, scenario.diff(scenario.MAIN, scenario.FEATURE))
    assert change["coverage"]["mode"] == "diff" and change["baseline"] is None
    assert {f["baseline_state"] for f in change["findings"]} == {None}
