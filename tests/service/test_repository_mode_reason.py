"""A project with a repository whose reviews cannot read it says exactly why: in the result and
in a warning log line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from structlog.testing import capture_logs

from tests.helpers import Credentials, submit, wait_terminal


async def test_unusable_repository_is_named_in_coverage_and_a_warning(make_client: Any, tmp_path: Path) -> None:
    not_a_repo = tmp_path / "plain-folder"
    not_a_repo.mkdir()
    client = await make_client(repos={"allowed_roots": (str(tmp_path),)})  # repository mode is opt-in
    creds = await Credentials.create(client, "with-repo", str(not_a_repo))
    with capture_logs() as logs:
        review = await wait_terminal(client, creds, (await submit(client, creds))["review_id"])
    assert review["status"] == "completed"
    reason = review["coverage"]["mode_reason"]
    assert review["coverage"]["mode"] == "diff" and "not a readable git work tree" in reason, reason
    warnings = [line for line in logs if line["event"] == "review.repository_mode_unavailable"]
    assert len(warnings) == 1, logs
    assert warnings[0]["log_level"] == "warning"
    assert warnings[0]["reason"] == reason and warnings[0]["review_id"] == review["review_id"]
    assert warnings[0]["request_id"]  # the submitting request's id


async def test_diff_only_project_logs_no_warning(make_client: Any) -> None:
    client = await make_client()
    response = await client.post("/v1/projects/", json={"project_id": "diff-only", "developer_id": "d"})
    body = await response.json()
    creds = Credentials(body["project_id"], body["api_key"])
    with capture_logs() as logs:
        review = await wait_terminal(client, creds, (await submit(client, creds))["review_id"])
    assert review["coverage"]["mode_reason"] == "diff-only project (no repo_path)"
    assert not [line for line in logs if line["event"] == "review.repository_mode_unavailable"]
