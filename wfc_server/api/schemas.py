"""marshmallow schemas: they validate requests and document every body in /openapi.json."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates, validates_schema

from wfc_server.review import validate_diff, validate_ref
from wfc_server.review.model import SEVERITIES, DiffValidationError
from wfc_server.service.credentials import KEY_PREFIX
from wfc_server.store.records import STATUSES

# \Z, not $: "$" also matches before a trailing newline, which let "my-id\n" through.
ID_PATTERN = r"^[a-zA-Z0-9_-]{1,64}\Z"


class Text(fields.Str):
    """A string that is valid Unicode: JSON escapes can smuggle in lone surrogates
    (``"\\ud800"``), which no file, log line or response could hold."""

    default_error_messages = {"surrogate": "must be valid Unicode (lone surrogate escapes are not allowed)"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise self.make_error("surrogate") from None
        return text


class RequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # tolerate extra fields from newer clients


class ProjectCreateSchema(RequestSchema):
    project_id = Text(
        required=True,
        validate=validate.Regexp(ID_PATTERN, error="must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'"),
        metadata={"description": "Unique project id", "example": "my-project"},
    )
    developer_id = Text(
        required=True,
        validate=validate.Regexp(ID_PATTERN, error="must be 1-64 characters of a-z, A-Z, 0-9, '_' or '-'"),
        metadata={"example": "alice"},
    )
    @validates("project_id")
    def _not_key_shaped(self, value: str, **_: Any) -> None:
        if value.lower().startswith(KEY_PREFIX):
            raise ValidationError(f"must not start with {KEY_PREFIX!r} (the API key prefix)")

    repo_path = Text(
        required=False,
        load_default=None,
        allow_none=True,
        validate=[
            validate.Length(min=1, max=4096),
            validate.Regexp(r"^/[^\x00-\x1f\x7f]*\Z", error="must be an absolute path (start with '/') "
                            "without control characters"),
        ],
        metadata={
            "description": "Optional absolute path of the project's git repository on the server. "
            "Without it the project is diff-only (reviews read the diff alone); with it reviews read "
            "whole files in repository mode, and fall back to diff-only mode, saying why in "
            "coverage.mode_reason, when it is not usable.",
            "example": "/srv/repos/my-project",
        },
    )


class ProjectCreatedSchema(Schema):
    project_id = fields.Str(required=True)
    api_key = fields.Str(required=True, metadata={"description": "Shown once; stored only as a hash"})
    created_at = fields.Str(required=True, metadata={"format": "date-time"})


class ProjectSchema(Schema):
    project_id = fields.Str(required=True)
    developer_id = fields.Str(required=True)
    created_at = fields.Str(required=True, metadata={"format": "date-time"})


class ProjectListSchema(Schema):
    projects = fields.List(fields.Nested(ProjectSchema), required=True)
    total = fields.Int(required=True)
    limit = fields.Int(required=True)
    offset = fields.Int(required=True)


class ProjectListQuerySchema(RequestSchema):
    limit = fields.Int(load_default=100, validate=validate.Range(min=1, max=1000))
    offset = fields.Int(load_default=0, validate=validate.Range(min=0, max=10_000_000))


class ReviewSubmitSchema(RequestSchema):
    diff_content = Text(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "A unified git diff (`git diff` output)"},
    )
    files = fields.List(
        Text(validate=validate.Regexp(r"\S", error="must not be empty or whitespace")),
        load_default=list,
        metadata={"description": "Review only these paths of the diff (default: all)"},
    )
    base_ref = Text(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=255),
        metadata={"description": "Git ref the diff applies to in repository mode (default HEAD)"},
    )

    branch = Text(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(min=1, max=255), validate.Regexp(r"^[^\x00-\x1f\x7f]+$", error="must be printable")],
        metadata={"description": "The branch this change is on; a later review may name it as its baseline"},
    )
    baseline = Text(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=255),
        metadata={"description": "A completed review id of this project, or a branch whose latest completed "
                  "review is used: findings it already had are `existing`, the gate counts only `new` ones"},
    )

    @validates("diff_content")
    def _is_diff(self, value: str, **_: Any) -> None:
        try:
            validate_diff(value)
        except DiffValidationError as exc:
            raise ValidationError(str(exc)) from None

    @validates("base_ref")
    def _is_ref(self, value: str | None, **_: Any) -> None:
        if value is not None:
            try:
                validate_ref(value)
            except DiffValidationError as exc:
                raise ValidationError(str(exc)) from None


class ReviewAcceptedSchema(Schema):
    review_id = fields.UUID(required=True)
    status = fields.Str(required=True, metadata={"example": "pending"})
    submitted_at = fields.Str(required=True, metadata={"format": "date-time"})
    project_id = fields.Str(required=True)


class FindingSchema(Schema):
    severity = fields.Str(required=True, validate=validate.OneOf(SEVERITIES))
    category = fields.Str(required=True)
    title = fields.Str(required=True)
    description = fields.Str(required=True)
    file = fields.Str(required=True)
    line = fields.Int(required=True, allow_none=True)
    end_line = fields.Int(allow_none=True)
    column = fields.Int(allow_none=True)
    suggestion = fields.Str(required=True)
    confidence = fields.Int(required=True)
    reviewer = fields.Str()
    reviewers = fields.List(fields.Str())
    rule_id = fields.Str()
    cwe = fields.Str(allow_none=True)
    fingerprint = fields.Str(metadata={"description": "Stable identity: path, defect kind and line text, not the line number"})
    baseline_state = fields.Str(allow_none=True, metadata={"description": "new or existing (null without a baseline)"})
    suppressed = fields.Dict(allow_none=True, metadata={"description": "{by: inline|server, reason, ...} or null"})
    counted = fields.Bool(metadata={"description": "Whether the quality gate counted it"})
    original_severity = fields.Str(metadata={"description": "Before a policy severity override"})
    anchor = fields.Str(metadata={"description": "Rule and line text digest, used to tell fixed findings"})


class ReviewerReportSchema(Schema):
    score = fields.Float(required=True)
    findings = fields.Int(required=True)
    status = fields.Str(required=True)
    duration_ms = fields.Int(required=True)


class SkippedFileSchema(Schema):
    path = fields.Str(required=True)
    reason = fields.Str(required=True)


class CoverageSchema(Schema):
    files_total = fields.Int()
    reviewed = fields.Int()
    reviewed_files = fields.List(fields.Str(), metadata={"description": "The paths reviewed (skipped ones are in skipped)"})
    skipped = fields.List(fields.Nested(SkippedFileSchema))
    mode = fields.Str(validate=validate.OneOf(("repo", "diff")))
    mode_reason = fields.Str(allow_none=True, metadata={"description": "Why diff-only mode was used"})
    repaired = fields.List(fields.Str(), metadata={"description": "Paths whose hunks were repaired to parse"})


class ReviewStatusSchema(Schema):
    review_id = fields.UUID(required=True)
    status = fields.Str(required=True, validate=validate.OneOf(STATUSES))
    project_id = fields.Str(required=True)
    developer_id = fields.Str(required=True)
    submitted_at = fields.Str(required=True, metadata={"format": "date-time"})
    started_at = fields.Str(allow_none=True)
    completed_at = fields.Str(required=True, allow_none=True)
    consensus_score = fields.Float(required=True, allow_none=True, metadata={"description": "0-10, higher is better"})
    passed = fields.Bool(required=True, allow_none=True)
    findings = fields.List(fields.Nested(FindingSchema), required=True, allow_none=True)
    findings_count = fields.Int(allow_none=True)
    error = fields.Str(allow_none=True, metadata={"description": "Present when status is failed"})
    progress = fields.Int(metadata={"description": "0-100"})
    files = fields.List(fields.Str())
    base_ref = fields.Str(allow_none=True)
    branch = fields.Str(allow_none=True)
    risk = fields.Float(allow_none=True)
    tier = fields.Str(allow_none=True)
    minority_protection_applied = fields.Bool(allow_none=True)
    reviewers = fields.Dict(keys=fields.Str(), values=fields.Nested(ReviewerReportSchema), allow_none=True)
    coverage = fields.Nested(CoverageSchema, allow_none=True)
    engine_version = fields.Str(allow_none=True)
    gate = fields.Dict(allow_none=True, metadata={"description": "How the quality gate judged the review: "
                       "status (pass/warn/fail), reason, mode, counts, policy_version, policy, provenance, "
                       "config_warnings, ignored"})
    baseline = fields.Dict(allow_none=True, metadata={"description": "{requested, review_id, note}; in repository "
                         "mode without a named baseline {source: pre-image, note}: the base ref's files were reviewed too"})
    fixed = fields.List(fields.Dict(), allow_none=True,
                        metadata={"description": "The baseline's findings this change removed"})


#: Largest offset accepted (far beyond any store; bigger numbers are a 422, never an overflow).
MAX_OFFSET = 10_000_000
#: Largest page of full entries (each may carry hundreds of findings).
MAX_FULL_PAGE = 20


class ReviewListQuerySchema(RequestSchema):
    limit = fields.Int(load_default=20, validate=validate.Range(min=1, max=100))
    offset = fields.Int(load_default=0, validate=validate.Range(min=0, max=MAX_OFFSET))
    status = Text(load_default=None, validate=validate.OneOf(STATUSES))
    view = Text(load_default="summary", validate=validate.OneOf(("summary", "full")), metadata={
        "description": "`summary` (default): entries without findings, with counts per severity; "
        f"`full`: the status objects GET returns (limit at most {MAX_FULL_PAGE})"})

    @validates_schema
    def _full_pages_are_small(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("view") == "full" and data.get("limit", 20) > MAX_FULL_PAGE:
            raise ValidationError(f"must be at most {MAX_FULL_PAGE} with view=full", "limit")


class ReviewSummarySchema(Schema):
    review_id = fields.UUID(required=True)
    status = fields.Str(required=True, validate=validate.OneOf(STATUSES))
    project_id = fields.Str(required=True)
    developer_id = fields.Str(required=True)
    submitted_at = fields.Str(required=True, metadata={"format": "date-time"})
    started_at = fields.Str(allow_none=True)
    completed_at = fields.Str(required=True, allow_none=True)
    consensus_score = fields.Float(required=True, allow_none=True)
    passed = fields.Bool(required=True, allow_none=True)
    findings_count = fields.Int(allow_none=True)
    severity_counts = fields.Dict(keys=fields.Str(), values=fields.Int(), allow_none=True,
                                  metadata={"description": "Findings per severity once completed"})
    files_total = fields.Int(metadata={"description": "Files the completed review covered"})
    file_names = fields.List(fields.Str(), metadata={
        "description": "Up to 20 of those files, sorted: the ones with findings or skipped"})
    error = fields.Str(allow_none=True)
    progress = fields.Int()
    files = fields.List(fields.Str())
    base_ref = fields.Str(allow_none=True)


class ReviewListSchema(Schema):
    total = fields.Int(required=True)
    limit = fields.Int(required=True)
    offset = fields.Int(required=True)
    view = fields.Str(required=True, metadata={"example": "summary"})
    reviews = fields.List(fields.Dict(), required=True, metadata={
        "description": "Summary entries (ReviewSummary) or, with view=full, ReviewStatus objects"})


class ReviewPathSchema(Schema):
    review_id = fields.Str(required=True, metadata={"description": "Review UUID"})


class WebSocketQuerySchema(RequestSchema):
    after = fields.Int(load_default=None, allow_none=True, validate=validate.Range(min=0),
                       metadata={"description": "Resume after this event seq"})
    project_id = Text(load_default=None, metadata={"description": "Browser auth (instead of headers)"})
    token = Text(load_default=None, metadata={"description": "Browser auth: the API key"})


class WorktreeInfoSchema(Schema):
    worktree_id = fields.Str(required=True)
    project_id = fields.Str(required=True)
    created_at = fields.Str(required=True)
    last_used = fields.Str(required=True)


class PoolStatusSchema(Schema):
    max_worktrees = fields.Int(required=True)
    current_usage = fields.Int(required=True)
    available = fields.Int(required=True)
    in_use = fields.List(fields.Nested(WorktreeInfoSchema), required=True)
    orphaned_count = fields.Int(required=True)


class RateLimitStatusSchema(Schema):
    capacity = fields.Int(required=True)
    available_tokens = fields.Float(required=True)
    refill_rate = fields.Float(required=True)
    next_refill_at = fields.Str(required=True)


class HealthSchema(Schema):
    status = fields.Str(required=True, metadata={"example": "healthy"})
    version = fields.Str(required=True)


class ProbeSchema(Schema):
    status = fields.Str(required=True)
    checks = fields.Dict(keys=fields.Str(), values=fields.Raw())


class ErrorSchema(Schema):
    error = fields.Str(required=True, metadata={"example": "ValidationError"})
    detail = fields.Str(required=True)
    request_id = fields.Str(allow_none=True)
    retry_after = fields.Int(metadata={"description": "Seconds to wait (429 only)"})
