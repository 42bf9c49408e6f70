"""``wfc-server``: run the service (default), review a patch offline (``wfc-server review``) or
print the configuration template (``wfc-server config``)."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

from aiohttp import web

from wfc_server import __version__
from wfc_server.config import ConfigError, Settings, describe, describe_changes, load_settings
from wfc_server.logs import LineSink, configure_logging, flush_periodically, get_logger

if TYPE_CHECKING:
    from wfc_server.state import Lifecycle


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wfc-server",
        description=(
            "Code review as a service. `wfc-server review PATCH` reviews a patch offline; "
            "`wfc-server rules` lists the review rules; "
            "`wfc-server config` prints the configuration template (every key, its default); "
            "`wfc-server migrate --dsn DSN` updates a PostgreSQL schema; "
            "`wfc-server export` / `wfc-server import FILE` move a deployment between backends."
        ),
    )
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 9950)")
    parser.add_argument("--data-dir", help="where reviews are stored (default ~/.wfc)")
    parser.add_argument("--config", help="TOML config file (also WFC_CONFIG)")
    parser.add_argument("--log-level", choices=["debug", "info", "warning", "error"])
    parser.add_argument("--version", action="version", version=f"wfc-server {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["migrate"]:  # `wfc-server migrate --dsn DSN`: the PostgreSQL schema, then exit
        from wfc_server.store.postgres.cli import main as migrate_main

        return migrate_main(argv[1:])
    if argv[:1] in (["export"], ["import"]):  # a deployment as JSON lines, between backends
        from wfc_server.store.transfer_cli import main as transfer_main

        return transfer_main(argv[0], argv[1:])
    if argv[:1] == ["review"]:
        from wfc_server.review.cli import main as review_main

        return review_main(argv[1:])
    if argv[:1] == ["config"]:
        from wfc_server.assets import config_template

        sys.stdout.write(config_template())
        return 0
    if argv[:1] == ["rules"]:
        from wfc_server.review.rules.reference import main as rules_main

        return rules_main(argv[1:])
    if argv[:1] == ["serve"]:
        argv = argv[1:]
    args = build_parser().parse_args(argv)
    flags = {
        "server": {
            "host": args.host,
            "port": args.port,
            "data_dir": args.data_dir,
            "log_level": args.log_level,
        }
    }
    try:
        settings = load_settings(args.config or os.environ.get("WFC_CONFIG"), flags=flags)
    except ConfigError as exc:
        print(f"wfc-server: configuration error: {exc}", file=sys.stderr)
        return 2
    sink = configure_logging(settings.server.log_level)
    # Everything the service writes (reviews, diffs, workspaces) is private to its user.
    os.umask(0o077)
    try:
        return asyncio.run(serve(settings, sink))
    except OSError as exc:
        get_logger("wfc.server").error("server.failed", error=str(exc))
        return 1


def _quiet_resource_exhaustion(loop: asyncio.AbstractEventLoop, log_once: Any) -> None:
    """At the open-file limit asyncio reports every failed accept; log those once per interval."""
    previous = loop.get_exception_handler()

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if "out of system resource" in str(context.get("message", "")):
            log_once(error=str(context.get("exception", "")))
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handle)


#: The exit status of a replica that refuses its store (a schema newer than it knows).
EXIT_REFUSED = 3


async def serve(settings: Settings, sink: LineSink) -> int:
    """Listen until SIGTERM/SIGINT, then drain: stop accepting, finish or requeue, exit.

    Returns the exit status: 0, or EXIT_REFUSED when the store was written by a newer version.
    """
    from wfc_server.api.connections import ConnectionGuard, IntervalLog, connection_cap
    from wfc_server.api.protocol import ServiceRunner
    from wfc_server.app import create_app, drain
    from wfc_server.state import LIFECYCLE

    log = get_logger("wfc.server")
    app = create_app(settings)
    server = settings.server
    guard = ConnectionGuard(connection_cap(server.max_connections), server.max_connections_per_address)
    _quiet_resource_exhaustion(asyncio.get_running_loop(), IntervalLog("server.out_of_resources"))
    runner = ServiceRunner(app, guard=guard, access_log=None, handle_signals=False, shutdown_timeout=5,
                           keepalive_timeout=server.keepalive_timeout_seconds)
    await runner.setup()
    site = web.TCPSite(runner, settings.server.host, settings.server.port, reuse_address=True)
    await site.start()
    print(startup_line(settings), file=sys.stderr, flush=True)
    # The full effective settings are one debug line; at info only what differs from the defaults.
    log.info("server.listening", host=settings.server.host, port=settings.server.port,
             data_dir=str(settings.data_path), version=__version__,
             settings_changed=describe_changes(settings), max_connections=guard.max_total)
    log.debug("server.settings", settings=describe(settings))
    flusher = asyncio.create_task(flush_periodically(sink))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    lifecycle = app[LIFECYCLE]
    freezer = asyncio.create_task(freeze_startup_heap(lifecycle))
    waits = [asyncio.create_task(stop.wait()), asyncio.create_task(lifecycle.refused.wait())]
    await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for waiting in [*waits, freezer]:
        waiting.cancel()
    if lifecycle.refused.is_set():
        print(f"wfc-server: refusing to start: {lifecycle.startup_error}", file=sys.stderr, flush=True)
        await runner.cleanup()
        flusher.cancel()
        await asyncio.gather(flusher, return_exceptions=True)
        sink.flush()
        return EXIT_REFUSED
    log.info("server.draining", grace_seconds=settings.server.drain_grace_seconds)
    await drain(app)  # reviews first, so their subscribers still get the terminal event
    await runner.cleanup()  # then WebSockets close with 1001 and the engine stops
    log.info("server.stopped")
    flusher.cancel()
    await asyncio.gather(flusher, return_exceptions=True)
    return 0


async def freeze_startup_heap(lifecycle: Lifecycle) -> None:
    """Once ready, hide what start-up built (modules, rule tables, loaded indexes) from the cyclic
    garbage collector: a full collection then walks only what requests allocate, where it used to
    walk the whole heap and pause every request and event for 70-120 ms (up to 300 ms on a loaded
    machine). No collection first (it would be such a pause): start-up's few garbage cycles stay,
    once. Only the server process does this; apps built in tests stay collectable."""
    while not lifecycle.ready:
        await asyncio.sleep(0.1)
    gc.freeze()


def startup_line(settings: Settings) -> str:
    """The line for a person at a terminal (stderr; stdout stays JSON for log pipelines)."""
    host = settings.server.host
    every = host in ("0.0.0.0", "::", "")
    shown = "localhost" if every else (f"[{host}]" if ":" in host else host)
    base = f"http://{shown}:{settings.server.port}"
    return (
        f"wfc-server {__version__} listening on {base}{' (all interfaces)' if every else ''} · "
        f"dashboard {base}/dashboard/ · API docs {base}/docs · data in {settings.data_path} · "
        "Ctrl-C stops"
    )
