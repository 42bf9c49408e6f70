"""A project's quality gate: its policy and its server-side suppressions.

Project-scoped routes take the project from the path: its own keys (reading needs
``reviews:read``, changing needs ``project:admin``) or the operator's admin token. Every change is
written to the audit trail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from aiohttp_apigami import docs, match_info_schema, request_schema, response_schema
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from wfc_server.api.auth import audit, current_principal, current_project, requires_project_admin
from wfc_server.api.docs import documented
from wfc_server.api.errors import not_found
from wfc_server.api.render import json_response
from wfc_server.api.schemas import ID_PATTERN, RequestSchema, Text
from wfc_server.gate.globs import GlobError, compile_glob
from wfc_server.gate.policy import PolicySchema, policy_from
from wfc_server.gate.rule_ids import known_rule_ids
from wfc_server.state import GATE_SETTINGS
from wfc_server.store.keys import SCOPE_READ


class ProjectPathSchema(RequestSchema):
    project_id = fields.Str(required=True, validate=validate.Regexp(ID_PATTERN))


class SuppressionPathSchema(ProjectPathSchema):
    suppression_id = fields.Str(required=True)


class PolicyViewSchema(PolicySchema):
    class Meta:
        unknown = "exclude"

    project_id = fields.Str()
    version = fields.Int(metadata={"description": "0 until the policy is first set; +1 on every PUT"})
    updated_at = fields.Str(allow_none=True)
    updated_by = fields.Str(allow_none=True)


class SuppressionCreateSchema(RequestSchema):
    fingerprint = Text(load_default=None, validate=validate.Regexp(r"^[0-9a-f]{24}$",
                       error="must be a finding's 24-hex-digit fingerprint"))
    rule_id = Text(load_default=None)
    path_glob = Text(load_default=None, metadata={"description": "with rule_id: where it applies (default all)"})
    reason = Text(required=True, validate=validate.Length(min=1, max=1000))
    author = Text(load_default=None, validate=validate.Length(min=1, max=200),
                  metadata={"description": "default: the project's developer"})
    expires_at = fields.AwareDateTime(load_default=None, metadata={"description": "ISO 8601 with a zone"})

    @validates("rule_id")
    def _known(self, value: str | None, **_: Any) -> None:
        if value is not None and value not in known_rule_ids():
            raise ValidationError(f"unknown rule id: {value}")

    @validates("path_glob")
    def _glob(self, value: str | None, **_: Any) -> None:
        if value is not None:
            try:
                compile_glob(value)
            except GlobError as exc:
                raise ValidationError(str(exc)) from None

    @validates("expires_at")
    def _future(self, value: datetime | None, **_: Any) -> None:
        if value is not None and value <= datetime.now(UTC):
            raise ValidationError("must be in the future")

    @validates_schema
    def _one_target(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("fingerprint") is None) == (data.get("rule_id") is None):
            raise ValidationError("give exactly one of fingerprint or rule_id (with an optional path_glob)")
        if data.get("path_glob") is not None and data.get("rule_id") is None:
            raise ValidationError("path_glob needs a rule_id")


class SuppressionSchema(Schema):
    id = fields.Str()
    fingerprint = fields.Str(allow_none=True)
    rule_id = fields.Str(allow_none=True)
    path_glob = fields.Str(allow_none=True)
    reason = fields.Str()
    author = fields.Str()
    created_at = fields.Str()
    expires_at = fields.Str(allow_none=True)
    active = fields.Bool(metadata={"description": "false once expired (it then stops applying)"})


class SuppressionListSchema(Schema):
    suppressions = fields.List(fields.Nested(SuppressionSchema))
    total = fields.Int()


def author(request: web.Request) -> str:
    """Who a change is attributed to: the project's developer for its keys, else the operator."""
    principal = current_principal(request)
    return "admin" if principal is not None and principal.is_admin else current_project(request).developer_id


@documented("The project's quality gate policy", tags=["gate"], errors=(403,), authenticated=True, admin=True)
@requires_project_admin(SCOPE_READ)
@match_info_schema(ProjectPathSchema)
@response_schema(PolicyViewSchema, 200)
async def get_policy(request: web.Request) -> web.Response:
    project_id = current_project(request).project_id
    return json_response(await request.app[GATE_SETTINGS].policy(project_id))


@documented(
    "Replace the project's quality gate policy (a new version)",
    tags=["gate"],
    errors=(400, 403, 413, 422, 507),
    authenticated=True,
    admin=True,
    description="Fields left out take their defaults. Unknown fields and unknown rule ids are 422. "
    "Reviews record the version they were judged by.",
)
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@request_schema(PolicySchema)
@response_schema(PolicyViewSchema, 200)
async def put_policy(request: web.Request) -> web.Response:
    project_id = current_project(request).project_id
    body = await request.app[GATE_SETTINGS].set_policy(project_id, policy_from(request["data"]), author(request))
    await audit(request, "policy.updated", project_id=project_id, target=f"policy:v{body['version']}",
                details={field: body[field] for field in PolicySchema().fields if field in body})
    return json_response(body)


@documented("The project's server-side suppressions (expired ones are listed as inactive)", tags=["gate"],
            errors=(403,), authenticated=True, admin=True)
@requires_project_admin(SCOPE_READ)
@match_info_schema(ProjectPathSchema)
@response_schema(SuppressionListSchema, 200)
async def list_suppressions(request: web.Request) -> web.Response:
    items = await request.app[GATE_SETTINGS].suppressions(current_project(request).project_id)
    return json_response({"suppressions": items, "total": len(items)})


@documented(
    "Suppress findings: one by fingerprint, or a rule under a path glob",
    tags=["gate"],
    errors=(400, 403, 413, 422, 507),
    authenticated=True,
    admin=True,
    description="Suppressed findings stay in results with suppressed: {by: server, ...} and do not "
    "count for the gate or the score; an expired suppression stops applying by itself.",
)
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@request_schema(SuppressionCreateSchema)
@response_schema(SuppressionSchema, 201)
async def create_suppression(request: web.Request) -> web.Response:
    project_id = current_project(request).project_id
    item = await request.app[GATE_SETTINGS].add_suppression(project_id, request["data"], author(request))
    await audit(request, "suppression.created", project_id=project_id, target=item["id"],
                details={k: item[k] for k in ("fingerprint", "rule_id", "path_glob", "reason", "author", "expires_at")})
    return json_response(item, status=201, headers={
        "Location": f"/v1/projects/{project_id}/suppressions/{item['id']}"})


@documented("Remove a suppression", tags=["gate"], errors=(403, 404, 507), authenticated=True, admin=True)
@docs(responses={"204": {"description": "Removed; findings it covered count again from the next review"}})
@requires_project_admin()
@match_info_schema(SuppressionPathSchema)
async def delete_suppression(request: web.Request) -> web.Response:
    project_id = current_project(request).project_id
    suppression_id = request.match_info["suppression_id"]
    if not await request.app[GATE_SETTINGS].remove_suppression(project_id, suppression_id):
        raise not_found("Suppression")
    await audit(request, "suppression.deleted", project_id=project_id, target=suppression_id)
    return web.Response(status=204)
