"""Projects and the installation secret their API keys are hashed with, shared by all replicas."""

from __future__ import annotations

import secrets

import psycopg

from wfc_server.store.postgres.database import Database
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord

_COLUMNS = "project_id, developer_id, repo_path, created_at, key_hash"
HASHING_SECRET_ROW = "api_key_hashing"
_ADMIN_HASH = "admin_token_hash"


class PgProjectStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def hashing_secret(self) -> bytes:
        """The key-hashing secret, created once for the whole deployment (first replica wins)."""
        async with self._db.connection() as conn:
            await conn.execute(
                "INSERT INTO wfc_secrets (name, value) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                (HASHING_SECRET_ROW, secrets.token_bytes(32)),
            )
            cursor = await conn.execute(
                "SELECT value FROM wfc_secrets WHERE name = %s", (HASHING_SECRET_ROW,)
            )
            row = await cursor.fetchone()
        assert row is not None  # inserted above or by a concurrent replica
        return bytes(row[0])

    async def generated_admin_hash(self, candidate: str) -> tuple[str, bool]:
        """The deployment's generated admin token hash: ``candidate`` (True) if this replica stored
        it first, else the one another replica stored (False); its token was printed there."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                "INSERT INTO wfc_secrets (name, value) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING RETURNING 1",
                (_ADMIN_HASH, candidate.encode("ascii")),
            )
            if await cursor.fetchone() is not None:
                return candidate, True
            cursor = await conn.execute("SELECT value FROM wfc_secrets WHERE name = %s", (_ADMIN_HASH,))
            row = await cursor.fetchone()
        assert row is not None
        return bytes(row[0]).decode("ascii"), False

    async def get(self, project_id: str) -> ProjectRecord | None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {_COLUMNS} FROM projects WHERE project_id = %s", (project_id,)
            )
            row = await cursor.fetchone()
        return ProjectRecord(*row) if row else None

    async def all(self) -> list[ProjectRecord]:
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {_COLUMNS} FROM projects ORDER BY created_at, project_id")
            rows = await cursor.fetchall()
        return [ProjectRecord(*row) for row in rows]

    async def count(self) -> int:
        async with self._db.connection() as conn:
            cursor = await conn.execute("SELECT count(*) FROM projects")
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def create(self, project: ProjectRecord) -> None:
        """Durably committed before it returns; ProjectExists when the id is taken."""
        try:
            async with self._db.connection() as conn:
                await conn.execute(
                    f"INSERT INTO projects ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
                    (project.project_id, project.developer_id, project.repo_path,
                     project.created_at, project.key_hash),
                )
        except psycopg.errors.UniqueViolation as exc:
            raise ProjectExists(project.project_id) from exc
