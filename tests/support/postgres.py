"""A throw-away PostgreSQL server for tests: Debian's binaries, a temp directory, a unix socket.

``initdb`` and ``postgres`` refuse to run as root, so when the tests run as root (as CI does) the
directory is handed to the ``postgres`` user and every server command runs through ``runuser``.
The cluster is tuned for tests (no fsync, no TCP listener): it is deleted at the end anyway.
``initdb`` costs seconds, so its fresh output is kept in the temp directory and copied next time.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEBIAN_ROOT = Path("/usr/lib/postgresql")
SUPERUSER = "wfc_test"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The newest Debian ``/usr/lib/postgresql/<ver>/bin``, else the directory of ``initdb`` on PATH."""
    versions = []
    for candidate in DEBIAN_ROOT.glob("*/bin/initdb") if DEBIAN_ROOT.is_dir() else []:
        match = re.fullmatch(r"\d+(?:\.\d+)?", candidate.parent.parent.name)
        if match and (candidate.parent / "pg_ctl").exists():
            versions.append((float(match.group()), candidate.parent))
    if versions:
        return max(versions)[1]
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PostgresMissing(
        "PostgreSQL server binaries not found (install Debian's `postgresql` package; .ci/run does)"
    )


@dataclass
class PostgresServer:
    """One cluster in a temp directory; start/stop/restart keep its data."""

    bindir: Path
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="wfc-pg-")))
    run_as: str | None = field(default_factory=lambda: "postgres" if os.geteuid() == 0 else None)
    startup_seconds: float = 0.0

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    def dsn(self, dbname: str = "postgres") -> str:
        return f"host={self.socket_dir} port=5432 user={SUPERUSER} dbname={dbname}"

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr or result.stdout}")

    def init(self) -> None:
        """A new cluster: a copy of one initdb made earlier on this machine, else initdb (slow)."""
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            os.chown(self.root, user.pw_uid, user.pw_gid)
        cached = self._cache_path()
        if cached.is_dir():
            subprocess.run(["cp", "-a", str(cached), str(self.data_dir)], check=True, timeout=60)
            return
        self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        self._save_to_cache(cached)

    def _cache_path(self) -> Path:
        """Per server build and user: a pristine cluster is the same every time."""
        server = self.bindir / "postgres"
        stamp = f"{self.bindir}:{server.stat().st_mtime_ns}:{self.run_as}:{SUPERUSER}"
        digest = hashlib.sha256(stamp.encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"wfc-pg-initdb-{os.geteuid()}" / digest

    def _save_to_cache(self, target: Path) -> None:
        """Copy the fresh cluster aside; renamed into place whole, so a copy is never partial."""
        try:
            target.parent.mkdir(mode=0o700, exist_ok=True)
            staging = target.parent / f".{target.name}.{os.getpid()}"
            subprocess.run(["cp", "-a", str(self.data_dir), str(staging)], check=True, timeout=60)
            os.rename(staging, target)
        except (OSError, subprocess.SubprocessError):
            shutil.rmtree(target.parent / f".{target.name}.{os.getpid()}", ignore_errors=True)

    def start(self) -> None:
        options = " ".join([
            "-c listen_addresses=''",
            f"-c unix_socket_directories='{self.socket_dir}'",
            "-c fsync=off", "-c full_page_writes=off", "-c max_connections=200",
            "-c shared_buffers=32MB", "-c log_min_messages=warning",
        ])
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "-t", "30", "stop")

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> PostgresServer:
    """Init and start a cluster; raises PostgresMissing when there are no binaries."""
    server = PostgresServer(find_bindir())
    started = time.monotonic()
    try:
        server.init()
        server.start()
    except BaseException:
        server.destroy()
        raise
    server.startup_seconds = time.monotonic() - started
    return server
