"""Reviews: submit, status, history, cancel. Thin: parse, call the service, render."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web
from aiohttp_apigami import match_info_schema, querystring_schema, request_schema, response_schema

from wfc_server.api.auth import before_body, current_project, requires_auth
from wfc_server.api.bodies import offloaded
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
from wfc_server.state import REVIEW_STORE, SERVICE
from wfc_server.store.records import ReviewRecord


def owned_review(request: web.Request) -> ReviewRecord:
    """The review named in the path: 404 if unknown, 403 if another project's."""
    review_id = request.match_info["review_id"]
    try:
        uuid.UUID(review_id)
    except ValueError:
        raise not_found("Review") from None
    record = request.app[REVIEW_STORE].get(review_id.lower())
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
    "or watch /v1/reviews/{review_id}/ws.",
)
@requires_auth()
@before_body(admit_submission)
@offloaded(ReviewSubmitSchema)
@request_schema(ReviewSubmitSchema)
@response_schema(ReviewAcceptedSchema, 202)
async def submit_review(request: web.Request) -> web.Response:
    data: dict[str, Any] = request["data"]
    try:
        record = await request.app[SERVICE].submit(
            current_project(request), data["diff_content"], data["files"], data["base_ref"]
        )
    except (ProjectQueueFull, QueueFull, NotAccepting) as exc:
        raise _queue_refusal(exc) from None
    return json_response(
        {
            "review_id": record.review_id,
            "status": record.status,
            "submitted_at": record.submitted_at,
            "project_id": record.project_id,
        },
        status=202,
        headers={"Location": f"/v1/reviews/{record.review_id}"},
    )


@documented("Review status and, once completed, its result", tags=["reviews"], errors=(403, 404),
            authenticated=True)
@requires_auth()
@match_info_schema(ReviewPathSchema)
@response_schema(ReviewStatusSchema, 200)
async def get_review(request: web.Request) -> web.Response:
    record = owned_review(request)
    return raw_json_response(await request.app[SERVICE].render_body(record))


@documented("The caller's reviews, newest first (summaries unless ?view=full)", tags=["reviews"],
            errors=(422,), authenticated=True)
@requires_auth()
@querystring_schema(ReviewListQuerySchema)
@response_schema(ReviewListSchema, 200)
async def list_reviews(request: web.Request) -> web.Response:
    query: dict[str, Any] = request["querystring"]
    total, page = request.app[REVIEW_STORE].list(
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
    "Cancel a pending or running review (a running one is stopped)",
    tags=["reviews"],
    errors=(403, 404, 409, 507),
    authenticated=True,
)
@requires_auth()
@match_info_schema(ReviewPathSchema)
@response_schema(ReviewStatusSchema, 200)
async def cancel_review(request: web.Request) -> web.Response:
    record = owned_review(request)
    service = request.app[SERVICE]
    try:
        await service.cancel(record)
    except NotCancellable:
        raise ApiError(409, f"Review is already {record.status}; only pending or in_progress reviews can be cancelled") from None
    return json_response(await service.render(record))
