"""Projects and API keys as every replica sees them: in memory, written through, kept current.

Authentication runs on every request, so its lookups are dict probes, as in the embedded store.
Writes go to PostgreSQL first (committed, durable), then into this replica's memory, and a NOTIFY
makes every other replica re-read the changed row; after the notification connection comes back,
each replica re-reads everything (notifications sent meanwhile are lost). A lookup that misses
memory (a key created on another replica a moment ago) asks the database before saying no.
"""

from __future__ import annotations

import abc
import os
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import orjson
import psycopg

from wfc_server.logs import get_logger
from wfc_server.store.files import ScanReport
from wfc_server.store.keys import KeyIndex, KeyRecord
from wfc_server.store.postgres.database import Database
from wfc_server.store.projects import ProjectExists
from wfc_server.store.records import ProjectRecord

log = get_logger("wfc.postgres")

DIRECTORY_CHANNEL = "wfc_directory"
_PROJECT_COLUMNS = "project_id, developer_id, repo_path, created_at, key_hash"
_KEY_COLUMNS = ("key_id, project_id, name, prefix, key_hash, created_at, scopes, expires_at, last_used_at,"
                " revoked_at, created_by, expiry_recorded")


class _Mirror(abc.ABC):
    """Re-reads rows other replicas changed: ``project:<id>`` / ``key:<id>`` notifications."""

    def __init__(self, db: Database, kind: str) -> None:
        self._db = db
        self._kind = kind

    async def listen(self) -> None:
        await self._db.listener.on(DIRECTORY_CHANNEL, self._notified, on_reconnect=self.reload)

    async def announce(self, conn: psycopg.AsyncConnection, ident: str) -> None:
        await conn.execute("SELECT pg_notify(%s, %s)", (DIRECTORY_CHANNEL, f"{self._kind}:{ident}"))

    def _notified(self, payload: str) -> None:
        kind, _, ident = payload.partition(":")
        if kind == self._kind:
            self._db.spawn(self.refresh(ident), name=f"directory-refresh-{kind}")

    @abc.abstractmethod
    async def reload(self) -> None:
        """Re-read every row (after notifications may have been missed)."""

    @abc.abstractmethod
    async def refresh(self, ident: str) -> None:
        """Re-read one row another replica changed."""


class ProjectDirectory(_Mirror):
    """The project store of a postgres deployment, with the embedded store's read interface."""

    def __init__(self, db: Database) -> None:
        super().__init__(db, "project")
        self._projects: dict[str, ProjectRecord] = {}
        self._deleting: set[str] = set()
        self._changed: list[Callable[[str], None]] = []

    def on_change(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(project_id)`` as soon as any replica announces a change to the project
        (before the row is re-read): caches of the project's data drop it at once."""
        self._changed.append(listener)

    def _notified(self, payload: str) -> None:
        kind, _, ident = payload.partition(":")
        if kind == self._kind:
            for listener in self._changed:
                try:
                    listener(ident)
                except Exception:  # noqa: BLE001 - one cache's bug must not stop the re-read
                    log.exception("postgres.project_listener_failed", project_id=ident)
        super()._notified(payload)

    async def load(self) -> ScanReport:
        await self.reload()
        await self.listen()
        report = ScanReport()
        report.loaded = len(self._projects)
        return report

    async def reload(self) -> None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {_PROJECT_COLUMNS}, deleting FROM projects")
            rows = await cursor.fetchall()
        self._projects = {row[0]: ProjectRecord(*row[:5]) for row in rows if not row[5]}
        self._deleting = {row[0] for row in rows if row[5]}

    async def refresh(self, ident: str) -> None:
        await self.fetch(ident)

    def get(self, project_id: str) -> ProjectRecord | None:
        return self._projects.get(project_id)

    async def fetch(self, project_id: str) -> ProjectRecord | None:
        """The project, asking the database when this replica has not heard of it (yet)."""
        async with self._db.connection() as conn:
            cursor = await conn.execute(
                f"SELECT {_PROJECT_COLUMNS}, deleting FROM projects WHERE project_id = %s", (project_id,)
            )
            row = await cursor.fetchone()
        if row is None or row[5]:
            self._projects.pop(project_id, None)
            if row is not None:
                self._deleting.add(project_id)
            return None
        project = ProjectRecord(*row[:5])
        self._projects[project_id] = project
        return project

    def all(self) -> list[ProjectRecord]:
        return sorted(self._projects.values(), key=lambda p: (p.created_at, p.project_id))

    def page(self, limit: int, offset: int) -> tuple[int, list[ProjectRecord]]:
        """``(total, projects)``: one page of :meth:`all`, oldest first (as the embedded store)."""
        ordered = self.all()
        return len(ordered), ordered[offset: offset + limit]

    def repo_claimant(self, repo_path: str) -> str | None:
        """The project that registered ``repo_path`` (symbolic links resolved) first, as the
        embedded store answers (from this replica's copy of the projects, kept current by NOTIFY)."""
        wanted = os.path.realpath(repo_path)
        for project in self.all():
            if project.repo_path and os.path.realpath(project.repo_path) == wanted:
                return project.project_id
        return None

    def __len__(self) -> int:
        return len(self._projects)

    async def create(self, project: ProjectRecord) -> None:
        """Committed (durably) before it becomes visible; ProjectExists when the id is taken."""
        try:
            async with self._db.transaction() as conn:
                await conn.execute(
                    f"INSERT INTO projects ({_PROJECT_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
                    (project.project_id, project.developer_id, project.repo_path, project.created_at,
                     project.key_hash),
                )
                await self.announce(conn, project.project_id)
        except psycopg.errors.UniqueViolation as exc:
            raise ProjectExists(project.project_id) from exc
        self._projects[project.project_id] = project

    def pending_deletions(self) -> list[str]:
        return sorted(self._deleting)

    async def begin_delete(self, project_id: str) -> None:
        """Durably mark the project as being deleted (hidden on every replica), then hide it here."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE projects SET deleting = true WHERE project_id = %s", (project_id,))
            await self.announce(conn, project_id)
        self._projects.pop(project_id, None)

    async def finish_delete(self, project_id: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM projects WHERE project_id = %s", (project_id,))
            await self.announce(conn, project_id)
        self._projects.pop(project_id, None)
        self._deleting.discard(project_id)


def _key_from_row(row: Sequence[Any]) -> KeyRecord:
    values = list(row)
    values[6] = orjson.loads(values[6])
    return KeyRecord(*values)


class KeyDirectory(KeyIndex, _Mirror):
    """API keys of a postgres deployment (``store.keys.KeyStore``); hashes only, never secrets."""

    def __init__(self, db: Database) -> None:
        KeyIndex.__init__(self)
        _Mirror.__init__(self, db, "key")

    async def load(self) -> ScanReport:
        await self.reload()
        await self.listen()
        report = ScanReport()
        report.loaded = len(self.all())
        return report

    async def reload(self) -> None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys")
            keys = [_key_from_row(row) for row in await cursor.fetchall()]
        known = {key.key_id for key in keys}
        for gone in [key.key_id for key in self.all() if key.key_id not in known]:
            self._forget(gone)
        for key in keys:
            self._index(key)

    async def refresh(self, ident: str) -> None:
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE key_id = %s", (ident,))
            row = await cursor.fetchone()
        if row is None:
            self._forget(ident)
        else:
            self._index(_key_from_row(row))

    async def find(self, key_hash: str) -> KeyRecord | None:
        """The key with this hash, asking the database when this replica has not seen it yet."""
        known = self.by_hash(key_hash)
        if known is not None:
            return known
        async with self._db.connection() as conn:
            cursor = await conn.execute(f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE key_hash = %s", (key_hash,))
            row = await cursor.fetchone()
        if row is None:
            return None
        key = _key_from_row(row)
        self._index(key)
        return key

    async def save(self, record: KeyRecord) -> None:
        """Commit the key (new or changed) before it takes effect anywhere."""
        data = dataclasses.asdict(record)
        data["scopes"] = orjson.dumps(record.scopes).decode()
        columns = [c.strip() for c in _KEY_COLUMNS.split(",")]
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[1:])
        async with self._db.transaction() as conn:
            await conn.execute(
                f"INSERT INTO api_keys ({_KEY_COLUMNS}) VALUES ({', '.join(['%s'] * len(columns))})"
                f" ON CONFLICT (key_id) DO UPDATE SET {updates}",
                [data[c] for c in columns],
            )
            await self.announce(conn, record.key_id)
        self._dirty.discard(record.key_id)
        self._index(record)

    async def flush_last_used(self) -> int:
        """Write the last-used times gathered since the last flush, in one statement batch."""
        dirty = self.take_dirty()
        if not dirty:
            return 0
        try:
            async with self._db.transaction() as conn, conn.cursor() as cursor:
                await cursor.executemany(
                    "UPDATE api_keys SET last_used_at = %s"
                    " WHERE key_id = %s AND (last_used_at IS NULL OR last_used_at < %s)",
                    [(k.last_used_at, k.key_id, k.last_used_at) for k in dirty],
                )
        except Exception:
            self.mark_dirty(dirty)  # again at the next flush
            raise
        return len(dirty)

    async def delete(self, record: KeyRecord) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM api_keys WHERE key_id = %s", (record.key_id,))
            await self.announce(conn, record.key_id)
        self._forget(record.key_id)

    async def purge_project(self, project_id: str) -> None:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM api_keys WHERE project_id = %s RETURNING key_id", (project_id,)
            )
            for (key_id,) in await cursor.fetchall():
                await self.announce(conn, key_id)
        self._forget_project(project_id)

    def _index(self, record: KeyRecord) -> None:
        old = self.get(record.project_id, record.key_id)
        if old is not None and old is not record and (old.last_used_at or "") > (record.last_used_at or ""):
            record.last_used_at = old.last_used_at  # this replica's use, not flushed yet
        super()._index(record)
