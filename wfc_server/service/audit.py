"""The audit trail as the rest of the service records to it: who did what, to what, from where.

Entries never hold a secret: callers pass ids and names only, and every string is passed
through the log redactor as a second line of defence.
"""

from __future__ import annotations

from typing import Any

from wfc_server.logs import get_logger, redact
from wfc_server.store.audit import AuditLog
from wfc_server.store.records import utc_now

log = get_logger("wfc.audit")


class AuditTrail:
    def __init__(self, store: AuditLog) -> None:
        self._store = store

    async def record(
        self,
        action: str,
        *,
        actor: str,
        project_id: str | None = None,
        target: str | None = None,
        request_id: str | None = None,
        client: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        entry = {
            "time": utc_now(),
            "actor": actor,
            "project_id": project_id,
            "action": action,
            "target": target,
            "request_id": request_id,
            "client": client,
            "details": _scrub(details or {}),
        }
        stored = await self._store.append(entry)
        log.info("audit.recorded", action=action, actor=actor, project_id=project_id, target=target)
        return stored

    async def page(self, project_id: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        return await self._store.page(project_id, limit, offset)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(v) for v in value]
    return value
