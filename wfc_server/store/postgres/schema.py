"""Versioned, forward-only schema migrations shipped as ``migrations/NNNN_name.sql``.

Applied at start-up by every replica (and by ``wfc-server migrate``) under one advisory lock, so
replicas starting together apply each migration exactly once. Each migration runs in its own
transaction with its version recorded in ``wfc_schema``; a database already at a newer version
than this code knows is refused rather than used with the wrong expectations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from psycopg import AsyncConnection

from wfc_server.logs import get_logger
from wfc_server.store.protocols import StoreIncompatible

log = get_logger("wfc.postgres")

#: pg_advisory_lock key (any fixed bigint; "wfc-schema" in ASCII) shared by all replicas.
SCHEMA_LOCK = 0x7766632D736368
_NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")


class SchemaError(StoreIncompatible):
    """The database's schema cannot be used by this version of wfc-server."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@dataclass(frozen=True, slots=True)
class MigrationReport:
    previous: int
    current: int
    applied: tuple[int, ...]


def known_migrations() -> list[Migration]:
    """The migrations shipped in the package, in order; versions must run 1, 2, 3 ... gap-free."""
    folder = resources.files("wfc_server.store.postgres").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _NAME.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise SchemaError(f"migration versions are not 1..{len(found)}: {[m.version for m in found]}")
    return found


async def schema_version(conn: AsyncConnection) -> int:
    """The version recorded in the database (0 when it has never been migrated)."""
    cursor = await conn.execute("SELECT to_regclass('wfc_schema') IS NOT NULL")
    row = await cursor.fetchone()
    if not row or not row[0]:
        return 0
    cursor = await conn.execute("SELECT coalesce(max(version), 0) FROM wfc_schema")
    row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: AsyncConnection, migrations: list[Migration] | None = None) -> MigrationReport:
    """Bring the schema up to date; raise SchemaError when the database is newer than we are.

    ``conn`` must be in autocommit mode (each migration opens its own transaction).
    """
    migrations = known_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    await conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
    try:
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS wfc_schema ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        previous = await schema_version(conn)
        if previous > latest:
            raise SchemaError(
                f"the database schema is at version {previous}, newer than this wfc-server knows "
                f"({latest}); upgrade wfc-server instead of starting an older one on it"
            )
        applied = []
        for migration in migrations:
            if migration.version <= previous:
                continue
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO wfc_schema (version, name) VALUES (%s, %s)",
                    (migration.version, migration.name),
                )
            applied.append(migration.version)
            log.info("postgres.migrated", version=migration.version, name=migration.name)
    finally:
        await conn.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK,))
    return MigrationReport(previous=previous, current=max(previous, latest), applied=tuple(applied))
