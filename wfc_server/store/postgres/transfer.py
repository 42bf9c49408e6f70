"""A PostgreSQL deployment as an export source and an import target (``store.transfer``).

Rows are inserted with ``ON CONFLICT DO NOTHING``: an import adds what is missing, never
overwrites. Imported reviews get new arrival numbers here, after the ones already stored, in the
order of the export; a review's stored events come along (a review from the embedded backend,
which keeps events in memory only, arrives with none).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson

from wfc_server.store.keys import KeyRecord
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.directory import _KEY_COLUMNS, _PROJECT_COLUMNS, _key_from_row
from wfc_server.store.postgres.projects import HASHING_SECRET_ROW
from wfc_server.store.postgres.reviews import COLUMNS, record_from_row
from wfc_server.store.records import TERMINAL, ProjectRecord
from wfc_server.store.transfer import ExportedReview, TransferError, audit_fingerprint


class PostgresEnd:
    def __init__(self, dsn: str) -> None:
        self._db = Database(dsn, max_size=2)
        self._audited: set[bytes] | None = None  # the target trail's fingerprints, read once

    async def open(self) -> None:
        await self._db.open()  # migrated: an import may be the first thing a new database sees

    async def close(self) -> None:
        await self._db.close()

    # source

    async def secret(self) -> bytes | None:
        async with self._db.connection() as conn:
            row = await (await conn.execute(
                "SELECT value FROM wfc_secrets WHERE name = %s", (HASHING_SECRET_ROW,))).fetchone()
        return bytes(row[0]) if row else None

    async def projects(self) -> AsyncIterator[ProjectRecord]:
        async with self._db.connection() as conn:
            rows = await (await conn.execute(
                f"SELECT {_PROJECT_COLUMNS} FROM projects WHERE NOT deleting ORDER BY created_at, project_id"
            )).fetchall()
        for row in rows:
            yield ProjectRecord(*row)

    async def keys(self) -> AsyncIterator[KeyRecord]:
        async with self._db.connection() as conn:
            rows = await (await conn.execute(
                f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY created_at, key_id")).fetchall()
        for row in rows:
            yield _key_from_row(row)

    async def documents(self) -> AsyncIterator[tuple[str, str, dict[str, Any]]]:
        async with self._db.connection() as conn:
            policies = await (await conn.execute(
                "SELECT project_id, document FROM gate_policies ORDER BY project_id")).fetchall()
            suppressions = await (await conn.execute(
                "SELECT project_id, document FROM gate_suppressions ORDER BY position")).fetchall()
        for project_id, document in policies:
            yield "policy", project_id, orjson.loads(document)
        for project_id, document in suppressions:
            yield "suppression", project_id, orjson.loads(document)

    async def audit(self) -> AsyncIterator[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await (await conn.execute("SELECT entry FROM audit_entries ORDER BY seq")).fetchall()
        for (entry,) in rows:
            yield orjson.loads(entry)

    async def reviews(self) -> AsyncIterator[ExportedReview]:
        async with self._db.connection() as conn:
            ids = [row[0] for row in await (await conn.execute(
                "SELECT r.review_id FROM reviews r JOIN projects p USING (project_id)"
                " WHERE NOT p.deleting ORDER BY r.seq")).fetchall()]
        for review_id in ids:  # one at a time: a deployment's diffs need not fit in memory
            async with self._db.connection() as conn:
                row = await (await conn.execute(
                    f"SELECT {COLUMNS}, result, (SELECT diff FROM review_diffs d WHERE d.review_id = r.review_id)"
                    " FROM reviews r WHERE review_id = %s", (review_id,))).fetchone()
                events = await (await conn.execute(
                    "SELECT seq, kind, body FROM review_events WHERE review_id = %s ORDER BY seq",
                    (review_id,))).fetchall()
            if row is None:
                continue
            record = record_from_row(row)
            record.result = None if row[-2] is None else orjson.loads(row[-2])
            diff = b"" if row[-1] is None else bytes(row[-1])
            yield ExportedReview(record, diff.decode("utf-8", "surrogateescape"),
                                 [{"seq": s, "kind": k, "body": b} for s, k, b in events])

    # target

    async def adopt_secret(self, secret: bytes) -> bool:
        async with self._db.transaction() as conn:
            row = await (await conn.execute(
                "SELECT value FROM wfc_secrets WHERE name = %s FOR UPDATE", (HASHING_SECRET_ROW,))).fetchone()
            if row is not None and bytes(row[0]) == secret:
                return False
            if row is not None:
                used = await (await conn.execute(
                    "SELECT EXISTS (SELECT 1 FROM api_keys) OR EXISTS (SELECT 1 FROM projects)")).fetchone()
                if used and used[0]:
                    raise TransferError("the database already holds keys hashed with another secret")
            await conn.execute(
                "INSERT INTO wfc_secrets (name, value) VALUES (%s, %s)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value", (HASHING_SECRET_ROW, secret))
        return True

    async def add_project(self, project: ProjectRecord) -> bool:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"INSERT INTO projects ({_PROJECT_COLUMNS}) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (project_id) DO NOTHING",
                (project.project_id, project.developer_id, project.repo_path, project.created_at,
                 project.key_hash))
            return cursor.rowcount == 1

    async def add_key(self, key: KeyRecord) -> bool:
        values = key.to_json()
        names = [name.strip() for name in _KEY_COLUMNS.split(",")]
        row = [orjson.dumps(values[n]).decode() if n == "scopes" else values[n] for n in names]
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"INSERT INTO api_keys ({_KEY_COLUMNS}) VALUES ({', '.join(['%s'] * len(names))})"
                " ON CONFLICT DO NOTHING", row)
            return cursor.rowcount == 1

    async def add_document(self, kind: str, project_id: str, document: dict[str, Any]) -> bool:
        async with self._db.connection() as conn:
            if kind == "policy":
                cursor = await conn.execute(
                    "INSERT INTO gate_policies (project_id, version, document) VALUES (%s, %s, %s)"
                    " ON CONFLICT (project_id) DO NOTHING",
                    (project_id, int(document.get("version", 1)), orjson.dumps(document).decode()))
            else:
                cursor = await conn.execute(
                    "INSERT INTO gate_suppressions (project_id, suppression_id, document) VALUES (%s, %s, %s)"
                    " ON CONFLICT (project_id, suppression_id) DO NOTHING",
                    (project_id, str(document.get("id")), orjson.dumps(document).decode()))
            return cursor.rowcount == 1

    async def add_audit(self, entry: dict[str, Any]) -> bool:
        fingerprint = audit_fingerprint(entry)
        if self._audited is None:
            self._audited = {audit_fingerprint(e) async for e in self.audit()}
        if fingerprint in self._audited:
            return False
        async with self._db.transaction() as conn:
            row = await (await conn.execute(
                "INSERT INTO audit_entries (project_id, entry) VALUES (%s, '') RETURNING seq",
                (entry.get("project_id"),))).fetchone()
            assert row is not None
            numbered = {**entry, "seq": int(row[0])}
            await conn.execute("UPDATE audit_entries SET entry = %s WHERE seq = %s",
                               (orjson.dumps(numbered).decode(), numbered["seq"]))
        self._audited.add(fingerprint)
        return True

    async def add_review(self, review: ExportedReview) -> bool:
        record = review.record
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO reviews (review_id, project_id, developer_id, status, submitted_at, files,"
                " base_ref, started_at, completed_at, consensus_score, passed, error, attempts, event_seq,"
                " progress, findings_count, result, request_id, pipeline, severity_counts, file_summary)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (review_id) DO NOTHING",
                (record.review_id, record.project_id, record.developer_id, record.status, record.submitted_at,
                 orjson.dumps(record.files).decode(), record.base_ref, record.started_at, record.completed_at,
                 record.consensus_score, record.passed, record.error, record.attempts,
                 max([record.event_seq, *(e["seq"] for e in review.events)]) if review.events else 0,
                 100 if record.status in TERMINAL else 0, record.findings_count,
                 None if record.result is None else orjson.dumps(record.result), record.request_id,
                 None if record.pipeline is None else orjson.dumps(record.pipeline).decode(),
                 None if record.severity_counts is None else orjson.dumps(record.severity_counts).decode(),
                 None if record.file_summary is None else orjson.dumps(record.file_summary).decode()))
            if cursor.rowcount != 1:
                return False
            await conn.execute("INSERT INTO review_diffs (review_id, diff) VALUES (%s, %s)",
                               (record.review_id, review.diff.encode("utf-8", "surrogateescape")))
            for event in review.events:
                await conn.execute(
                    "INSERT INTO review_events (review_id, seq, kind, body) VALUES (%s, %s, %s, %s)",
                    (record.review_id, event["seq"], event["kind"], event["body"]))
        return True
