"""``wfc-server migrate``: bring a PostgreSQL database's schema up to date, then exit.

Replicas migrate at start-up anyway; running this first (e.g. as a deploy step) keeps schema
changes out of the replicas' start-up and shows the result.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

import psycopg
from psycopg import AsyncConnection

from wfc_server.logs import configure_logging
from wfc_server.store.postgres.database import unavailable
from wfc_server.store.postgres.schema import MigrationReport, SchemaError, migrate
from wfc_server.store.protocols import StoreUnavailable


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfc-server migrate",
        description="Apply the PostgreSQL schema migrations this version ships (forward-only).",
    )
    parser.add_argument(
        "--dsn",
        default=os.environ.get("WFC_STORE_DSN"),
        help="libpq connection string or URI (default: $WFC_STORE_DSN)",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the database")
    return parser


async def apply_migrations(dsn: str, timeout: float) -> MigrationReport:
    try:
        async with await AsyncConnection.connect(
            dsn, autocommit=True, connect_timeout=max(int(timeout), 1)
        ) as conn:
            return await migrate(conn)
    except psycopg.OperationalError as exc:
        raise unavailable(exc) from exc


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if not args.dsn:
        print("wfc-server migrate: give --dsn or set WFC_STORE_DSN", file=sys.stderr)
        return 2
    sink = configure_logging("error")
    try:
        report = asyncio.run(apply_migrations(args.dsn, args.timeout))
    except SchemaError as exc:
        print(f"wfc-server migrate: {exc}", file=sys.stderr)
        return 2
    except StoreUnavailable as exc:
        print(f"wfc-server migrate: {exc.reason}", file=sys.stderr)
        return 1
    finally:
        sink.flush()
    if report.applied:
        applied = ", ".join(str(v) for v in report.applied)
        print(f"schema version {report.current} (was {report.previous}; applied {applied})")
    else:
        print(f"schema version {report.current}: up to date")
    return 0
