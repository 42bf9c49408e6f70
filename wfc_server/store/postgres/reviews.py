"""Reviews, their diffs and their event log in PostgreSQL.

Every state change is one conditional UPDATE (``status = ANY(only_from)``), so a cancel on any
replica wins over a late completion: whichever commits first moves the status, the other
matches no row. An event that reports a change takes the review's next ``event_seq`` in the same
transaction; the row lock serialises writers of one review, so each review's seqs are gap-free and
become visible in order. NOTIFY on commit wakes the subscribers; the table stays the truth.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from typing import Any, NamedTuple

import orjson
import psycopg
from psycopg import AsyncConnection, sql

from wfc_server.store.events import event_document
from wfc_server.store.postgres.database import Database
from wfc_server.store.protocols import Announce, ProjectQueueAtCapacity, QueueAtCapacity, ReviewExists
from wfc_server.store.records import TERMINAL, ReviewRecord, utc_now

EVENTS_CHANNEL = "wfc_events"
#: pg_advisory_xact_lock key serialising admission to the shared queue ("wfc-admit" in ASCII).
ADMISSION_LOCK = 0x7766632D61646D
JOBS_CHANNEL = "wfc_jobs"

COLUMNS = (
    "review_id, project_id, developer_id, seq, status, submitted_at, files, base_ref, started_at, "
    "completed_at, consensus_score, passed, error, attempts, event_seq, findings_count, request_id, pipeline, "
    "severity_counts, file_summary"
)
_PROGRESS = 20  # the column after COLUMNS in RETURNING
#: What a transition may change (never the identity, arrival order or event counter).
_WRITABLE = frozenset({
    "status", "started_at", "completed_at", "consensus_score", "passed", "error", "attempts",
    "findings_count", "result", "files", "base_ref", "severity_counts", "file_summary",
})
_JSON_TEXT = frozenset({"files", "severity_counts", "file_summary"})


class StoredEvent(NamedTuple):
    seq: int
    kind: str
    body: str  # the JSON document, as sent to subscribers


def record_from_row(row: Sequence[Any]) -> ReviewRecord:
    (review_id, project_id, developer_id, seq, status, submitted_at, files, base_ref, started_at,
     completed_at, consensus_score, passed, error, attempts, event_seq, findings_count, request_id,
     pipeline, severity_counts, file_summary) = row[:_PROGRESS]
    return ReviewRecord(
        review_id=review_id, project_id=project_id, developer_id=developer_id, seq=seq, status=status,
        submitted_at=submitted_at, files=orjson.loads(files), base_ref=base_ref, started_at=started_at,
        completed_at=completed_at, consensus_score=consensus_score, passed=passed, error=error,
        attempts=attempts, event_seq=event_seq, findings_count=findings_count, request_id=request_id,
        pipeline=None if pipeline is None else orjson.loads(pipeline),
        severity_counts=None if severity_counts is None else orjson.loads(severity_counts),
        file_summary=None if file_summary is None else orjson.loads(file_summary),
    )


def _encode(column: str, value: Any) -> Any:
    if column in _JSON_TEXT:
        return None if value is None else orjson.dumps(value).decode()
    if column == "result":
        return None if value is None else orjson.dumps(value)
    return value


#: NOTIFY payloads must stay under 8000 bytes; an event body longer than this is read from the table.
NOTIFY_BODY_BYTES = 7000


def event_notice(review_id: str, seq: int, kind: str, body: str) -> str:
    """``review_id:seq:kind:body``, so a listener can deliver the next event without reading it;
    ``review_id:seq`` alone (read it from the table) when the body is too long for a NOTIFY."""
    if len(body) <= NOTIFY_BODY_BYTES // 4 or len(body.encode()) <= NOTIFY_BODY_BYTES:
        return f"{review_id}:{seq}:{kind}:{body}"
    return f"{review_id}:{seq}"


async def append_event(conn: AsyncConnection, record: ReviewRecord, progress: int, announce: Announce) -> str:
    """Store the event numbered ``record.event_seq`` and notify on commit (one round trip); its JSON."""
    body = orjson.dumps(
        event_document(record.event_seq, announce.kind, record.review_id, record.status, progress,
                       utc_now(), announce.data)
    ).decode()
    await conn.execute(
        "WITH stored AS (INSERT INTO review_events (review_id, seq, kind, body) VALUES (%s, %s, %s, %s))"
        " SELECT pg_notify(%s, %s)",
        (record.review_id, record.event_seq, announce.kind, body,
         EVENTS_CHANNEL, event_notice(record.review_id, record.event_seq, announce.kind, body)),
    )
    return body


async def update_review(
    conn: AsyncConnection,
    review_id: str,
    only_from: Collection[str],
    changes: dict[str, Any],
    announce: Announce | None,
    *,
    lease_owner: str | None = None,
    lease_seconds: float | None = None,
) -> ReviewRecord | None:
    """The conditional UPDATE (and its event) inside the caller's transaction."""
    unknown = set(changes) - _WRITABLE
    if unknown:
        raise ValueError(f"not writable: {sorted(unknown)}")
    assignments = [sql.SQL("{} = %s").format(sql.Identifier(name)) for name in changes]
    values: list[Any] = [_encode(name, value) for name, value in changes.items()]
    if announce is not None:
        assignments.append(sql.SQL("event_seq = event_seq + 1, progress = greatest(progress, %s)"))
        values.append(min(max(announce.progress, 0), 100))
    if changes.get("status") in TERMINAL:
        assignments.append(sql.SQL("lease_owner = NULL, lease_expires_at = NULL"))
    elif lease_seconds is not None:
        assignments.append(sql.SQL(
            "lease_owner = %s, lease_expires_at = clock_timestamp() + make_interval(secs => %s)"
        ))
        values += [lease_owner, lease_seconds]
    if not assignments:
        assignments.append(sql.SQL("status = status"))
    condition = sql.SQL("review_id = %s AND status = ANY(%s)")
    values += [review_id, list(only_from)]
    if lease_owner is not None and lease_seconds is None:
        condition = sql.SQL("{} AND lease_owner = %s").format(condition)
        values.append(lease_owner)
    query = sql.SQL("UPDATE reviews SET {} WHERE {} RETURNING {}, progress").format(
        sql.SQL(", ").join(assignments), condition, sql.SQL(COLUMNS)
    )
    if announce is not None:
        query, values = _with_event(query, values, announce)
    cursor = await conn.execute(query, values)
    row = await cursor.fetchone()
    return None if row is None else record_from_row(row)


#: The event a transition reports, built from the updated row in the same statement: the same
#: document as ``event_document`` (compact JSON, same keys in the same order).
_EVENT_BODY = (
    """'{"seq":' || u.event_seq || ',"type":' || to_json(%s::text)::text"""
    """ || ',"review_id":' || to_json(u.review_id)::text || ',"status":' || to_json(u.status)::text"""
    """ || ',"progress":' || u.progress || ',"timestamp":' || to_json(%s::text)::text"""
    """ || ',"data":' || %s || '}'"""
)


def _with_event(update: sql.Composable, values: list[Any], announce: Announce) -> tuple[sql.Composable, list[Any]]:
    """One statement for the UPDATE, its event and the NOTIFY (as :func:`event_notice` words it):
    a transition outside a transaction is one round trip, committed (durably) as it returns."""
    query = sql.SQL(
        "WITH u AS ({update}),"
        " e AS (INSERT INTO review_events (review_id, seq, kind, body)"
        "       SELECT u.review_id, u.event_seq, %s, {body} FROM u RETURNING body)"
        " SELECT u.*, pg_notify(%s, CASE WHEN octet_length(e.body) <= %s"
        "   THEN u.review_id || ':' || u.event_seq || ':' || %s || ':' || e.body"
        "   ELSE u.review_id || ':' || u.event_seq END)"
        " FROM u CROSS JOIN e"
    ).format(update=update, body=sql.SQL(_EVENT_BODY))
    data = orjson.dumps(announce.data or {}).decode()
    return query, [*values, announce.kind, announce.kind, utc_now(), data,
                   EVENTS_CHANNEL, NOTIFY_BODY_BYTES, announce.kind]


async def _admit(
    conn: AsyncConnection, project_id: str, max_pending: int | None, max_per_project: int | None
) -> int:
    """Take the admission lock (held until the caller's transaction ends, so the count below and
    the caller's INSERT are one step for every other replica); the project's waiting reviews.

    The count is its own statement: under READ COMMITTED its snapshot is taken after the lock is
    granted, so it sees every review admitted before.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADMISSION_LOCK,))
    cursor = await conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE project_id = %s) FROM reviews WHERE status = 'pending'",
        (project_id,),
    )
    counted = await cursor.fetchone()
    total, mine = (int(counted[0]), int(counted[1])) if counted else (0, 0)
    if max_pending is not None and total >= max_pending:
        raise QueueAtCapacity(total)
    if max_per_project is not None and mine >= max_per_project:
        raise ProjectQueueAtCapacity(max_per_project)
    return mine


class PgReviewStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- reads ------------------------------------------------------------------------------

    async def get(self, review_id: str) -> ReviewRecord | None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {COLUMNS} FROM reviews WHERE review_id = %s", (review_id,))
            row = await cursor.fetchone()
        return record_from_row(row) if row else None

    async def list(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]:
        """The project's reviews newest first (by arrival), optionally of one status."""
        where = "project_id = %s" + (" AND status = %s" if status else "")
        args: list[Any] = [project_id, *([status] if status else [])]
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT count(*) FROM reviews WHERE {where}", args)
            count = await cursor.fetchone()
            cursor = await conn.execute(
                f"SELECT {COLUMNS} FROM reviews WHERE {where} ORDER BY seq DESC LIMIT %s OFFSET %s",
                [*args, limit, offset],
            )
            rows = await cursor.fetchall()
        return (int(count[0]) if count else 0), [record_from_row(row) for row in rows]

    async def ended(self, project_id: str) -> list[ReviewRecord]:
        """The project's finished reviews (webhook reconciliation at start-up)."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {COLUMNS} FROM reviews WHERE project_id = %s"
                " AND status IN ('completed', 'failed', 'cancelled') ORDER BY seq",
                (project_id,),
            )
            return [record_from_row(row) for row in await cursor.fetchall()]

    async def result(self, record: ReviewRecord) -> dict[str, Any] | None:
        if record.result is not None:
            return record.result
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT result FROM reviews WHERE review_id = %s", (record.review_id,)
            )
            row = await cursor.fetchone()
        return orjson.loads(row[0]) if row and row[0] is not None else None

    async def read_diff(self, review_id: str) -> str:
        async with self._db.connection() as conn:
            cursor = await conn.execute("SELECT diff FROM review_diffs WHERE review_id = %s", (review_id,))
            row = await cursor.fetchone()
        if row is None:
            raise FileNotFoundError(f"no diff stored for review {review_id}")
        return bytes(row[0]).decode("utf-8", "replace")

    async def events(self, review_id: str, after: int, upto: int | None = None) -> list[StoredEvent]:
        """The review's events with ``after < seq <= upto``, in order."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT seq, kind, body FROM review_events WHERE review_id = %s AND seq > %s"
                " AND (%s::bigint IS NULL OR seq <= %s) ORDER BY seq",
                (review_id, after, upto, upto),
            )
            return [StoredEvent(int(seq), kind, body) for seq, kind, body in await cursor.fetchall()]

    async def progress(self, review_id: str) -> int | None:
        async with self._db.connection() as conn:
            cursor = await conn.execute("SELECT progress FROM reviews WHERE review_id = %s", (review_id,))
            row = await cursor.fetchone()
        return int(row[0]) if row else None

    # -- writes -----------------------------------------------------------------------------

    async def create(
        self, record: ReviewRecord, diff: str, announce: Announce, *, max_pending: int | None = None,
        max_pending_per_project: int | None = None,
    ) -> ReviewRecord:
        """Commit the review, its diff and its first event together, durably, then wake workers.

        The database assigns ``seq`` (arrival order across replicas); ``record`` is updated with it.
        With ``max_pending`` or ``max_pending_per_project``, admission is decided under a lock
        every replica takes, so concurrent submits anywhere never overfill the queue or one
        project's share of it: QueueAtCapacity / ProjectQueueAtCapacity when full; the event then
        carries the review's ``queue_position`` among its project's waiting reviews.
        """
        try:
            return await self._insert(record, diff, announce, max_pending, max_pending_per_project)
        except psycopg.errors.UniqueViolation as exc:
            raise ReviewExists(record.review_id) from exc

    async def _insert(
        self, record: ReviewRecord, diff: str, announce: Announce, max_pending: int | None,
        max_pending_per_project: int | None,
    ) -> ReviewRecord:
        async with self._db.transaction() as conn:
            if max_pending is not None or max_pending_per_project is not None:
                waiting = await _admit(conn, record.project_id, max_pending, max_pending_per_project)
                announce = dataclasses.replace(announce, data={**announce.data, "queue_position": waiting + 1})
            cursor = await conn.execute(
                "INSERT INTO reviews (review_id, project_id, developer_id, status, submitted_at, files,"
                " base_ref, attempts, event_seq, progress, request_id, pipeline)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1, %s, %s, %s) RETURNING seq",
                (record.review_id, record.project_id, record.developer_id, record.status,
                 record.submitted_at, _encode("files", record.files), record.base_ref, record.attempts,
                 min(max(announce.progress, 0), 100), record.request_id,
                 None if record.pipeline is None else orjson.dumps(record.pipeline).decode()),
            )
            row = await cursor.fetchone()
            assert row is not None
            record.seq = int(row[0])
            record.event_seq = 1
            await conn.execute(
                "INSERT INTO review_diffs (review_id, diff) VALUES (%s, %s)",
                (record.review_id, diff.encode("utf-8", "surrogatepass")),
            )
            await append_event(conn, record, announce.progress, announce)
            await conn.execute("SELECT pg_notify(%s, %s)", (JOBS_CHANNEL, record.project_id))
        return record

    async def transition(
        self,
        review_id: str,
        only_from: Collection[str],
        changes: dict[str, Any],
        announce: Announce | None = None,
        *,
        lease_owner: str | None = None,
    ) -> ReviewRecord | None:
        """Apply ``changes`` iff the status is in ``only_from`` (and, given ``lease_owner``, the
        lease is still ours); None when it is not, e.g. a cancel won the race."""
        async with self._db.connection() as conn:  # one statement: its own transaction
            return await update_review(conn, review_id, only_from, changes, announce, lease_owner=lease_owner)

    async def purge_project(self, project_id: str) -> list[str]:
        """Delete every review of a project (diffs and events cascade); their ids."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM reviews WHERE project_id = %s RETURNING review_id", (project_id,)
            )
            return [row[0] for row in await cursor.fetchall()]
