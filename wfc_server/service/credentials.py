"""API keys: generated once, stored only as a keyed hash, verified in constant time.

Keys carry 256 bits of randomness, so a fast keyed hash (HMAC-SHA256 with a per-installation
secret) is the right tool: a slow password hash would add nothing but latency to every request.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

KEY_PREFIX = "wfc_sk_"
_SECRET_FILE = "server.secret"


def generate_api_key() -> str:
    """``wfc_sk_`` + 43 URL-safe characters (32 random bytes)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


class KeyHasher:
    def __init__(self, secret: bytes | None) -> None:
        """``secret`` None: a shared backend supplies it at start-up (:meth:`use_secret`)."""
        self._secret = b""
        self._decoy = ""
        if secret is not None:
            self.use_secret(secret)

    def use_secret(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("the key-hashing secret must be at least 32 bytes")
        self._secret = secret
        # Compared against when the project is unknown, so timing does not reveal which ids exist.
        self._decoy = self.hash(generate_api_key())

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> KeyHasher:
        """Load the installation secret, creating it (0600) on first start."""
        path = data_dir / _SECRET_FILE
        try:
            secret = path.read_bytes()
        except FileNotFoundError:
            secret = secrets.token_bytes(32)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, secret)
                os.fsync(fd)
            finally:
                os.close(fd)
        if len(secret) < 32:
            raise ValueError(f"{path} is truncated; restore it from backup (keys depend on it)")
        return cls(secret)

    def hash(self, api_key: str) -> str:
        if not self._secret:
            raise RuntimeError("the key-hashing secret is not loaded yet")  # /v1 answers 503 until it is
        # The one-shot C HMAC: every authenticated request hashes its key, and the hmac.HMAC
        # object costs three times as much for the same digest.
        return hmac.digest(self._secret, api_key.encode("utf-8", "surrogatepass"), "sha256").hex()

    def verify(self, api_key: str, stored_hash: str | None) -> bool:
        candidate = self.hash(api_key)
        return hmac.compare_digest(candidate, stored_hash if stored_hash is not None else self._decoy) and (
            stored_hash is not None
        )
