"""Projects: sign-up (no auth, limited per client address) and the public listing."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_apigami import request_schema, response_schema

from wfc_server.api.auth import actor, audit, client_address, registration
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.errors import ApiError, too_many_requests
from wfc_server.api.schemas import ProjectCreatedSchema, ProjectCreateSchema, ProjectListSchema
from wfc_server.logs import get_logger
from wfc_server.state import CREATE_LIMITER, METRICS, PROJECTS, TENANTS
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord, utc_now

log = get_logger("wfc.projects")


async def limit_signups(request: web.Request) -> None:
    """Unauthenticated creation is limited per client address (429 past the burst)."""
    state = await request.app[CREATE_LIMITER].take(client_address(request))
    if not state.allowed:
        request.app[METRICS].rate_limited.labels(scope="create").inc()
        raise too_many_requests("Too many projects created from this address.", state.retry_after)


@documented(
    "Create a project and its API key (the key is shown once)",
    tags=["projects"],
    errors=(400, 401, 403, 409, 413, 422, 429, 507),
    description="Open to anyone when auth.registration is `open` (the default); with `admin` it "
    "needs the admin token (Authorization: Bearer, no X-Project-ID); `closed` refuses it (403).",
)
@registration("create")
@request_schema(ProjectCreateSchema)
@response_schema(ProjectCreatedSchema, 201)
async def create_project(request: web.Request) -> web.Response:
    await limit_signups(request)
    data: dict[str, Any] = request["data"]
    project = ProjectRecord(
        project_id=data["project_id"],
        developer_id=data["developer_id"],
        repo_path=data.get("repo_path") or None,
        created_at=utc_now(),
        key_hash="",
    )
    try:
        key, api_key = await request.app[TENANTS].create_project(project, actor(request))
    except ProjectExists:
        raise ApiError(409, f"Project '{project.project_id}' already exists") from None
    await audit(request, "project.created", project_id=project.project_id, target=key.key_id,
                details={"developer_id": project.developer_id})
    log.info("project.created", project_id=project.project_id, developer_id=project.developer_id)
    return json_response(
        {"project_id": project.project_id, "api_key": api_key, "created_at": project.created_at},
        status=201,
        headers={"Cache-Control": "no-store"},
    )


@documented("List projects (ids, developers and creation times only)", tags=["projects"], errors=(401, 429),
            description="Public when auth.registration is `open`; otherwise it needs the admin token.")
@registration("list")
@response_schema(ProjectListSchema, 200)
async def list_projects(request: web.Request) -> web.Response:
    projects = [p.public() for p in request.app[PROJECTS].all()]
    return json_response({"projects": projects, "total": len(projects)})
