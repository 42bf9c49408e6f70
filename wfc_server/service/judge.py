"""Apply the project's quality gate to a finished review, before its result is stored.

Gathers what :func:`wfc_server.gate.judge.judge` needs: the project's policy (and, in repository
mode, ``.wfc.toml`` from the base ref), the baseline review's findings, the project's server-side
suppressions and the diff (for inline suppressions). Git runs as a killable subprocess with a
timeout; the judging itself runs on a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from wfc_server.gate.globs import first_match
from wfc_server.gate.judge import Baseline, Inputs, judge
from wfc_server.gate.policy import Policy, narrow, stored_policy
from wfc_server.logs import get_logger
from wfc_server.service.preimage import SOURCE as PRE_IMAGE, PreImageReviewer
from wfc_server.review.settings import EngineSettings
from wfc_server.store.policies import PolicyStore
from wfc_server.store.records import COMPLETED, ReviewRecord
from wfc_server.store.protocols import ReviewRepository
from wfc_server.store.suppressions import SuppressionStore

log = get_logger("wfc.gate")
REPO_CONFIG = ".wfc.toml"
_MAX_CONFIG_BYTES = 64 * 1024


class GateError(Exception):
    """The gate could not be applied; the review fails with this reason rather than pass unjudged."""


async def read_repo_config(repo_path: str, ref: str, timeout: float) -> str | None:
    """``.wfc.toml`` at ``ref`` in ``repo_path``, or None when the ref has none."""
    process = await asyncio.create_subprocess_exec(
        "git", "-C", repo_path, "show", f"{ref}:{REPO_CONFIG}",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise GateError(f"reading {REPO_CONFIG} at {ref} took longer than {timeout:g} s") from None
    if process.returncode != 0:
        message = err.decode("utf-8", "replace")
        if "does not exist" in message or "exists on disk, but not in" in message:
            return None
        raise GateError(f"could not read {REPO_CONFIG} at {ref}: {message.strip()[:200]}")
    if len(out) > _MAX_CONFIG_BYTES:
        raise GateError(f"{REPO_CONFIG} at {ref} is larger than {_MAX_CONFIG_BYTES} bytes")
    return out.decode("utf-8", "replace")


class PipelineJudge:
    def __init__(self, reviews: ReviewRepository, policies: PolicyStore, suppressions: SuppressionStore,
                 engine: EngineSettings, repo_path_of: Callable[[str], str | None],
                 pre_images: PreImageReviewer | None = None) -> None:
        self._pre_images = pre_images
        self._reviews = reviews
        self._policies = policies
        self._suppressions = suppressions
        self._engine = engine
        self._repo_path_of = repo_path_of

    async def __call__(self, record: ReviewRecord, result: dict[str, Any]) -> dict[str, Any]:
        try:
            inputs = await self._inputs(record, result)
            return await asyncio.to_thread(judge, result, inputs, self._engine)
        except GateError:
            raise
        except (OSError, ValueError, KeyError) as exc:
            log.exception("gate.failed", review_id=record.review_id, project_id=record.project_id)
            raise GateError(f"the quality gate could not be applied ({type(exc).__name__})") from None

    async def _inputs(self, record: ReviewRecord, result: dict[str, Any]) -> Inputs:
        document = await self._policies.get(record.project_id)
        policy, version = stored_policy(document)
        toml_text, source = None, REPO_CONFIG
        repo_path = self._repo_path_of(record.project_id)
        if repo_path and (result.get("coverage") or {}).get("mode") == "repo":
            ref = record.base_ref or "HEAD"
            source = f"{REPO_CONFIG}@{ref}"
            toml_text = await read_repo_config(repo_path, ref, self._engine.git_timeout_seconds)
        diff_text = await self._reviews.read_diff(record.review_id)
        narrowed = narrow(policy, version == 0, toml_text, source)
        baseline = await self._baseline(record)
        if baseline.findings is None and baseline.requested is None and repo_path \
                and (result.get("coverage") or {}).get("mode") == "repo" and self._pre_images is not None:
            baseline = await self._pre_image_baseline(record, repo_path, diff_text, narrowed.policy)
        return Inputs(
            diff_text=diff_text,
            policy=narrowed,
            policy_version=version,
            baseline=baseline,
            suppressions=await self._suppressions.list(record.project_id),
            now=datetime.now(UTC),
        )

    async def _pre_image_baseline(self, record: ReviewRecord, repo_path: str, diff_text: str, policy: Policy) -> Baseline:
        """No baseline was named: the base ref's version of the changed files is the baseline."""
        assert self._pre_images is not None
        found = await self._pre_images.findings(record.project_id, repo_path, record.base_ref, diff_text,
                                                tuple(record.files))
        findings = found.findings
        if findings is not None:  # as a stored baseline would be: the policy's ignores applied
            findings = [f for f in findings if f["rule_id"] not in policy.disabled_rules
                        and first_match(policy.ignore_paths, f["file"]) is None]
        return Baseline(findings=findings, note=found.note, source=PRE_IMAGE)

    async def _baseline(self, record: ReviewRecord) -> Baseline:
        pipeline = record.pipeline or {}
        requested = pipeline.get("baseline")
        baseline_id = pipeline.get("baseline_review_id")
        if baseline_id is None:
            return Baseline(requested=requested, note=pipeline.get("baseline_note"))
        base = await self._reviews.get(baseline_id)
        if base is None or base.status != COMPLETED:
            return Baseline(requested=requested, note=f"baseline review {baseline_id} is no longer available")
        stored = await self._reviews.result(base) or {}
        branch = pipeline.get("branch")
        same_change = branch is not None and (base.pipeline or {}).get("branch") == branch
        return Baseline(requested=requested, review_id=baseline_id, findings=list(stored.get("findings") or []),
                        same_change=same_change)
