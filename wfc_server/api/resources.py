"""Resources: the worktree pool and the caller's rate-limit bucket."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from aiohttp_apigami import response_schema

from wfc_server.api.auth import current_project, requires_auth
from wfc_server.store.keys import SCOPE_READ
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.schemas import PoolStatusSchema, RateLimitStatusSchema
from wfc_server.state import ENGINE, PROJECT_LIMITER


@documented(
    "Worktree pool status (counts are global; in_use lists only your project's worktrees)",
    tags=["resources"],
    authenticated=True,
)
@requires_auth(SCOPE_READ)
@response_schema(PoolStatusSchema, 200)
async def pool_status(request: web.Request) -> web.Response:
    return json_response(request.app[ENGINE].pool_status(current_project(request).project_id))


@documented("Your project's rate-limit bucket", tags=["resources"], authenticated=True)
@requires_auth(SCOPE_READ)
@response_schema(RateLimitStatusSchema, 200)
async def rate_limit_status(request: web.Request) -> web.Response:
    limiter = request.app[PROJECT_LIMITER]
    project_id = current_project(request).project_id
    state = await limiter.peek(project_id)
    next_refill = datetime.fromtimestamp(await limiter.next_refill_epoch(project_id), UTC)
    return json_response(
        {
            "capacity": limiter.capacity,
            "available_tokens": round(state.remaining, 3),
            "refill_rate": float(limiter.rate),
            "next_refill_at": next_refill.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
    )
