"""Reviews: submit, status, history, cancel. Thin: parse, call the service, render."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web
from aiohttp_apigami import docs, match_info_schema, querystring_schema, request_schema, response_schema

from wfc_server.api.auth import before_body, current_project, requires_auth
from wfc_server.api.bodies import offloaded
from wfc_server.store.keys import SCOPE_READ, SCOPE_WRITE
from wfc_server.api.docs import documented
from wfc_server.api.render import dumps, json_response, raw_json_response
from wfc_server.api.errors import ApiError, not_found, too_many_requests
from wfc_server.api.schemas import (
    ReviewAcceptedSchema,
    ReviewListQuerySchema,
    ReviewListSchema,
    ReviewPathSchema,
    ReviewStatusSchema,
    ReviewSubmitSchema,
)
from wfc_server.service.reviews import NotAccepting, NotCancellable
from wfc_server.service.scheduler import ProjectQueueFull, QueueFull
from wfc_server.service.submissions import BaselineInvalid, IdempotencyMismatch
from wfc_server.state import REQUEST_ID, SERVICE, SUBMISSIONS
from wfc_server.store.records import PENDING, ReviewRecord


async def owned_review(request: web.Request) -> ReviewRecord:
    """The review named in the path: 404 if unknown, 403 if another project's."""
    review_id = request.match_info["review_id"]
    try:
        uuid.UUID(review_id)
    except ValueError:
        raise not_found("Review") from None
    record = await request.app[SERVICE].record(review_id.lower())
    if record is None:
        raise not_found("Review")
    if record.project_id != current_project(request).project_id:
        raise ApiError(403, "This review belongs to another project")
    return record


def _queue_refusal(exc: Exception) -> ApiError:
    if isinstance(exc, ProjectQueueFull):
        return too_many_requests(
            f"This project already has {exc.limit} reviews waiting (review.max_queued_per_project); "
            "submit more once some have finished.", 5)
    if isinstance(exc, QueueFull):
        return ApiError(503, "The review queue is full; retry later", headers={"Retry-After": "5"})
    return ApiError(503, "The service is shutting down; retry shortly", headers={"Retry-After": "5"})


def admit_submission(request: web.Request) -> None:
    """The queue's caps, checked before the (up to 1 MiB) body is read and validated."""
    try:
        request.app[SERVICE].check_admission(current_project(request).project_id)
    except (ProjectQueueFull, QueueFull, NotAccepting) as exc:
        raise _queue_refusal(exc) from None


@documented(
    "Submit a unified diff for review (asynchronous)",
    tags=["reviews"],
    errors=(400, 413, 422, 429, 507),
    authenticated=True,
    description="Answers 202 once the review and its diff are durably stored; poll the Location "
    "or watch /v1/reviews/{review_id}/ws. An optional Idempotency-Key header (kept 24 h per project) "
    "makes retries safe: the same key and body answer the original 202 (Idempotent-Replayed: true); "
    "the same key with another body answers 422.",
)
@docs(parameters=[{
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    "description": "Makes retries safe for 24 h: the same key and body answer the original 202",
}])
@requires_auth(SCOPE_WRITE)
@before_body(admit_submission)
@offloaded(ReviewSubmitSchema)
@request_schema(ReviewSubmitSchema)
@response_schema(ReviewAcceptedSchema, 202)
async def submit_review(request: web.Request) -> web.Response:
    data: dict[str, Any] = request["data"]
    key = idempotency_key(request)
    try:
        submitted = await request.app[SUBMISSIONS].submit(
            current_project(request), data, key, request_id=request.get(REQUEST_ID)
        )
    except BaselineInvalid as exc:
        raise ApiError(422, f"baseline: {exc}") from None
    except IdempotencyMismatch:
        raise ApiError(
            422,
            "Idempotency-Key was already used with a different request body; use a new key for a new "
            "review, or resend the original body to get the original review",
        ) from None
    except (ProjectQueueFull, QueueFull, NotAccepting) as exc:
        raise _queue_refusal(exc) from None
    record = submitted.record
    headers = {"Location": f"/v1/reviews/{record.review_id}"}
    if submitted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return json_response(
        {
            # A replay answers exactly what the original request was answered.
            "review_id": record.review_id,
            "status": PENDING if submitted.replayed else record.status,
            "submitted_at": record.submitted_at,
            "project_id": record.project_id,
        },
        status=202,
        headers=headers,
    )


def idempotency_key(request: web.Request) -> str | None:
    """The ``Idempotency-Key`` header: 1-255 visible ASCII characters, or absent."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= 255 or not all("!" <= ch <= "~" for ch in key):
        raise ApiError(422, "Idempotency-Key must be 1-255 visible ASCII characters (e.g. a UUID)")
    return key


@documented("Review status and, once completed, its result", tags=["reviews"], errors=(403, 404),
            authenticated=True)
@requires_auth(SCOPE_READ)
@match_info_schema(ReviewPathSchema)
@response_schema(ReviewStatusSchema, 200)
async def get_review(request: web.Request) -> web.Response:
    record = await owned_review(request)
    return raw_json_response(await request.app[SERVICE].render_body(record))


@documented("The caller's reviews, newest first (summaries unless ?view=full)", tags=["reviews"],
            errors=(422,), authenticated=True)
@requires_auth(SCOPE_READ)
@querystring_schema(ReviewListQuerySchema)
@response_schema(ReviewListSchema, 200)
async def list_reviews(request: web.Request) -> web.Response:
    query: dict[str, Any] = request["querystring"]
    total, page = await request.app[SERVICE].page(
        current_project(request).project_id, query["status"], query["limit"], query["offset"]
    )
    view = query["view"]
    head = dumps({"total": total, "limit": query["limit"], "offset": query["offset"], "view": view})
    service = request.app[SERVICE]
    if view == "full":
        # The same status objects GET returns (findings included), from each review's encoded
        # body (cached once final); pages of these are kept small by the schema.
        items = b",".join([await service.render_body(record) for record in page])
    else:
        items = b",".join([service.render_summary(record) for record in page])
    return raw_json_response(head[:-1] + b',"reviews":[' + items + b"]}")


@documented(
    "The diff a review was submitted with, as text/x-diff",
    tags=["reviews"],
    errors=(403, 404),
    authenticated=True,
    text_body="text/x-diff",
    description="The unified diff exactly as submitted (UTF-8), so a client can show each finding "
    "beside its line. Same authentication and ownership checks as GET /v1/reviews/{review_id}.",
)
@requires_auth(SCOPE_READ)
@match_info_schema(ReviewPathSchema)
async def get_review_diff(request: web.Request) -> web.Response:
    record = await owned_review(request)
    diff = await request.app[SERVICE].read_diff(record)
    return web.Response(
        text=diff,
        content_type="text/x-diff",
        charset="utf-8",
        headers={"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@documented(
    "Cancel a pending or in_progress review (an in_progress one is stopped)",
    tags=["reviews"],
    errors=(403, 404, 409, 507),
    authenticated=True,
)
@requires_auth(SCOPE_WRITE)
@match_info_schema(ReviewPathSchema)
@response_schema(ReviewStatusSchema, 200)
async def cancel_review(request: web.Request) -> web.Response:
    record = await owned_review(request)
    service = request.app[SERVICE]
    try:
        await service.cancel(record)
    except NotCancellable:
        raise ApiError(409, f"Review is already {record.status}; only pending or in_progress reviews can be cancelled") from None
    return json_response(await service.render(record))
