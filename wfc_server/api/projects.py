"""Projects: sign-up (no auth, limited per client address) and the public listing."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_apigami import request_schema, response_schema

from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.errors import ApiError, too_many_requests
from wfc_server.api.schemas import ProjectCreatedSchema, ProjectCreateSchema, ProjectListSchema
from wfc_server.logs import get_logger
from wfc_server.service.credentials import generate_api_key
from wfc_server.state import CREATE_LIMITER, HASHER, METRICS, PROJECTS, SETTINGS
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord, utc_now

log = get_logger("wfc.projects")


def client_address(request: web.Request) -> str:
    if request.app[SETTINGS].server.trust_forwarded_for:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.remote or "unknown"


def limit_signups(request: web.Request) -> None:
    """Unauthenticated creation is limited per client address (429 past the burst)."""
    state = request.app[CREATE_LIMITER].take(client_address(request))
    if not state.allowed:
        request.app[METRICS].rate_limited.labels(scope="create").inc()
        raise too_many_requests("Too many projects created from this address.", state.retry_after)


@documented(
    "Create a project and its API key (the key is shown once)",
    tags=["projects"],
    errors=(400, 409, 413, 422, 429, 507),
)
@request_schema(ProjectCreateSchema)
@response_schema(ProjectCreatedSchema, 201)
async def create_project(request: web.Request) -> web.Response:
    limit_signups(request)
    data: dict[str, Any] = request["data"]
    api_key = generate_api_key()
    project = ProjectRecord(
        project_id=data["project_id"],
        developer_id=data["developer_id"],
        repo_path=data.get("repo_path") or None,
        created_at=utc_now(),
        key_hash=request.app[HASHER].hash(api_key),
    )
    try:
        await request.app[PROJECTS].create(project)
    except ProjectExists:
        raise ApiError(409, f"Project '{project.project_id}' already exists") from None
    log.info("project.created", project_id=project.project_id, developer_id=project.developer_id)
    return json_response(
        {"project_id": project.project_id, "api_key": api_key, "created_at": project.created_at},
        status=201,
        headers={"Cache-Control": "no-store"},
    )


@documented("List projects (ids, developers and creation times only)", tags=["projects"])
@response_schema(ProjectListSchema, 200)
async def list_projects(request: web.Request) -> web.Response:
    projects = [p.public() for p in request.app[PROJECTS].all()]
    return json_response({"projects": projects, "total": len(projects)})
