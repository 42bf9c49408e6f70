"""A project's gate settings as the API edits them: its policy and its server-side suppressions."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from wfc_server.gate.judge import suppression_active
from wfc_server.gate.policy import Policy, stored_policy
from wfc_server.store.policies import PolicyStore
from wfc_server.store.records import utc_now
from wfc_server.store.suppressions import SuppressionStore


class GateSettingsService:
    def __init__(self, policies: PolicyStore, suppressions: SuppressionStore) -> None:
        self._policies = policies
        self._suppressions = suppressions

    async def policy(self, project_id: str) -> dict[str, Any]:
        """The policy as GET shows it: version 0 and the defaults when never set."""
        document = await self._policies.get(project_id)
        policy, version = stored_policy(document)
        body = policy.to_dict()
        body.pop("severity_floors")  # only a repository's .wfc.toml sets those
        return {"project_id": project_id, "version": version,
                "updated_at": (document or {}).get("updated_at"), "updated_by": (document or {}).get("author"),
                **body}

    async def set_policy(self, project_id: str, policy: Policy, author: str) -> dict[str, Any]:
        data = policy.to_dict()
        data.pop("severity_floors")
        await self._policies.put(project_id, data, author)
        return await self.policy(project_id)

    async def suppressions(self, project_id: str) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        return [{**item, "active": suppression_active(item, now)} for item in await self._suppressions.list(project_id)]

    async def add_suppression(self, project_id: str, data: dict[str, Any], author: str) -> dict[str, Any]:
        expires = data.get("expires_at")
        item = {
            "id": f"sup_{uuid.uuid4().hex}",
            "fingerprint": data.get("fingerprint"),
            "rule_id": data.get("rule_id"),
            "path_glob": data.get("path_glob") if data.get("rule_id") else None,
            "reason": data["reason"],
            "author": data.get("author") or author,
            "created_at": utc_now(),
            "expires_at": expires.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if expires else None,
        }
        await self._suppressions.add(project_id, item)
        return {**item, "active": True}

    async def remove_suppression(self, project_id: str, suppression_id: str) -> bool:
        return await self._suppressions.delete(project_id, suppression_id)
