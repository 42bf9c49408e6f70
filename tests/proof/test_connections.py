"""Connection hygiene on a real server process under a 1,024 open-file limit: idle sockets that
never send a byte cannot take the service away, and the exhaustion is logged once per interval."""

from __future__ import annotations

import asyncio
import errno
import selectors
import shlex
import socket
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from tests.helpers import ServerProcess, free_port
from tests.proof.support import UNTHROTTLED

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

IDLE_SOCKETS = 1100
FD_LIMIT = 1024


def _open_idle(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that never send anything (non-blocking connects: a server that
    stopped accepting leaves them in its backlog rather than blocking this test)."""
    sockets = []
    for n in range(count):
        if n and n % 100 == 0:
            time.sleep(0.2)  # in batches the server's backlog can take, so all reach accept()
        sock = socket.socket()
        sock.setblocking(False)
        code = sock.connect_ex(("127.0.0.1", port))
        assert code in (0, errno.EINPROGRESS, errno.EAGAIN), code
        sockets.append(sock)
    return sockets


def _wait_connected(sockets: list[socket.socket], timeout: float) -> int:
    """How many of ``sockets`` finished connecting (the kernel completes a connect once the
    server accepts it or queues it in its backlog) within ``timeout``."""
    pending = set(sockets)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        with selectors.DefaultSelector() as selector:
            for sock in pending:
                selector.register(sock, selectors.EVENT_WRITE)
            for key, _ in selector.select(timeout=0.5):
                pending.discard(key.fileobj)  # type: ignore[arg-type]
    return len(sockets) - len(pending)


async def _live(url: str, timeout: float) -> int:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session, \
            session.get(f"{url}/health/live") as response:
        return response.status


async def test_idle_sockets_past_the_fd_limit_do_not_stop_health_live(tmp_path: Path) -> None:
    port = free_port()
    data = tmp_path / "data"
    command = (f"ulimit -n {FD_LIMIT} && exec {shlex.quote(sys.executable)} -m wfc_server --host 127.0.0.1 "
               f"--port {port} --data-dir {shlex.quote(str(data))}")
    server = ServerProcess(data, UNTHROTTLED, port=port, argv=["/bin/sh", "-c", command])
    server.start()
    sockets: list[socket.socket] = []
    try:
        await server.wait_ready()
        sockets = _open_idle(port, IDLE_SOCKETS)
        connected = await asyncio.to_thread(_wait_connected, sockets, 20.0)
        assert connected >= FD_LIMIT, connected  # past the server's limit, accepted or queued
        await asyncio.sleep(1.0)  # let the server accept what it will
        started = time.monotonic()
        statuses = [await _live(server.url, timeout=10.0) for _ in range(5)]
        assert statuses == [200] * 5, statuses
        assert time.monotonic() - started < 10.0
        # Resource exhaustion is reported once per interval, not once per connection.
        noisy = [line for line in server.log_lines()
                 if line.get("event") in ("connections.limit_reached", "server.out_of_resources")
                 or "unparsed" in line]
        assert 1 <= len(noisy) <= 3, noisy[:5]
        assert server.proc is not None and server.proc.poll() is None
    finally:
        for sock in sockets:
            sock.close()
        server.stop()
