"""Small builders shared by the PostgreSQL store tests."""

from __future__ import annotations

import uuid

from wfc_server.store.postgres.reviews import PgReviewStore
from wfc_server.store.protocols import Announce
from wfc_server.store.records import PENDING, ReviewRecord, utc_now


def new_review(project_id: str = "alpha", files: list[str] | None = None) -> ReviewRecord:
    return ReviewRecord(
        review_id=str(uuid.uuid4()),
        project_id=project_id,
        developer_id="dev",
        seq=0,
        status=PENDING,
        submitted_at=utc_now(),
        files=files or ["app.py"],
    )


async def submit(store: PgReviewStore, project_id: str = "alpha", diff: str = "diff --git a/x b/x\n") -> ReviewRecord:
    return await store.create(new_review(project_id), diff, Announce("queued", 0, {"queue_position": 1}))
