"""A project's API keys: create (secret shown once), list (never a secret), revoke; and whoami.

Rotation is a new key plus an ``expires_at`` on the old one (or its revocation once CI has
switched), so nothing stops in between.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from aiohttp import web
from aiohttp_apigami import match_info_schema, request_schema, response_schema

from wfc_server.api.auth import actor, audit, current_principal, current_project, requires_auth, requires_project_admin
from wfc_server.api.docs import documented
from wfc_server.api.errors import not_found
from wfc_server.api.render import json_response
from wfc_server.api.tenancy_schemas import (
    KeyCreatedSchema,
    KeyCreateSchema,
    KeyListSchema,
    KeyPathSchema,
    ProjectPathSchema,
    WhoAmISchema,
)
from wfc_server.state import ACCESS, KEY_SESSIONS

NO_STORE = {"Cache-Control": "no-store"}


@documented("Create an API key for the project (the secret is shown once)", tags=["keys"],
            errors=(403, 404, 422), authenticated=True, admin=True,
            description="Needs `project:admin` (or the admin token). Scopes: reviews:write, reviews:read, "
            "project:admin. Rotate by creating a new key and setting expires_at on the old one.")
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@request_schema(KeyCreateSchema)
@response_schema(KeyCreatedSchema, 201)
async def create_key(request: web.Request) -> web.Response:
    data: dict[str, Any] = request["data"]
    project = current_project(request)
    expires = data["expires_at"]
    expires_at = None
    if expires is not None:
        moment = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
        expires_at = moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    key, secret = await request.app[ACCESS].create_key(
        project.project_id, data["name"], data["scopes"], expires_at, actor(request)
    )
    await audit(request, "key.created", project_id=project.project_id, target=key.key_id,
                details={"name": key.name, "scopes": key.scopes, "expires_at": key.expires_at})
    return json_response({**key.public(), "api_key": secret}, status=201, headers=NO_STORE)


@documented("The project's live keys (never a secret or a hash)", tags=["keys"], errors=(403, 404),
            authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@response_schema(KeyListSchema, 200)
async def list_keys(request: web.Request) -> web.Response:
    keys = request.app[ACCESS].live_keys(current_project(request).project_id)
    return json_response({"keys": [k.public() for k in keys]})


@documented("Revoke a key at once (REST refuses it, its open WebSockets close)", tags=["keys"],
            errors=(403, 404), authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(KeyPathSchema)
async def revoke_key(request: web.Request) -> web.Response:
    project = current_project(request)
    access = request.app[ACCESS]
    key = access.key(project.project_id, request.match_info["key_id"])
    if key is None:
        raise not_found("Key")
    await access.revoke(key)
    closed = await request.app[KEY_SESSIONS].close([key.key_id], "API key revoked")
    await audit(request, "key.revoked", project_id=project.project_id, target=key.key_id,
                details={"name": key.name, "websockets_closed": closed})
    return web.Response(status=204)


@documented("Who the credentials are: the key's project, name and scopes (or the admin)", tags=["keys"],
            authenticated=True, admin=True,
            description="Clients (the dashboard) use it to learn what they may do, e.g. hide submit "
            "and cancel for a read-only key.")
@requires_auth(None)
@response_schema(WhoAmISchema, 200)
async def whoami(request: web.Request) -> web.Response:
    principal = current_principal(request)
    assert principal is not None
    key = principal.key
    if key is None:
        return json_response({"kind": "admin", "project_id": None, "key_id": None, "name": None,
                              "scopes": list(principal.scopes), "expires_at": None})
    return json_response({"kind": "key", "project_id": key.project_id, "key_id": key.key_id, "name": key.name,
                          "scopes": list(key.scopes), "expires_at": key.expires_at})
