"""Schemas of the operator and tenant endpoints: keys, audit, webhooks, admin views."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from wfc_server.api.schemas import ProjectSchema, RequestSchema, Text
from wfc_server.store.keys import ALL_SCOPES
from wfc_server.store.webhooks import EVENT_TYPES


class ProjectPathSchema(Schema):
    project_id = fields.Str(required=True)


class KeyPathSchema(ProjectPathSchema):
    key_id = fields.Str(required=True)


class WebhookPathSchema(ProjectPathSchema):
    webhook_id = fields.Str(required=True)


class DeliveryPathSchema(WebhookPathSchema):
    delivery_id = fields.Str(required=True)


class KeyCreateSchema(RequestSchema):
    name = Text(required=True, validate=validate.Length(min=1, max=100), metadata={"example": "ci"})
    scopes = fields.List(
        fields.Str(validate=validate.OneOf(ALL_SCOPES)), required=True, validate=validate.Length(min=1),
        metadata={"example": ["reviews:write", "reviews:read"]},
    )
    expires_at = fields.DateTime(load_default=None, allow_none=True,
                                 metadata={"description": "ISO 8601; the key is refused from then on"})

    @validates("expires_at")
    def _in_future(self, value: datetime | None, **_: Any) -> None:
        if value is not None:
            moment = value if value.tzinfo else value.replace(tzinfo=UTC)
            if moment <= datetime.now(UTC):
                raise ValidationError("must be in the future")


class KeySchema(Schema):
    key_id = fields.Str(required=True)
    name = fields.Str(required=True)
    prefix = fields.Str(required=True, metadata={"description": "The key's first characters, to recognise it"})
    scopes = fields.List(fields.Str(), required=True)
    created_at = fields.Str(required=True)
    expires_at = fields.Str(allow_none=True)
    last_used_at = fields.Str(allow_none=True, metadata={"description": "Updated in batches (see auth.last_used_flush_seconds)"})
    created_by = fields.Str(allow_none=True)


class KeyCreatedSchema(KeySchema):
    api_key = fields.Str(required=True, metadata={"description": "Shown once; stored only as a keyed hash"})


class KeyListSchema(Schema):
    keys = fields.List(fields.Nested(KeySchema), required=True)


class WhoAmISchema(Schema):
    kind = fields.Str(required=True, metadata={"description": "key or admin"})
    project_id = fields.Str(allow_none=True)
    key_id = fields.Str(allow_none=True)
    name = fields.Str(allow_none=True)
    scopes = fields.List(fields.Str(), required=True)
    expires_at = fields.Str(allow_none=True)


class PageQuerySchema(RequestSchema):
    limit = fields.Int(load_default=50, validate=validate.Range(min=1, max=500))
    offset = fields.Int(load_default=0, validate=validate.Range(min=0))


class AuditEntrySchema(Schema):
    seq = fields.Int(required=True)
    time = fields.Str(required=True)
    actor = fields.Str(required=True, metadata={"description": "A key id, `admin`, `system` or `anonymous`"})
    project_id = fields.Str(allow_none=True)
    action = fields.Str(required=True, metadata={"example": "key.revoked"})
    target = fields.Str(allow_none=True)
    request_id = fields.Str(allow_none=True)
    client = fields.Str(allow_none=True)
    details = fields.Dict()


class AuditPageSchema(Schema):
    total = fields.Int(required=True)
    limit = fields.Int(required=True)
    offset = fields.Int(required=True)
    entries = fields.List(fields.Nested(AuditEntrySchema), required=True)


class ProjectSummarySchema(ProjectSchema):
    reviews = fields.Int(required=True)
    active_reviews = fields.Int(required=True)
    keys = fields.Int(required=True)
    webhooks = fields.Int(required=True)
    last_activity_at = fields.Str(required=True)


class ProjectSummaryListSchema(Schema):
    total = fields.Int(required=True)
    limit = fields.Int(required=True)
    offset = fields.Int(required=True)
    projects = fields.List(fields.Nested(ProjectSummarySchema), required=True)


class DeletionSchema(Schema):
    project_id = fields.Str(required=True)
    status = fields.Str(required=True, metadata={"example": "deleting"})


class WebhookCreateSchema(RequestSchema):
    url = Text(required=True, validate=validate.Length(min=1, max=2048),
               metadata={"example": "https://ci.example.com/hooks/wfc"})
    events = fields.List(fields.Str(validate=validate.OneOf(EVENT_TYPES)), load_default=lambda: list(EVENT_TYPES),
                         validate=validate.Length(min=1))
    description = Text(load_default="", validate=validate.Length(max=200))


class WebhookUpdateSchema(RequestSchema):
    url = Text(validate=validate.Length(min=1, max=2048))
    events = fields.List(fields.Str(validate=validate.OneOf(EVENT_TYPES)), validate=validate.Length(min=1))
    description = Text(validate=validate.Length(max=200))
    enabled = fields.Bool(metadata={"description": "true re-enables an endpoint disabled after failures"})


class WebhookSchema(Schema):
    webhook_id = fields.Str(required=True)
    url = fields.Str(required=True)
    events = fields.List(fields.Str(), required=True)
    description = fields.Str()
    enabled = fields.Bool(required=True)
    disabled_reason = fields.Str(allow_none=True)
    consecutive_failures = fields.Int()
    created_at = fields.Str(required=True)
    updated_at = fields.Str(allow_none=True)
    secret_prefix = fields.Str(metadata={"description": "The secret's first characters, to recognise it"})


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.Str(required=True, metadata={"description": "whsec_...; shown once"})


class WebhookListSchema(Schema):
    webhooks = fields.List(fields.Nested(WebhookSchema), required=True)


class AttemptSchema(Schema):
    attempt = fields.Int(required=True)
    started_at = fields.Str()
    status_code = fields.Int(allow_none=True)
    duration_ms = fields.Float(allow_none=True)
    error = fields.Str(allow_none=True)
    response = fields.Str(allow_none=True, metadata={"description": "The response body's first 256 bytes"})
    redelivery_requested_at = fields.Str()


class DeliverySchema(Schema):
    delivery_id = fields.Str(required=True, metadata={"description": "Also the webhook-id header"})
    webhook_id = fields.Str(required=True)
    event_type = fields.Str(required=True)
    status = fields.Str(required=True, metadata={"description": "pending, succeeded or failed"})
    created_at = fields.Str(required=True)
    next_attempt_at = fields.Float(allow_none=True, metadata={"description": "Unix time of the next attempt"})
    attempts = fields.List(fields.Nested(AttemptSchema), required=True)


class DeliveryListSchema(Schema):
    total = fields.Int(required=True)
    limit = fields.Int(required=True)
    offset = fields.Int(required=True)
    deliveries = fields.List(fields.Nested(DeliverySchema), required=True)
