"""``wfc-server export`` / ``wfc-server import``: a deployment as JSON lines, to either backend.

Each end is a data directory (``--data-dir``, the embedded backend) or a PostgreSQL database
(``--dsn``); without either, the configured one (``store.backend``, ``store.dsn``,
``server.data_dir``, from the config file and WFC_* environment as the server reads them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

from wfc_server.config import ConfigError, load_settings
from wfc_server.logs import configure_logging
from wfc_server.store.protocols import StoreIncompatible, StoreUnavailable
from wfc_server.store.transfer import EmbeddedEnd, TransferError, export_lines, import_lines


def build_parser(command: str) -> argparse.ArgumentParser:
    what = ("Write this deployment's hashing secret, projects, API keys and reviews as JSON lines."
            if command == "export" else
            "Add the projects, keys and reviews of an export to this deployment (idempotent).")
    parser = argparse.ArgumentParser(prog=f"wfc-server {command}", description=what)
    end = parser.add_mutually_exclusive_group()
    end.add_argument("--data-dir", help="an embedded deployment's data directory")
    end.add_argument("--dsn", help="a postgres deployment's libpq connection string")
    parser.add_argument("--config", help="TOML config file (also WFC_CONFIG) naming the deployment")
    if command == "export":
        parser.add_argument("--output", "-o", default="-", help="file to write (default: stdout)")
    else:
        parser.add_argument("file", help="the export to read ('-': stdin)")
    return parser


def _end(args: argparse.Namespace) -> Any:
    if args.dsn:
        return _postgres(args.dsn)
    if args.data_dir:
        return EmbeddedEnd(Path(args.data_dir).expanduser())
    settings = load_settings(args.config or os.environ.get("WFC_CONFIG"))
    if settings.store.backend == "postgres":
        return _postgres(settings.store.dsn)
    return EmbeddedEnd(settings.data_path)


def _postgres(dsn: str) -> Any:
    from wfc_server.store.postgres.transfer import PostgresEnd  # the embedded default never loads psycopg

    return PostgresEnd(dsn)


async def _export(end: Any, out: BinaryIO) -> None:
    await end.open()
    try:
        async for line in export_lines(end):
            out.write(line)
        out.flush()
    finally:
        await end.close()


async def _import(end: Any, source: BinaryIO) -> str:
    await end.open()
    try:
        counts = await import_lines(source, end)
    finally:
        await end.close()
    kinds = sorted(set(counts.added) | set(counts.present))
    return ", ".join(f"{kind}: {counts.added.get(kind, 0)} added, {counts.present.get(kind, 0)} present"
                     for kind in kinds) or "nothing to import"


def main(command: str, argv: list[str]) -> int:
    args = build_parser(command).parse_args(argv)
    sink = configure_logging("error")
    try:
        end = _end(args)
        if command == "export":
            if args.output == "-":
                asyncio.run(_export(end, sys.stdout.buffer))
            else:
                with open(args.output, "wb") as out:
                    asyncio.run(_export(end, out))
        else:
            if args.file == "-":
                summary = asyncio.run(_import(end, sys.stdin.buffer))
            else:
                with open(args.file, "rb") as source:
                    summary = asyncio.run(_import(end, source))
            print(summary)
    except (ConfigError, TransferError, StoreIncompatible) as exc:
        print(f"wfc-server {command}: {exc}", file=sys.stderr)
        return 2
    except StoreUnavailable as exc:
        print(f"wfc-server {command}: {exc.reason}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"wfc-server {command}: {exc}", file=sys.stderr)
        return 1
    finally:
        sink.flush()
    return 0
