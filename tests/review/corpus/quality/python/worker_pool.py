"""A tiny thread-based job runner."""

import logging
import socket
import threading
import time

log = logging.getLogger(__name__)


class JobRunner:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: list[str] = []

    def record(self, job_id: str) -> None:
        self._lock.acquire()  # wfc-expect: reliability medium
        self._done.append(job_id)
        self._lock.release()

    def ping(self, host: str, port: int) -> bool:
        sock = socket.create_connection((host, port))  # wfc-expect: reliability medium
        sock.sendall(b"PING\n")
        return sock.recv(4) == b"PONG"

    def connect_forever(self, host: str, port: int) -> socket.socket:
        while True:  # wfc-expect: reliability medium
            try:
                return socket.create_connection((host, port), timeout=5)
            except OSError:
                log.warning("connect to %s:%d failed, retrying", host, port)
                time.sleep(1)

    def cleanup(self, path: str) -> None:
        try:
            import os

            os.remove(path)
        except:  # wfc-expect: reliability medium
            pass
