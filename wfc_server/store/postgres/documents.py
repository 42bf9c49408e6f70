"""The audit trail, gate policies, suppressions and idempotency keys in PostgreSQL.

The same interfaces as the embedded stores (``store.audit``, ``store.policies``,
``store.suppressions``, ``store.idempotency``), with every change one committed statement, so
replicas never overwrite each other: a policy's next version is computed by the UPDATE itself, an
audit entry's number by an identity column, and an idempotency key is taken by whoever inserts
it first (the other replica's request then answers the same review).
"""

from __future__ import annotations

import time
from dataclasses import astuple
from typing import Any

import orjson

from wfc_server.store.idempotency import IdempotencyEntry, key_hash
from wfc_server.store.postgres.database import Database
from wfc_server.store.records import utc_now


class PgAuditLog:
    """``store.audit.AuditLog``: append-only; the database numbers the entries."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self) -> int:
        return 0  # nothing to read ahead: pages come from the table; nothing can be torn

    async def append(self, entry: dict[str, Any]) -> dict[str, Any]:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO audit_entries (project_id, entry) VALUES (%s, '') RETURNING seq",
                (entry.get("project_id"),),
            )
            row = await cursor.fetchone()
            assert row is not None
            numbered = {"seq": int(row[0]), **entry}
            await conn.execute("UPDATE audit_entries SET entry = %s WHERE seq = %s",
                               (orjson.dumps(numbered).decode(), numbered["seq"]))
        return numbered

    async def page(self, project_id: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        """Newest first; ``project_id`` None is the whole trail."""
        where, args = ("WHERE project_id = %s", [project_id]) if project_id is not None else ("", [])
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT count(*) FROM audit_entries {where}", args)
            total = await cursor.fetchone()
            cursor = await conn.execute(
                f"SELECT entry FROM audit_entries {where} ORDER BY seq DESC LIMIT %s OFFSET %s",
                [*args, limit, offset],
            )
            rows = await cursor.fetchall()
        return (int(total[0]) if total else 0), [orjson.loads(row[0]) for row in rows]

    def close(self) -> None:
        return None  # the pool closes with the backend


class PgPolicyStore:
    """``store.policies.PolicyStore``: every change takes the next version, whichever replica."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, project_id: str) -> dict[str, Any] | None:
        async with self._db.connection() as conn:
            cursor = await conn.execute("SELECT document FROM gate_policies WHERE project_id = %s", (project_id,))
            row = await cursor.fetchone()
        return orjson.loads(row[0]) if row else None

    async def put(self, project_id: str, policy: dict[str, Any], author: str) -> dict[str, Any]:
        document = {"version": 1, "updated_at": utc_now(), "author": author, "policy": policy}
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO gate_policies (project_id, version, document) VALUES (%s, 1, '')"
                " ON CONFLICT (project_id) DO UPDATE SET version = gate_policies.version + 1"
                " RETURNING version",
                (project_id,),
            )
            row = await cursor.fetchone()
            assert row is not None
            document["version"] = int(row[0])
            await conn.execute("UPDATE gate_policies SET document = %s WHERE project_id = %s",
                               (orjson.dumps(document).decode(), project_id))
        return document


class PgSuppressionStore:
    """``store.suppressions.SuppressionStore``: one row each, listed in the order they were added."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def list(self, project_id: str) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT document FROM gate_suppressions WHERE project_id = %s ORDER BY position", (project_id,)
            )
            return [orjson.loads(row[0]) for row in await cursor.fetchall()]

    async def add(self, project_id: str, suppression: dict[str, Any]) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO gate_suppressions (project_id, suppression_id, document) VALUES (%s, %s, %s)",
                (project_id, str(suppression.get("id")), orjson.dumps(suppression).decode()),
            )

    async def delete(self, project_id: str, suppression_id: str) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM gate_suppressions WHERE project_id = %s AND suppression_id = %s",
                (project_id, suppression_id),
            )
            return cursor.rowcount > 0


class PgIdempotencyStore:
    """``store.idempotency.IdempotencyStore``: keys stored hashed, expired after ``ttl_seconds``."""

    def __init__(self, db: Database, ttl_seconds: float) -> None:
        self._db = db
        self._ttl = ttl_seconds

    async def get(self, project_id: str, key: str) -> IdempotencyEntry | None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "SELECT key_hash, request_hash, review_id, created_at FROM idempotency_keys"
                " WHERE project_id = %s AND key_hash = %s AND created_at >= %s",
                (project_id, key_hash(key), time.time() - self._ttl),
            )
            row = await cursor.fetchone()
        return IdempotencyEntry(*row) if row else None

    async def put(self, project_id: str, entry: IdempotencyEntry) -> IdempotencyEntry:
        """Store ``entry`` unless a live one holds the key: then that one (it names the review)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM idempotency_keys WHERE project_id = %s AND key_hash = %s AND created_at < %s",
                (project_id, entry.key_hash, time.time() - self._ttl),
            )
            cursor = await conn.execute(
                "INSERT INTO idempotency_keys (project_id, key_hash, request_hash, review_id, created_at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (project_id, key_hash) DO NOTHING RETURNING 1",
                (project_id, *astuple(entry)),
            )
            if await cursor.fetchone() is not None:
                return entry
            cursor = await conn.execute(
                "SELECT key_hash, request_hash, review_id, created_at FROM idempotency_keys"
                " WHERE project_id = %s AND key_hash = %s", (project_id, entry.key_hash),
            )
            row = await cursor.fetchone()
        return IdempotencyEntry(*row) if row else entry

    async def purge(self, older_than: float) -> int:
        async with self._db.connection() as conn:
            cursor = await conn.execute("DELETE FROM idempotency_keys WHERE created_at < %s", (older_than,))
            return cursor.rowcount
