"""Report downloads: a completed review in SARIF, GitLab Code Quality, rdjson, JUnit or Markdown."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apigami import docs, match_info_schema, querystring_schema
from marshmallow import fields, validate

from wfc_server.api.auth import requires_auth
from wfc_server.api.docs import documented
from wfc_server.api.errors import ApiError
from wfc_server.api.reviews import owned_review
from wfc_server.api.schemas import RequestSchema, ReviewPathSchema, Text
from wfc_server.reports import FORMATS, render
from wfc_server.state import SERVICE
from wfc_server.store.keys import SCOPE_READ
from wfc_server.store.records import COMPLETED


class ReportQuerySchema(RequestSchema):
    format = Text(
        required=True,
        validate=validate.OneOf(tuple(FORMATS), error="must be one of: " + ", ".join(FORMATS)),
        metadata={"description": "sarif (SARIF 2.1.0), codequality (GitLab), rdjson (reviewdog), junit, markdown"},
    )
    download = fields.Bool(load_default=False, metadata={"description": "Ask the browser to save it as a file"})


@documented(
    "A completed review as a standard report (SARIF, GitLab Code Quality, rdjson, JUnit, Markdown)",
    tags=["reviews"],
    errors=(403, 404, 409, 422),
    authenticated=True,
    description="409 while the review is not completed; 422 for an unknown format.",
)
@docs(responses={"200": {
    "description": "The report: application/sarif+json (sarif), application/json (codequality, rdjson), "
    "application/xml (junit) or text/markdown (markdown)",
    "content": {
        "application/sarif+json": {"schema": {"type": "object"}},
        "application/json": {"schema": {}},  # codequality is an array, rdjson an object
        "application/xml": {"schema": {"type": "string"}},
        "text/markdown": {"schema": {"type": "string"}},
    },
}})
@requires_auth(SCOPE_READ)
@match_info_schema(ReviewPathSchema)
@querystring_schema(ReportQuerySchema)
async def review_report(request: web.Request) -> web.Response:
    record = await owned_review(request)
    query = request["querystring"]
    if record.status != COMPLETED:
        raise ApiError(409, f"Review is {record.status}; reports exist only for completed reviews")
    review = await request.app[SERVICE].render(record)
    fmt = FORMATS[query["format"]]
    headers = {}
    if query["download"]:
        headers["Content-Disposition"] = f'attachment; filename="wfc-{record.review_id}.{fmt.extension}"'
    return web.Response(
        text=render(fmt.name, review), content_type=fmt.media_type, charset="utf-8", headers=headers
    )
