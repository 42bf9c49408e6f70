"""The operator's views and a project's lifecycle: summaries, deletion, the audit trail."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_apigami import match_info_schema, querystring_schema, response_schema

from wfc_server.api.auth import audit, current_project, requires_admin, requires_project_admin
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.tenancy_schemas import (
    AuditPageSchema,
    DeletionSchema,
    PageQuerySchema,
    ProjectPathSchema,
    ProjectSummaryListSchema,
    ProjectSummarySchema,
)
from wfc_server.state import ACCESS, AUDIT, KEY_SESSIONS, PROJECTS, TENANTS


@documented("Every project with counts and last activity (admin token)", tags=["admin"],
            errors=(403, 422), admin=True)
@requires_admin()
@querystring_schema(PageQuerySchema)
@response_schema(ProjectSummaryListSchema, 200)
async def admin_projects(request: web.Request) -> web.Response:
    query: dict[str, Any] = request["querystring"]
    projects = request.app[PROJECTS].all()
    page = projects[query["offset"]: query["offset"] + query["limit"]]
    tenants = request.app[TENANTS]
    return json_response({"total": len(projects), "limit": query["limit"], "offset": query["offset"],
                          "projects": [await tenants.summary(p) for p in page]})


@documented("One project with counts and last activity", tags=["admin"], errors=(403, 404),
            authenticated=True, admin=True, description="The admin token, or a key of the project with project:admin.")
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@response_schema(ProjectSummarySchema, 200)
async def get_project(request: web.Request) -> web.Response:
    return json_response(await request.app[TENANTS].summary(current_project(request)))


@documented("Delete a project: reviews, diffs, events, keys, webhooks and workspaces are purged",
            tags=["admin"], errors=(403, 404), authenticated=True, admin=True,
            description="Answers 202 at once; the project is gone from every lookup immediately and "
            "its data is purged in the background (a restart finishes an interrupted purge). The admin "
            "token, or the project's own key with project:admin.")
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@response_schema(DeletionSchema, 202)
async def delete_project(request: web.Request) -> web.Response:
    project = current_project(request)
    key_ids = [k.key_id for k in request.app[ACCESS].live_keys(project.project_id)]
    await audit(request, "project.deleted", project_id=project.project_id, target=project.project_id)
    await request.app[TENANTS].delete_project(project.project_id)
    await request.app[KEY_SESSIONS].close(key_ids, "project deleted")
    return json_response({"project_id": project.project_id, "status": "deleting"}, status=202)


@documented("The project's audit trail, newest first", tags=["admin"], errors=(403, 404, 422),
            authenticated=True, admin=True, description="Needs project:admin (or the admin token).")
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@querystring_schema(PageQuerySchema)
@response_schema(AuditPageSchema, 200)
async def project_audit(request: web.Request) -> web.Response:
    return await _audit_page(request, current_project(request).project_id)


@documented("The whole audit trail, newest first (admin token)", tags=["admin"], errors=(403, 422),
            admin=True)
@requires_admin()
@querystring_schema(PageQuerySchema)
@response_schema(AuditPageSchema, 200)
async def admin_audit(request: web.Request) -> web.Response:
    return await _audit_page(request, None)


async def _audit_page(request: web.Request, project_id: str | None) -> web.Response:
    query: dict[str, Any] = request["querystring"]
    total, entries = await request.app[AUDIT].page(project_id, query["limit"], query["offset"])
    return json_response({"total": total, "limit": query["limit"], "offset": query["offset"], "entries": entries})
