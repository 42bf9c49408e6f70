"""Projects: sign-up (no auth, limited per client address) and the public listing."""

from __future__ import annotations

import ipaddress
from typing import Any

from aiohttp import web
from aiohttp_apigami import querystring_schema, request_schema, response_schema

from wfc_server.api.auth import actor, audit, client_address, registration
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.errors import ApiError, too_many_requests
from wfc_server.api.schemas import (
    ProjectCreatedSchema,
    ProjectCreateSchema,
    ProjectListQuerySchema,
    ProjectListSchema,
)
from wfc_server.logs import get_logger
from wfc_server.review.git import repo_path_refusal
from wfc_server.state import CREATE_LIMITER, CREATE_PREFIX_LIMITER, METRICS, PROJECTS, SETTINGS, TENANTS
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord, utc_now

log = get_logger("wfc.projects")


def address_prefix(address: str) -> str:
    """The network a client address belongs to for sign-up limits: IPv4 /24, IPv6 /64 (one
    host commonly holds a whole /64, and a /24 is one small network)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


async def limit_signups(request: web.Request) -> None:
    """Unauthenticated creation is limited per client address and per address prefix (429 past
    either burst): many addresses of one network share the prefix's bucket."""
    address = client_address(request)
    for limiter, key, what in ((request.app[CREATE_LIMITER], address, "this address"),
                               (request.app[CREATE_PREFIX_LIMITER], address_prefix(address), "this network")):
        state = await limiter.take(key)
        if not state.allowed:
            request.app[METRICS].rate_limited.labels(scope="create").inc()
            raise too_many_requests(f"Too many projects created from {what}.", state.retry_after)


def check_repo_path(request: web.Request, repo_path: str) -> None:
    """Where repository mode is on, a project's repo_path must lie under an allowed root and
    belong to no other project (unless ``repos.allow_shared``)."""
    repos = request.app[SETTINGS].repos
    if not repos.allowed_roots:
        return  # repository mode is off: the path is never read
    if repo_path_refusal(repo_path, repos.allowed_roots) is not None:
        raise ApiError(422, "repo_path: must lie under one of the server's allowed repository roots "
                            "(repos.allowed_roots)")
    if not repos.allow_shared and request.app[PROJECTS].repo_claimant(repo_path) is not None:
        raise ApiError(409, "repo_path is already registered to another project")


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
    if data.get("repo_path"):
        check_repo_path(request, data["repo_path"])
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


@documented("List projects (ids, developers and creation times only), oldest first, paginated",
            tags=["projects"], errors=(401, 422, 429),
            description="Public when auth.registration is `open`; otherwise it needs the admin token.")
@registration("list")
@querystring_schema(ProjectListQuerySchema)
@response_schema(ProjectListSchema, 200)
async def list_projects(request: web.Request) -> web.Response:
    query: dict[str, Any] = request["querystring"]
    total, page = request.app[PROJECTS].page(query["limit"], query["offset"])
    return json_response({"projects": [p.public() for p in page], "total": total,
                          "limit": query["limit"], "offset": query["offset"]})
