"""A project's webhooks: endpoints (secret shown once), their delivery log, redelivery."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp_apigami import match_info_schema, querystring_schema, request_schema, response_schema

from wfc_server.api.auth import audit, current_project, requires_project_admin
from wfc_server.api.docs import documented
from wfc_server.api.errors import ApiError, not_found
from wfc_server.api.render import json_response
from wfc_server.api.tenancy_schemas import (
    DeliveryListSchema,
    DeliveryPathSchema,
    DeliverySchema,
    PageQuerySchema,
    ProjectPathSchema,
    WebhookCreatedSchema,
    WebhookCreateSchema,
    WebhookListSchema,
    WebhookPathSchema,
    WebhookSchema,
    WebhookUpdateSchema,
)
from wfc_server.service.targets import TargetRefused
from wfc_server.service.webhooks import NotRedeliverable
from wfc_server.state import WEBHOOKS
from wfc_server.store.webhooks import WebhookRecord

NO_STORE = {"Cache-Control": "no-store"}
_ERRORS = (403, 404, 422)


def _webhook(request: web.Request) -> WebhookRecord:
    hook = request.app[WEBHOOKS].webhook(current_project(request).project_id, request.match_info["webhook_id"])
    if hook is None:
        raise not_found("Webhook")
    return hook


@documented("Register a webhook endpoint (its signing secret is shown once)", tags=["webhooks"],
            errors=_ERRORS, authenticated=True, admin=True,
            description="Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, "
            "webhook-signature). Events: review.completed, review.failed, review.cancelled. Targets in "
            "loopback, link-local and private ranges are refused unless webhooks.allow_private_targets.")
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@request_schema(WebhookCreateSchema)
@response_schema(WebhookCreatedSchema, 201)
async def create_webhook(request: web.Request) -> web.Response:
    data: dict[str, Any] = request["data"]
    project = current_project(request)
    try:
        hook = await request.app[WEBHOOKS].create(project.project_id, data["url"], data["events"], data["description"])
    except TargetRefused as exc:
        raise ApiError(422, f"url: {exc}") from None
    await audit(request, "webhook.created", project_id=project.project_id, target=hook.webhook_id,
                details={"url": hook.url, "events": hook.events})
    return json_response({**hook.public(), "secret": hook.secret}, status=201, headers=NO_STORE)


@documented("The project's webhook endpoints (never a secret)", tags=["webhooks"], errors=_ERRORS,
            authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(ProjectPathSchema)
@response_schema(WebhookListSchema, 200)
async def list_webhooks(request: web.Request) -> web.Response:
    hooks = request.app[WEBHOOKS].webhooks(current_project(request).project_id)
    return json_response({"webhooks": [h.public() for h in hooks]})


@documented("One webhook endpoint", tags=["webhooks"], errors=_ERRORS, authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(WebhookPathSchema)
@response_schema(WebhookSchema, 200)
async def get_webhook(request: web.Request) -> web.Response:
    return json_response(_webhook(request).public())


@documented("Change a webhook's url, events, description or enabled flag", tags=["webhooks"],
            errors=_ERRORS, authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(WebhookPathSchema)
@request_schema(WebhookUpdateSchema)
@response_schema(WebhookSchema, 200)
async def update_webhook(request: web.Request) -> web.Response:
    hook = _webhook(request)
    changes: dict[str, Any] = request["data"]
    try:
        hook = await request.app[WEBHOOKS].update(hook, changes)
    except TargetRefused as exc:
        raise ApiError(422, f"url: {exc}") from None
    await audit(request, "webhook.updated", project_id=hook.project_id, target=hook.webhook_id,
                details={"changed": sorted(changes)})
    return json_response(hook.public())


@documented("Rotate a webhook's secret (the old one keeps signing for the grace period)",
            tags=["webhooks"], errors=_ERRORS, authenticated=True, admin=True,
            description="Answers the new secret once. Until webhooks.rotation_grace_seconds pass, "
            "deliveries carry two signatures, one per secret.")
@requires_project_admin()
@match_info_schema(WebhookPathSchema)
@response_schema(WebhookCreatedSchema, 200)
async def rotate_webhook_secret(request: web.Request) -> web.Response:
    hook = await request.app[WEBHOOKS].rotate_secret(_webhook(request))
    await audit(request, "webhook.secret_rotated", project_id=hook.project_id, target=hook.webhook_id)
    return json_response({**hook.public(), "secret": hook.secret}, headers=NO_STORE)


@documented("Delete a webhook endpoint and its delivery log", tags=["webhooks"], errors=_ERRORS,
            authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(WebhookPathSchema)
async def delete_webhook(request: web.Request) -> web.Response:
    hook = _webhook(request)
    await request.app[WEBHOOKS].delete(hook)
    await audit(request, "webhook.deleted", project_id=hook.project_id, target=hook.webhook_id,
                details={"url": hook.url})
    return web.Response(status=204)


@documented("A webhook's deliveries, newest first, each with its attempts", tags=["webhooks"],
            errors=_ERRORS, authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(WebhookPathSchema)
@querystring_schema(PageQuerySchema)
@response_schema(DeliveryListSchema, 200)
async def list_deliveries(request: web.Request) -> web.Response:
    hook = _webhook(request)
    query: dict[str, Any] = request["querystring"]
    deliveries = request.app[WEBHOOKS].deliveries(hook.webhook_id)
    page = deliveries[query["offset"]: query["offset"] + query["limit"]]
    return json_response({"total": len(deliveries), "limit": query["limit"], "offset": query["offset"],
                          "deliveries": [d.public() for d in page]})


@documented("Send a delivery again (same webhook-id, fresh retries)", tags=["webhooks"],
            errors=(403, 404, 409), authenticated=True, admin=True)
@requires_project_admin()
@match_info_schema(DeliveryPathSchema)
@response_schema(DeliverySchema, 202)
async def redeliver(request: web.Request) -> web.Response:
    hook = _webhook(request)
    service = request.app[WEBHOOKS]
    delivery = service.delivery(hook.project_id, request.match_info["delivery_id"])
    if delivery is None or delivery.webhook_id != hook.webhook_id:
        raise not_found("Delivery")
    try:
        delivery = await service.redeliver(delivery)
    except NotRedeliverable:
        raise ApiError(409, "The webhook is disabled; re-enable it (PATCH enabled=true) first") from None
    accepted = delivery.public()  # as accepted: the attempt may finish while the audit entry is written
    await audit(request, "webhook.redelivery_requested", project_id=hook.project_id, target=delivery.delivery_id)
    return json_response(accepted, status=202)
