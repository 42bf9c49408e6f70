"""Schema migrations: applied once under a lock, versioned, forward-only, shipped in the package."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import psycopg
import pytest

from tests.helpers import ROOT, free_port
from wfc_server.store.postgres.cli import apply_migrations
from wfc_server.store.postgres.database import Database
from wfc_server.store.postgres.schema import Migration, SchemaError, known_migrations, migrate, schema_version
from wfc_server.store.protocols import StoreUnavailable


def test_shipped_migrations_are_numbered_from_one_without_gaps() -> None:
    migrations = known_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial" and "CREATE TABLE reviews" in migrations[0].sql


async def test_opening_a_fresh_database_applies_every_migration_and_records_the_version(
    database: Database,
) -> None:
    async with database.connection() as conn:
        assert await schema_version(conn) == len(known_migrations())
        cursor = await conn.execute("SELECT version, name FROM wfc_schema ORDER BY version")
        assert [tuple(r) for r in await cursor.fetchall()] == [(m.version, m.name) for m in known_migrations()]
        again = await migrate(conn)
    assert again.applied == () and again.previous == again.current == len(known_migrations())


async def test_replicas_starting_together_apply_each_migration_exactly_once(pg_dsn: str) -> None:
    replicas = [Database(pg_dsn, max_size=2) for _ in range(4)]
    await asyncio.gather(*(db.open() for db in replicas))
    try:
        async with replicas[0].connection() as conn:
            cursor = await conn.execute("SELECT count(*) FROM wfc_schema")
            assert (await cursor.fetchone())[0] == len(known_migrations())
    finally:
        await asyncio.gather(*(db.close() for db in replicas))


async def test_a_later_migration_applies_on_top_and_a_failing_one_changes_nothing(database: Database) -> None:
    shipped = known_migrations()
    later = Migration(len(shipped) + 1, "add_note", "ALTER TABLE projects ADD COLUMN note text")
    broken = Migration(len(shipped) + 2, "broken", "ALTER TABLE projects ADD COLUMN x int; SELECT nonsense")
    async with database.connection() as conn:
        report = await migrate(conn, [*shipped, later])
        assert report.applied == (later.version,)
        with pytest.raises(psycopg.errors.UndefinedColumn):
            await migrate(conn, [*shipped, later, broken])
        assert await schema_version(conn) == later.version
        cursor = await conn.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'projects' AND column_name = 'x'"
        )
        assert (await cursor.fetchone())[0] == 0


async def test_a_database_newer_than_this_code_is_refused(database: Database, pg_dsn: str) -> None:
    async with database.connection() as conn:
        await conn.execute("INSERT INTO wfc_schema (version, name) VALUES (999, 'from_the_future')")
    newer = Database(pg_dsn)
    with pytest.raises(SchemaError, match="version 999, newer than this wfc-server knows"):
        await newer.open()
    await newer.close()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wfc_server", "migrate", *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env={**os.environ, **(env or {})},
    )


def test_migrate_command_applies_the_schema_and_reads_the_dsn_from_the_environment(pg_dsn: str) -> None:
    result = _cli(env={"WFC_STORE_DSN": pg_dsn})
    assert result.returncode == 0, result.stderr
    assert f"schema version {len(known_migrations())} (was 0; applied 1" in result.stdout


async def test_migrating_again_reports_up_to_date(database: Database, pg_dsn: str) -> None:
    report = await apply_migrations(pg_dsn, timeout=5)
    assert report.applied == () and report.current == len(known_migrations())


async def test_an_unreachable_database_is_named_with_libpq_reason(tmp_path: os.PathLike[str]) -> None:
    with pytest.raises(StoreUnavailable, match="database unavailable: .*No such file or directory"):
        await apply_migrations(f"host={tmp_path} dbname=nowhere", timeout=1)


def test_a_server_refuses_to_start_on_a_newer_schema_and_migrate_says_why(
    pg_dsn: str, tmp_path: os.PathLike[str]
) -> None:
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE wfc_schema (version integer PRIMARY KEY, name text NOT NULL,"
                     " applied_at timestamptz NOT NULL DEFAULT now())")
        conn.execute("INSERT INTO wfc_schema (version, name) VALUES (999, 'from_the_future')")
    env = {**os.environ, "WFC_STORE_BACKEND": "postgres", "WFC_STORE_DSN": pg_dsn,
           "WFC_AUTH_ADMIN_TOKEN": "wfc_admin_refusal-test-token-0123456789"}
    server = subprocess.run(
        [sys.executable, "-m", "wfc_server", "--port", str(free_port()), "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=env,
    )
    assert server.returncode == 3, server.stderr[-2000:]
    assert "refusing to start" in server.stderr and "version 999, newer than this wfc-server knows" in server.stderr
    migrate = _cli("--dsn", pg_dsn)
    assert migrate.returncode == 2 and "version 999" in migrate.stderr
